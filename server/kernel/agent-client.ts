/**
 * The harness side of a host agent (agent.mjs): spawns it inside the host's namespace as
 * `ip netns exec NS node agent.mjs HOST` (ip-netns(8) execs, so the spawned PID is node's) and
 * exchanges JSON lines with it. Every request has a deadline; an agent that exits fails its
 * pending requests instead of hanging them.
 */
import type { ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { Sandbox } from "./sandbox";

const AGENT_PATH = fileURLToPath(new URL("./agent.mjs", import.meta.url));
const READY_TIMEOUT_MS = 10_000;

export type AgentOutcome = {
  result: "connected" | "reply" | "refused" | "unreachable" | "timeout" | "local-error";
  server?: string;
  seenSrc?: string;
  seenDst?: string;
  seenPort?: number;
  detail?: string;
};

type AgentMessage = { req?: number | null; ok?: boolean; error?: string; outcome?: AgentOutcome; ready?: boolean };
type Pending = { resolve: (message: AgentMessage) => void; reject: (error: Error) => void; timer: NodeJS.Timeout };

export class AgentClient {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private nextRequest = 1;
  private exited: string | undefined;
  private stderrTail = "";
  readonly ready: Promise<void>;

  constructor(sandbox: Sandbox, readonly host: string) {
    this.child = sandbox.processes.spawn([sandbox.tools.ip, "netns", "exec", sandbox.namespaceOf(host), process.execPath, AGENT_PATH, host]);
    this.child.stdin?.on("error", () => {});
    this.child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-500);
    });
    let markReady: () => void = () => {};
    let failReady: (error: Error) => void = () => {};
    this.ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failReady = reject;
    });
    const readyTimer = setTimeout(() => failReady(new Error(`agent on ${host} did not start within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
    this.ready.then(() => clearTimeout(readyTimer), () => clearTimeout(readyTimer));
    createInterface({ input: this.child.stdout! }).on("line", (line) => {
      const message = parseMessage(line);
      if (message?.ready) markReady();
      else if (message && typeof message.req === "number") this.settle(message.req, message);
    });
    const onGone = (why: string) => {
      this.exited = `agent on ${host} ${why}${this.stderrTail ? `: ${this.stderrTail.trim()}` : ""}`;
      failReady(new Error(this.exited));
      for (const [request, pending] of this.pending) {
        clearTimeout(pending.timer);
        pending.reject(new Error(this.exited));
        this.pending.delete(request);
      }
    };
    this.child.once("error", (error) => onGone(`could not start (${error.message})`));
    this.child.once("exit", (code, signal) => onGone(`exited (${signal ?? `code ${code}`})`));
  }

  /** Sends one request and waits for its answer, at most timeoutMs. */
  request(body: Record<string, unknown>, timeoutMs: number): Promise<AgentMessage> {
    if (this.exited) return Promise.reject(new Error(this.exited));
    const req = this.nextRequest++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(req);
        reject(new Error(`agent on ${this.host} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(req, { resolve, reject, timer });
      this.child.stdin?.write(JSON.stringify({ ...body, req }) + "\n");
    });
  }

  /** Closing stdin makes the agent exit by itself; cleanup SIGKILLs it by PID if it does not. */
  close(): void {
    this.child.stdin?.end();
  }

  private settle(req: number, message: AgentMessage): void {
    const pending = this.pending.get(req);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pending.delete(req);
    pending.resolve(message);
  }
}

function parseMessage(line: string): AgentMessage | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === "object" && value !== null ? (value as AgentMessage) : undefined;
  } catch {
    return undefined;
  }
}
