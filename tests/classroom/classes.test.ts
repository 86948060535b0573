/** Creating classes (levels, pacing, variants, join codes) and the class machine itself. */
import { createActor } from "xstate";
import { describe, expect, it } from "vitest";
import { classMachine, refusal } from "../../game/class-machine";
import { JOIN_CODE_ALPHABET } from "../../game/class-protocol";
import { newJoinCode } from "../../server/classroom/join-code";
import { trackLevelIds } from "../../server/classroom/level-info";
import { initialMachineJson, readSnapshot } from "../../server/classroom/class-snapshot";
import { createClass, signUp, classServerForFile } from "./harness";

const server = classServerForFile();

describe("join codes", () => {
  it("are 6 characters without 0, O, 1, I or L", () => {
    expect(JOIN_CODE_ALPHABET).not.toMatch(/[01OIL]/);
    for (let i = 0; i < 500; i++) expect(newJoinCode()).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
  });

  it("are unique among classes that have not ended, and free again once a class ends", async () => {
    const teacher = await signUp(server.url);
    const klass = await createClass(teacher);
    const row = server.store.classById(klass.id)!;
    const twin = { ...row, id: "twin-class-id-0000000" };
    expect(server.store.insertClass(twin)).toBe(false);
    server.store.saveMachine(klass.id, "ended", row.machine);
    expect(server.store.insertClass(twin)).toBe(true);
    expect(server.store.openClassByCode(klass.code)?.id).toBe(twin.id);
  });
});

describe("POST /api/classes", () => {
  it("takes a track's levels in order, or chosen levels; pacing and variants as asked", async () => {
    const teacher = await signUp(server.url);
    const byTrack = await createClass(teacher, { levelIds: undefined, track: "pod", pacing: "unlocked", variants: true, stuckMinutes: 3 });
    expect(byTrack).toMatchObject({ levelIds: trackLevelIds("pod"), pacing: "unlocked", unlocked: 1, variants: true, stuckMinutes: 3, status: "lobby" });
    expect(byTrack.levelIds.length).toBeGreaterThan(1);
    const chosen = await createClass(teacher, { levelIds: ["svc-hairpin", "pod-eth0-bringup"] });
    expect(chosen).toMatchObject({ levelIds: ["svc-hairpin", "pod-eth0-bringup"], pacing: "free", unlocked: 2, variants: false, stuckMinutes: 5 });
    const list = await teacher.request("GET", "/api/classes");
    expect(list.body.classes.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining([byTrack.id, chosen.id]));
  });

  it("refuses unknown or repeated levels, both or neither of track and levelIds, and bad fields", async () => {
    const teacher = await signUp(server.url);
    const post = (body: Record<string, unknown>) => teacher.request("POST", "/api/classes", { title: "T", ...body });
    expect((await post({ levelIds: ["no-such-level"] })).body.error).toBe('levelIds: there is no level "no-such-level"');
    expect((await post({ levelIds: ["svc-hairpin", "svc-hairpin"] })).body.error).toBe("levelIds: a level is listed twice");
    expect((await post({ track: "pod", levelIds: ["svc-hairpin"] })).body.error).toMatch(/give either track or levelIds/);
    expect((await post({})).body.error).toMatch(/give either track or levelIds/);
    expect((await post({ track: "kernel" })).body.error).toMatch(/^bad request: track: must be one of pod, node/);
    expect((await post({ track: "pod", pacing: "fast" })).body.error).toBe('bad request: pacing: must be "free" or "unlocked"');
    expect((await post({ track: "pod", stuckMinutes: 0 })).body.error).toBe("bad request: stuckMinutes: must be 1-120");
    expect((await post({ track: "pod", title: "" })).body.error).toBe("bad request: title: is empty");
    expect((await post({ track: "pod", levelIds: undefined, owner: "me" })).status).toBe(400);
  });
});

describe("the class machine", () => {
  const at = "2030-01-01T10:00:00.000Z";
  it("moves lobby -> running <-> paused -> ended, counts paused time, and unlocks only with pacing unlocked", () => {
    const actor = createActor(classMachine, { input: { levelCount: 3, pacing: "unlocked" } }).start();
    expect(actor.getSnapshot().value).toBe("lobby");
    actor.send({ type: "UNLOCK" });
    expect(actor.getSnapshot().context.unlocked).toBe(2);
    actor.send({ type: "PAUSE", at });
    expect(actor.getSnapshot().value).toBe("lobby");
    actor.send({ type: "START", at });
    actor.send({ type: "PAUSE", at: "2030-01-01T10:01:00.000Z" });
    actor.send({ type: "RESUME", at: "2030-01-01T10:03:00.000Z" });
    expect(actor.getSnapshot().context.pausedMs).toBe(120_000);
    actor.send({ type: "UNLOCK" });
    actor.send({ type: "UNLOCK" });
    expect(actor.getSnapshot().context.unlocked).toBe(3);
    actor.send({ type: "END", at });
    expect(actor.getSnapshot()).toMatchObject({ value: "ended", status: "done" });
  });

  it("says in words why an event cannot happen", () => {
    const free = createActor(classMachine, { input: { levelCount: 2, pacing: "free" } }).start().getSnapshot();
    expect(refusal(free, { type: "UNLOCK" })).toMatch(/pacing is free/);
    expect(refusal(free, { type: "PAUSE", at })).toBe("the class is still in the lobby; it cannot be paused now");
    expect(refusal(free, { type: "START", at })).toBeUndefined();
  });

  it("restores from its stored snapshot exactly, and a damaged snapshot is a clear error", () => {
    const actor = createActor(classMachine, { input: { levelCount: 4, pacing: "unlocked" } }).start();
    actor.send({ type: "START", at });
    actor.send({ type: "UNLOCK" });
    actor.send({ type: "PAUSE", at });
    const json = JSON.stringify(actor.getPersistedSnapshot());
    const restored = readSnapshot(json, "c1");
    expect(restored.value).toBe("paused");
    expect(restored.context).toEqual(actor.getSnapshot().context);
    expect(JSON.parse(initialMachineJson(2, "free"))).toMatchObject({ value: "lobby", context: { unlocked: 2 } });
    expect(() => readSnapshot("{", "c1")).toThrow("class c1: its stored machine snapshot is not JSON");
    expect(() => readSnapshot(JSON.stringify({ value: "flying", status: "active", context: {} }), "c1")).toThrow(/damaged/);
  });
});
