/**
 * The student's class view (app/_lib/class-view.ts): the first render's view, then pushes.
 * Each push changes what its type says, for this class and this student only.
 */
import { describe, expect, it } from "vitest";
import type { ClassMessageView, ClassStateView, ServerPush, StudentClassView } from "../../game/class-protocol";
import { classViewReducer, initialClassView, levelAccess, newestFirst, REMOVED_TEXT, type ClassView } from "../../app/_lib/class-view";

const klass: ClassStateView = { id: "class-aaaaaaaaaaaaaaaa", code: "ABC234", title: "Networking 101", status: "lobby", pacing: "unlocked", levelIds: ["pod-eth0-bringup", "svc-reach-service-b", "svc-hairpin"], unlocked: 1, variants: false, stuckMinutes: 5 };
const joined: StudentClassView = { student: { id: "stud-aaaaaaaaaaaaaaaa", nickname: "pat" }, class: klass, messages: [], progress: {} };
const message = (id: number, text: string, to: Partial<ClassMessageView> = {}): ClassMessageView => ({ id, classId: klass.id, text, to: "all", at: `2025-01-01T00:00:0${id}Z`, ...to });
const push = (view: ClassView, p: ServerPush) => classViewReducer(view, { type: "push", push: p });

describe("class view", () => {
  it("takes a class.state push for its class as the new state, and ignores another class's", () => {
    const v0 = initialClassView(joined);
    const v1 = push(v0, { v: 1, type: "class.state", state: { ...klass, status: "running", startedAt: "2025-01-01T00:00:00Z" } });
    expect(v1.joined.class.status).toBe("running");
    expect(v1.joined.class.startedAt).toBe("2025-01-01T00:00:00Z");
    const v2 = push(v1, { v: 1, type: "class.state", state: { ...klass, id: "class-bbbbbbbbbbbbbbbb", status: "ended" } });
    expect(v2.joined.class.status).toBe("running");
  });

  it("pauses and resumes a running class on `paused`, but never a class in the lobby or ended", () => {
    const running = push(initialClassView(joined), { v: 1, type: "class.state", state: { ...klass, status: "running" } });
    const paused = push(running, { v: 1, type: "paused", classId: klass.id, paused: true });
    expect(paused.joined.class.status).toBe("paused");
    expect(push(paused, { v: 1, type: "paused", classId: klass.id, paused: false }).joined.class.status).toBe("running");
    expect(push(running, { v: 1, type: "paused", classId: "class-bbbbbbbbbbbbbbbb", paused: true }).joined.class.status).toBe("running");
    expect(push(initialClassView(joined), { v: 1, type: "paused", classId: klass.id, paused: false }).joined.class.status).toBe("lobby");
    const ended = push(running, { v: 1, type: "class.state", state: { ...klass, status: "ended" } });
    expect(push(ended, { v: 1, type: "paused", classId: klass.id, paused: false }).joined.class.status).toBe("ended");
  });

  it("keeps messages to everyone and to this student, once each, in order; newest first for the page", () => {
    let v = initialClassView(joined);
    v = push(v, { v: 1, type: "class.message", message: message(2, "second") });
    v = push(v, { v: 1, type: "class.message", message: message(1, "<b>first</b>") });
    v = push(v, { v: 1, type: "class.message", message: message(2, "second") }); // recovered twice
    v = push(v, { v: 1, type: "class.message", message: message(3, "to pat", { to: "student", studentId: joined.student.id }) });
    v = push(v, { v: 1, type: "class.message", message: message(4, "to sam", { to: "student", studentId: "stud-bbbbbbbbbbbbbbbb" }) });
    v = push(v, { v: 1, type: "class.message", message: { ...message(5, "elsewhere"), classId: "class-bbbbbbbbbbbbbbbb" } });
    expect(v.joined.messages.map((m) => m.text)).toEqual(["<b>first</b>", "second", "to pat"]);
    expect(newestFirst(v.joined.messages).map((m) => m.id)).toEqual([3, 2, 1]);
  });

  it("marks the student removed on class.removed or when the server refuses the socket for it", () => {
    const v = initialClassView(joined);
    expect(push(v, { v: 1, type: "class.removed", classId: "class-bbbbbbbbbbbbbbbb" }).removed).toBe(false);
    expect(push(v, { v: 1, type: "class.removed", classId: klass.id }).removed).toBe(true);
    const refused = classViewReducer(v, { type: "connection", connected: false, refusal: REMOVED_TEXT });
    expect(refused).toMatchObject({ removed: true, refusal: REMOVED_TEXT });
    const other = classViewReducer(v, { type: "connection", connected: false, refusal: "the server cannot check class memberships right now" });
    expect(other.removed).toBe(false);
  });

  it("takes the whole view again from class.join, clearing a refusal", () => {
    const refused = classViewReducer(initialClassView(joined), { type: "connection", connected: false, refusal: "offline" });
    const fresh: StudentClassView = { ...joined, class: { ...klass, status: "running", unlocked: 2 }, progress: { "pod-eth0-bringup": { status: "solved", stars: 3, passed: 3, total: 3 } } };
    const v = classViewReducer(refused, { type: "joined", joined: fresh });
    expect(v.refusal).toBeUndefined();
    expect(v.joined.class.unlocked).toBe(2);
    expect(v.joined.progress["pod-eth0-bringup"]?.status).toBe("solved");
  });

  it("says which levels may be opened: not before the start, not past the unlocked ones, only the class's", () => {
    expect(levelAccess(klass, "pod-eth0-bringup").kind).toBe("lobby");
    const running = { ...klass, status: "running" as const };
    expect(levelAccess(running, "pod-eth0-bringup").kind).toBe("playable");
    expect(levelAccess(running, "svc-reach-service-b").kind).toBe("locked");
    expect(levelAccess({ ...running, unlocked: 2 }, "svc-reach-service-b").kind).toBe("playable");
    expect(levelAccess(running, "node-veth-down").kind).toBe("not-in-class");
    // Paused and ended classes can still be looked at.
    expect(levelAccess({ ...running, status: "paused" }, "pod-eth0-bringup").kind).toBe("playable");
    expect(levelAccess({ ...running, status: "ended" }, "pod-eth0-bringup").kind).toBe("playable");
  });
});
