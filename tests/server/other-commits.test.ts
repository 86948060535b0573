/** OtherCommits: a connection learns whether another one committed since it last looked, and never counts its own commits. */
import { afterEach, describe, expect, it } from "vitest";
import { OtherCommits } from "../../server/db/other-commits";
import { openDatabase } from "../../server/db/open";
import { tempDbFile } from "./harness";

const open: (() => void)[] = [];
afterEach(() => {
  for (const close of open.splice(0).reverse()) close();
});

describe("OtherCommits", () => {
  it("says yes after another connection's commit, once, and no after this connection's own", () => {
    const temp = tempDbFile();
    const mine = openDatabase(temp.file);
    const theirs = openDatabase(temp.file);
    open.push(temp.cleanup, () => mine.close(), () => theirs.close());
    const other = new OtherCommits(mine.sqlite);
    const insert = (db: typeof mine, id: string) => db.sqlite.prepare("insert into players (id, created_at) values (?, 'now')").run(id);

    // Nothing could have been kept before the first look.
    expect(other.sinceLastLook()).toBe(false);
    insert(mine, "p1");
    expect(other.sinceLastLook()).toBe(false);
    insert(theirs, "p2");
    expect(other.sinceLastLook()).toBe(true);
    expect(other.sinceLastLook()).toBe(false);
    // Several commits between two looks are one yes.
    insert(theirs, "p3");
    insert(theirs, "p4");
    insert(mine, "p5");
    expect(other.sinceLastLook()).toBe(true);
    expect(other.sinceLastLook()).toBe(false);
    // A transaction the other connection rolled back wrote nothing.
    theirs.sqlite.exec("BEGIN IMMEDIATE");
    insert(theirs, "p6");
    theirs.sqlite.exec("ROLLBACK");
    expect(other.sinceLastLook()).toBe(false);
  });
});
