/**
 * The report page's server function (server/classroom/pages.ts classReport): the same rows as
 * report.csv, typed, for the owner only. The class server and the page function share one
 * SQLite file, as the real server and Next's server components do.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classReport } from "../../server/classroom/pages";
import { closeSharedDatabase } from "../../server/db/shared";
import { command, connectClient, control, createClass, expectOk, joinAs, openLevel, signUp, startClassServer, studentClient, tempDbFile, type ClassServer } from "./harness";

const SOLUTION = "iptables -t nat -A PREROUTING -d 10.96.0.20/32 -p tcp --dport 80 -j DNAT --to-destination 10.244.0.3:8080";

let server: ClassServer;
let cleanup: () => void;
beforeAll(async () => {
  const temp = tempDbFile();
  cleanup = temp.cleanup;
  process.env.PODPATH_DB = temp.file;
  server = await startClassServer(temp.file);
});
afterAll(async () => {
  await server.close();
  closeSharedDatabase();
  cleanup();
});

/** report.csv's lines as arrays (no field here needs RFC 4180 quoting). */
const csvLines = (text: string) => text.trimEnd().split("\r\n").map((l) => l.split(","));

describe("classReport", () => {
  it("gives the owner report.csv's rows, typed, and nothing to anyone else", async () => {
    const teacher = await signUp(server.url, "report-owner");
    const other = await signUp(server.url, "report-other");
    const klass = await createClass(teacher); // svc-reach-service-b, pod-eth0-bringup
    const ana = await joinAs(server.url, klass.code, "ana");
    await joinAs(server.url, klass.code, "bo");
    const instructor = await connectClient(teacher);
    expectOk(await instructor.send(control("class.start", klass.id)), "class.state");
    const socket = await studentClient(ana.browser, klass.code);
    const attempt = await openLevel(socket, "svc-reach-service-b");
    expectOk(await socket.send(command(attempt.id, 1, "node1", "iptables -S")), "command");
    expect(expectOk(await socket.send(command(attempt.id, 2, "node1", SOLUTION)), "command").verdict.solved).toBe(true);
    socket.close();
    instructor.close();

    const report = classReport(teacher.cookies.get("pp_session"), klass.id)!;
    expect(report.class.id).toBe(klass.id);
    expect(report.levels.map((l) => l.id)).toEqual(["svc-reach-service-b", "pod-eth0-bringup"]);
    expect(report.levels[0]!.title).toBe("Make pod A reach service B");
    expect(report.rows.map((r) => [r.student, r.levelId])).toEqual([
      ["ana", "svc-reach-service-b"],
      ["ana", "pod-eth0-bringup"],
      ["bo", "svc-reach-service-b"],
      ["bo", "pod-eth0-bringup"],
    ]);
    expect(report.rows[0]).toMatchObject({ studentId: ana.joined.student.id, solved: true, commands: 2, hintsUsed: 0, solutionShown: false });
    expect(report.rows[0]!.stars).toBeGreaterThan(0);
    expect(report.rows[0]!.timeSeconds).toBeGreaterThanOrEqual(0);
    expect(report.rows[1]).toMatchObject({ solved: false, commands: 0, stars: 0 });
    expect(report.rows[1]!.timeSeconds).toBeUndefined();

    const csv = csvLines((await teacher.request("GET", `/api/classes/${klass.id}/report.csv`)).text);
    const yes = (b: boolean) => (b ? "yes" : "no");
    expect(csv.slice(1)).toEqual(report.rows.map((r) => [r.student, r.levelId, yes(r.solved), String(r.timeSeconds ?? ""), String(r.commands), String(r.hintsUsed), String(r.stars), yes(r.solutionShown)]));

    expect(classReport(other.cookies.get("pp_session"), klass.id)).toBeUndefined();
    expect(classReport(undefined, klass.id)).toBeUndefined();
    expect(classReport(ana.browser.cookies.get("pp_student"), klass.id)).toBeUndefined();
  });
});
