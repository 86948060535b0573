/**
 * The server functions the classroom pages render first with (server/classroom/pages.ts): they
 * read the process's shared database (PODPATH_DB) and give exactly what the API gives, and
 * nothing to a cookie without access.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveApi } from "../../server/classroom/http/node-adapter";
import { sharedHttpDeps } from "../../server/classroom/http/http-deps";
import { classDashboard, instructorClasses, instructorForSession, joinedClass, removedFromClass, studentDrill } from "../../server/classroom/pages";
import { closeSharedDatabase } from "../../server/db/shared";
import { ensurePlayerCookie } from "../../server/play/player-cookie";
import { createClass, joinAs, signUp, tempDbFile } from "./harness";

let temp: { file: string; cleanup: () => void };
let http: Server;
let url: string;
beforeAll(async () => {
  temp = tempDbFile();
  process.env.PODPATH_DB = temp.file;
  http = createServer((req, res) => {
    ensurePlayerCookie(req, res);
    void serveApi(sharedHttpDeps(), req, res);
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => http.close(resolve));
  closeSharedDatabase();
  temp.cleanup();
});

describe("first-render server functions", () => {
  it("give the owner what the API gives, and undefined to anyone else", async () => {
    const owner = await signUp(url, "pages-owner");
    const other = await signUp(url, "pages-other");
    const klass = await createClass(owner);
    const { browser, joined } = await joinAs(url, klass.code, "<b>pat</b>");
    const session = owner.cookies.get("pp_session");
    const otherSession = other.cookies.get("pp_session");
    const studentToken = browser.cookies.get("pp_student");

    expect(instructorForSession(session)?.email).toMatch(/^pages-owner-/);
    expect(instructorClasses(session)?.map((c) => c.id)).toEqual([klass.id]);
    expect(instructorClasses(otherSession)).toEqual([]);

    const api = (await owner.request("GET", `/api/classes/${klass.id}/dashboard`)).body.dashboard;
    expect({ ...classDashboard(session, klass.id), at: "" }).toEqual({ ...api, at: "" });
    expect(studentDrill(session, klass.id, joined.student.id)).toMatchObject({ student: { nickname: "<b>pat</b>" }, log: [], hosts: [] });
    expect(joinedClass(studentToken)).toMatchObject({ student: { id: joined.student.id, nickname: "<b>pat</b>" }, class: { id: klass.id } });

    for (const nobody of [undefined, "", "not-a-token", otherSession, studentToken]) {
      expect(classDashboard(nobody, klass.id)).toBeUndefined();
      expect(studentDrill(nobody, klass.id, joined.student.id)).toBeUndefined();
    }
    expect(instructorForSession(studentToken)).toBeUndefined();
    expect(joinedClass(session)).toBeUndefined();
    expect(joinedClass(undefined)).toBeUndefined();
  });

  it("tell a removed student's cookie which class it was removed from, and nobody else", async () => {
    const owner = await signUp(url, "pages-remover");
    const klass = await createClass(owner, { title: "<i>Removal</i> 101" });
    const { browser, joined } = await joinAs(url, klass.code, "leaver");
    const kept = await joinAs(url, klass.code, "stayer");
    const token = browser.cookies.get("pp_student");
    expect(removedFromClass(token)).toBeUndefined();
    sharedHttpDeps().store.markRemoved(joined.student.id, new Date().toISOString());
    expect(joinedClass(token)).toBeUndefined();
    expect(removedFromClass(token)).toEqual({ title: "<i>Removal</i> 101" });
    expect(removedFromClass(kept.browser.cookies.get("pp_student"))).toBeUndefined();
    expect(removedFromClass(owner.cookies.get("pp_session"))).toBeUndefined();
    expect(removedFromClass(undefined)).toBeUndefined();
  });
});
