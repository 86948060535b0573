/**
 * Test rig for the classroom: the real play service, classroom and HTTP API on a plain HTTP
 * server (port 0) over a real SQLite file, reached with real HTTP requests (a cookie jar per
 * browser) and real socket.io clients.
 */
import { request as httpRequest, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll } from "vitest";
import { PUSH_EVENT, type ClassStateView, type ServerPush, type StudentClassView } from "../../game/class-protocol";
import { EVENT, PROTOCOL_VERSION, type AttemptView, type ServerReply } from "../../game/protocol";
import { createClassroom } from "../../server/classroom/classroom";
import { classSeedFor } from "../../server/classroom/class-seeds";
import { ClassStore } from "../../server/classroom/class-store";
import { httpDeps } from "../../server/classroom/http/http-deps";
import { serveApi } from "../../server/classroom/http/node-adapter";
import { classroomLimits } from "../../server/classroom/limits";
import { createRuntime, type ClassroomRuntime } from "../../server/classroom/runtime";
import { openDatabase, type PodpathDb } from "../../server/db/open";
import { createPlayService, type PlayService } from "../../server/play/play-service";
import { createPlaySocketServer } from "../../server/play/play-socket";
import { ensurePlayerCookie } from "../../server/play/player-cookie";
import { tempDbFile } from "../server/harness";

export { tempDbFile };
export const v = PROTOCOL_VERSION;

export interface ClassServer {
  readonly url: string;
  readonly db: PodpathDb;
  readonly play: PlayService;
  readonly store: ClassStore;
  readonly runtime: ClassroomRuntime;
  close(): Promise<void>;
}

export interface ClassServerOptions {
  readonly env?: Record<string, string>;
  readonly flushMs?: number;
  readonly sweepMs?: number;
}

/** One class server for a test file: started before its tests on a fresh SQLite file, closed after them. */
export function classServerForFile(options: ClassServerOptions = {}): ClassServer {
  let current: ClassServer | undefined;
  let cleanup = () => {};
  beforeAll(async () => {
    const temp = tempDbFile();
    cleanup = temp.cleanup;
    current = await startClassServer(temp.file, options);
  });
  afterAll(async () => {
    await current?.close();
    cleanup();
  });
  const live = (): ClassServer => {
    if (!current) throw new Error("the class server starts in beforeAll");
    return current;
  };
  return {
    get url() { return live().url; },
    get db() { return live().db; },
    get play() { return live().play; },
    get store() { return live().store; },
    get runtime() { return live().runtime; },
    close: () => live().close(),
  };
}

export async function startClassServer(file: string, options: ClassServerOptions = {}): Promise<ClassServer> {
  const db = openDatabase(file);
  const runtime = createRuntime(classroomLimits({ PODPATH_REJOIN_GRACE_MS: "300", ...options.env }));
  const store = new ClassStore(db.orm);
  const play = createPlayService({ orm: db.orm, seedFor: classSeedFor(store) });
  const deps = httpDeps(db.orm, runtime);
  const httpServer = createServer((req, res) => {
    ensurePlayerCookie(req, res);
    void serveApi(deps, req, res).then((served) => {
      if (!served) res.writeHead(404).end();
    });
  });
  const classroom = createClassroom({ orm: db.orm, play, runtime, flushMs: options.flushMs ?? 20, ...(options.sweepMs ? { sweepMs: options.sweepMs } : {}) });
  const io = createPlaySocketServer(httpServer, play, classroom.socketOptions);
  classroom.attach(io);
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    play,
    store,
    runtime,
    close: () =>
      new Promise<void>((resolve) => {
        io.close(() => {
          void classroom.close().finally(() => {
            db.close();
            resolve();
          });
        });
      }),
  };
}

export interface HttpAnswer<T = any> {
  readonly status: number;
  readonly body: T;
  readonly text: string;
  readonly headers: Record<string, string | string[] | undefined>;
}

/** One browser: a cookie jar, and (optionally) its own loopback address, for per-IP limits. */
export class Browser {
  readonly cookies = new Map<string, string>();

  constructor(
    readonly url: string,
    readonly localAddress = "127.0.0.1",
  ) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, val]) => `${k}=${val}`).join("; ");
  }

  request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer<T>> {
    const payload = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        this.url + path,
        {
          method,
          localAddress: this.localAddress,
          headers: {
            ...(payload !== undefined ? { "content-type": "application/json" } : {}),
            ...(this.cookies.size ? { cookie: this.cookieHeader() } : {}),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            for (const line of res.headers["set-cookie"] ?? []) {
              const [pair] = line.split(";");
              const at = pair!.indexOf("=");
              const name = pair!.slice(0, at);
              const value = pair!.slice(at + 1);
              if (/Max-Age=0/.test(line) || value === "") this.cookies.delete(name);
              else this.cookies.set(name, value);
            }
            const text = Buffer.concat(chunks).toString("utf8");
            let parsed: unknown = undefined;
            try {
              parsed = JSON.parse(text);
            } catch {
              parsed = undefined;
            }
            resolve({ status: res.statusCode ?? 0, body: parsed as T, text, headers: res.headers });
          });
        },
      );
      req.on("error", reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  /** Any page of the app gives a pp_player cookie; here the first API call does. */
  async ensurePlayer(): Promise<void> {
    if (!this.cookies.has("pp_player")) await this.request("GET", "/api/auth/me");
  }
}

export interface Client {
  readonly socket: Socket;
  readonly pushes: ServerPush[];
  send(message: unknown): Promise<ServerReply>;
  /** Resolves with the first push (already received or to come) that matches. */
  waitForPush<T extends ServerPush["type"]>(type: T, match?: (p: Extract<ServerPush, { type: T }>) => boolean, timeoutMs?: number): Promise<Extract<ServerPush, { type: T }>>;
  close(): void;
}

export async function connectClient(browser: Browser, options: { auth?: Record<string, unknown>; reconnection?: boolean } = {}): Promise<Client> {
  await browser.ensurePlayer();
  const socket = connect(browser.url, {
    transports: ["websocket"],
    extraHeaders: { cookie: browser.cookieHeader() },
    forceNew: true,
    reconnection: options.reconnection ?? false,
    reconnectionDelay: 200,
    reconnectionDelayMax: 1000,
    ...(options.auth ? { auth: options.auth } : {}),
  });
  const pushes: ServerPush[] = [];
  const waiters = new Set<() => void>();
  socket.on(PUSH_EVENT, (push: ServerPush) => {
    pushes.push(push);
    for (const w of [...waiters]) w();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  return {
    socket,
    pushes,
    send: (message) => socket.timeout(15_000).emitWithAck(EVENT, message),
    waitForPush(type, match, timeoutMs = 5000) {
      type P = Extract<ServerPush, { type: typeof type }>;
      const find = () => pushes.find((p): p is P => p.type === type && (!match || match(p as P)));
      return new Promise((resolve, reject) => {
        const found = find();
        if (found) return resolve(found);
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${type} push within ${timeoutMs} ms`));
        }, timeoutMs);
        const check = () => {
          const hit = find();
          if (!hit) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(hit);
        };
        waiters.add(check);
      });
    },
    close: () => socket.close(),
  };
}

/** A connect that must fail: its error message. */
export async function connectError(browser: Browser, auth?: Record<string, unknown>): Promise<string> {
  await browser.ensurePlayer();
  const socket = connect(browser.url, { transports: ["websocket"], extraHeaders: { cookie: browser.cookieHeader() }, forceNew: true, reconnection: false, ...(auth ? { auth } : {}) });
  try {
    return await new Promise<string>((resolve, reject) => {
      socket.once("connect", () => reject(new Error("connected, but a refusal was expected")));
      socket.once("connect_error", (e) => resolve(e.message));
    });
  } finally {
    socket.close();
  }
}

let emails = 0;

export async function signUp(url: string, name = "teacher"): Promise<Browser> {
  const browser = new Browser(url);
  const answer = await browser.request("POST", "/api/auth/signup", { email: `${name}-${process.pid}-${++emails}@school.example`, password: "correct horse battery" });
  if (answer.status !== 201) throw new Error(`sign-up failed: ${answer.status} ${answer.text}`);
  return browser;
}

export async function createClass(instructor: Browser, body: Record<string, unknown> = {}): Promise<ClassStateView> {
  const answer = await instructor.request("POST", "/api/classes", { title: "Networking 101", levelIds: ["svc-reach-service-b", "pod-eth0-bringup"], ...body });
  if (answer.status !== 201) throw new Error(`class creation failed: ${answer.status} ${answer.text}`);
  return answer.body.class as ClassStateView;
}

export async function joinAs(url: string, code: string, nickname: string, browser = new Browser(url)): Promise<{ browser: Browser; joined: { student: { id: string; nickname: string }; class: ClassStateView } }> {
  const answer = await browser.request("POST", "/api/join", { code, nickname });
  if (answer.status !== 200) throw new Error(`join failed: ${answer.status} ${answer.text}`);
  return { browser, joined: answer.body };
}

/** A student's socket in their class (handshake auth), ready to play. */
export async function studentClient(browser: Browser, code: string, options: { reconnection?: boolean } = {}): Promise<Client> {
  return connectClient(browser, { auth: { classCode: code }, ...options });
}

export function expectOk<T extends Extract<ServerReply, { ok: true }>["type"]>(reply: ServerReply, type: T): Extract<ServerReply, { ok: true; type: T }> {
  if (!reply.ok) throw new Error(`expected a ${type} reply, got the error: ${reply.error}`);
  if (reply.type !== type) throw new Error(`expected a ${type} reply, got ${reply.type}`);
  return reply as Extract<ServerReply, { ok: true; type: T }>;
}

export function expectError(reply: ServerReply): string {
  if (reply.ok) throw new Error(`expected an error, got a ${reply.type} reply`);
  return reply.error;
}

export async function openLevel(client: Client, levelId: string): Promise<AttemptView> {
  return expectOk(await client.send({ v, type: "attempt.open", levelId }), "attempt").attempt;
}

export function command(attemptId: string, seq: number, host: string, line: string) {
  return { v, type: "attempt.command", attemptId, seq, host, line };
}

export const control = (type: string, classId: string, extra: Record<string, unknown> = {}) => ({ v, type, classId, ...extra });

export type Joined = StudentClassView;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
