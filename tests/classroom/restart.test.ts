/**
 * kill -9 in the middle of a class: the real server runs as a child process; students keep
 * sending commands while it is SIGKILLed by PID and restarted on the same port and database.
 * They reconnect by themselves (socket.io reconnection; the handshake puts them back in their
 * class), resend what was not acknowledged under the same seq, and nothing acknowledged is
 * lost. The class state, the dashboard, the report and every verdict are exactly as before.
 */
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClassStateView, DashboardView } from "../../game/class-protocol";
import { EVENT, type ServerReply, type VerdictSummary } from "../../game/protocol";
import { PAUSED_ERROR } from "../../server/classroom/student-gate";
import { command, connectClient, control, createClass, expectError, expectOk, joinAs, openLevel, signUp, sleep, studentClient, tempDbFile, v, type Browser, type Client } from "./harness";
import { freePort, startServerProcess, type ServerProcess } from "./server-process";

const LEVEL = "svc-reach-service-b";
const SOLUTION = "iptables -t nat -A PREROUTING -d 10.96.0.20/32 -p tcp --dport 80 -j DNAT --to-destination 10.244.0.3:8080";
const LINES = [...Array.from({ length: 8 }, () => ["ip route", "ip link set cni0 mtu 1450", "iptables -t nat -S", "ip link set cni0 mtu 1500"]).flat(), SOLUTION, "ip route"];
const ENV = { PODPATH_STUDENT_COMMANDS_BURST: "1000", PODPATH_STUDENT_COMMANDS_PER_SECOND: "1000", PODPATH_REJOIN_GRACE_MS: "1000" };

let temp: { file: string; cleanup: () => void };
let port: number;
let server: ServerProcess | undefined;

beforeAll(async () => {
  temp = tempDbFile();
  port = await freePort();
  server = await startServerProcess(port, temp.file, ENV);
});
afterAll(async () => {
  await server?.stop();
  temp.cleanup();
});

async function restart(): Promise<void> {
  await server!.kill9();
  server = await startServerProcess(port, temp.file, ENV);
}

interface Student {
  readonly browser: Browser;
  readonly client: Client;
  readonly id: string;
  attemptId: string;
  readonly acked: Map<number, Extract<ServerReply, { type: "command" }>>;
}

function connected(client: Client): Promise<void> {
  return client.socket.connected ? Promise.resolve() : new Promise((resolve) => client.socket.once("connect", () => resolve()));
}

/** What a real client does: send, and on no answer wait for the connection and send the same seq again. */
async function sendReliably(client: Client, message: unknown): Promise<ServerReply> {
  for (let tries = 0; ; tries++) {
    try {
      return (await client.socket.timeout(3000).emitWithAck(EVENT, message)) as ServerReply;
    } catch (error) {
      if (tries > 60) throw error;
      await connected(client);
    }
  }
}

async function play(student: Student, from: number, to: number, gapMs: number): Promise<void> {
  for (let seq = from; seq <= to; seq++) {
    const reply = await sendReliably(student.client, command(student.attemptId, seq, "node1", LINES[seq - 1]!));
    student.acked.set(seq, expectOk(reply, "command"));
    if (gapMs) await sleep(gapMs);
  }
}

const strip = (view: DashboardView) => ({ ...view, at: "", seq: 0 });

async function dashboardWhenAllOnline(teacher: Browser, classId: string, students: number): Promise<DashboardView> {
  for (let i = 0; i < 100; i++) {
    const answer = await teacher.request("GET", `/api/classes/${classId}/dashboard`);
    if (answer.status === 200 && answer.body.dashboard.totals.online === students) return answer.body.dashboard;
    await sleep(100);
  }
  throw new Error(`the students did not all come back online:\n${server!.output()}`);
}

describe("kill -9 and restart during a class", () => {
  it("loses no acknowledged command, and class state, dashboard, report and verdicts are exactly as before", { timeout: 240_000 }, async () => {
    const url = server!.url;
    const teacher = await signUp(url);
    const klass = await createClass(teacher, { pacing: "unlocked", variants: true, levelIds: [LEVEL, "pod-eth0-bringup"] });
    const instructor = await connectClient(teacher, { reconnection: true });
    expectOk(await instructor.send(control("class.start", klass.id)), "class.state");
    expectOk(await instructor.send(control("class.unlock", klass.id)), "class.state");
    expectOk(await instructor.send(control("class.broadcast", klass.id, { text: "kill -9 is coming" })), "class.message");

    const students: Student[] = [];
    for (const nick of ["ada", "grace", "linus"]) {
      const { browser, joined } = await joinAs(url, klass.code, nick);
      const client = await studentClient(browser, klass.code, { reconnection: true });
      const attempt = await openLevel(client, LEVEL);
      students.push({ browser, client, id: joined.student.id, attemptId: attempt.id, acked: new Map() });
    }

    // Phase 1: SIGKILL while every student is sending.
    const playing = students.map((s) => play(s, 1, LINES.length, 15));
    while (students.some((s) => s.acked.size < 6)) await sleep(10);
    const ackedBeforeKill = students.map((s) => s.acked.size);
    await restart();
    await Promise.all(playing);
    expect(ackedBeforeKill.every((n) => n < LINES.length)).toBe(true);
    for (const s of students) {
      expect(s.acked.size).toBe(LINES.length);
      const view = await openLevel(s.client, LEVEL);
      expect(view.log.map((e) => e.seq)).toEqual(LINES.map((_, i) => i + 1));
      expect(view.log.map((e) => e.line)).toEqual(LINES);
      for (const [seq, reply] of s.acked) expect(view.log[seq - 1]).toEqual(reply.entry);
      expect(s.acked.get(LINES.length - 2)!.verdict.solved).toBe(false);
      expect(s.acked.get(LINES.length - 1)!.verdict.solved).toBe(true); // the solution
      expect(view.verdict).toEqual(s.acked.get(LINES.length)!.verdict);
      expect(view.stars).toBeGreaterThan(0);
    }

    // Phase 2: a quiet class, killed: everything reads back the same.
    const before = {
      state: (await teacher.request("GET", `/api/classes/${klass.id}`)).body.class as ClassStateView,
      dashboard: strip(await dashboardWhenAllOnline(teacher, klass.id, students.length)),
      csv: (await teacher.request("GET", `/api/classes/${klass.id}/report.csv`)).text,
      views: await Promise.all(students.map((s) => openLevel(s.client, LEVEL))),
      joined: await Promise.all(students.map(async (s) => expectOk(await s.client.send({ v, type: "class.join", code: klass.code }), "class.joined").joined)),
    };
    expect(before.state).toMatchObject({ status: "running", unlocked: 2 });
    await restart();
    await Promise.all(students.map((s) => connected(s.client)));
    const after = {
      state: (await teacher.request("GET", `/api/classes/${klass.id}`)).body.class as ClassStateView,
      dashboard: strip(await dashboardWhenAllOnline(teacher, klass.id, students.length)),
      csv: (await teacher.request("GET", `/api/classes/${klass.id}/report.csv`)).text,
      views: await Promise.all(students.map(async (s) => expectOk(await sendReliably(s.client, { v, type: "attempt.open", levelId: LEVEL }), "attempt").attempt)),
      joined: await Promise.all(students.map(async (s) => expectOk(await sendReliably(s.client, { v, type: "class.join", code: klass.code }), "class.joined").joined)),
    };
    expect(after).toEqual(before);

    // Phase 3: paused, killed: still paused after the restart, terminals still frozen; resume works.
    await connected(instructor);
    expectOk(await sendReliably(instructor, control("class.pause", klass.id)), "class.state");
    await restart();
    expect((await teacher.request("GET", `/api/classes/${klass.id}`)).body.class).toMatchObject({ status: "paused", unlocked: 2 });
    const ada = students[0]!;
    expect(expectError(await sendReliably(ada.client, command(ada.attemptId, LINES.length + 1, "node1", "ip route")))).toBe(PAUSED_ERROR);
    expectOk(await sendReliably(instructor, control("class.resume", klass.id)), "class.state");
    expectOk(await sendReliably(ada.client, command(ada.attemptId, LINES.length + 1, "node1", "ip route")), "command");

    for (const s of students) s.client.close();
    instructor.close();
    await server!.stop();
    server = undefined;

    // Straight from the file: each acknowledged reply is the stored entry and the stored verdict.
    const db = new Database(temp.file, { readonly: true });
    try {
      for (const s of students) {
        const rows = db.prepare("select seq, line from commands where attempt_id = ? order by seq").all(s.attemptId) as { seq: number; line: string }[];
        expect(rows.slice(0, LINES.length).map((r) => r.line)).toEqual(LINES);
        for (const [seq, reply] of s.acked) {
          const stored = db.prepare("select json from attempt_verdicts where attempt_id = ? and seq = ? and cause = 'command' order by ord desc limit 1").get(s.attemptId, seq) as { json: string };
          expect(JSON.parse(stored.json) as VerdictSummary).toEqual(reply.verdict);
        }
        const counts = db.prepare("select count(*) as n from attempt_verdicts where attempt_id = ? and cause = 'command'").get(s.attemptId) as { n: number };
        expect(counts.n).toBe(rows.length);
      }
    } finally {
      db.close();
    }
  });
});
