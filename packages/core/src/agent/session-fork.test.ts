import { describe, expect, it } from "vitest";
import { Agent, InMemoryDb, InputValidationError, Team, TestModel } from "../index.js";

describe("forkSession", () => {
  it("copies a session into a new one with new run ids, the original untouched", async () => {
    const db = new InMemoryDb();
    const agent = new Agent({
      id: "a",
      model: new TestModel({ text: "hi" }),
      db,
      addHistoryToContext: true,
    });
    await agent.run("one", { sessionId: "src", userId: "ann" });
    await agent.run("two", { sessionId: "src", userId: "ann" });
    const forked = await agent.forkSession({ sourceSessionId: "src", userId: "ann" });
    expect(forked).not.toBe("src");
    const source = (await db.getSession("src"))!;
    const copy = (await db.getSession(forked))!;
    expect(copy.user_id).toBe("ann");
    expect(copy.session_data).toMatchObject({ forked_from_session_id: "src" });
    expect(copy.runs).toHaveLength(2);
    for (const [i, run] of (copy.runs ?? []).entries()) {
      expect(run.run_id).not.toBe(source.runs![i]!.run_id);
      expect(run).toMatchObject({ session_id: forked, forked_from_session_id: "src" });
    }
    expect(source.session_data).not.toHaveProperty("forked_from_session_id");
    // The fork goes its own way: a run on it leaves the source as it was.
    await agent.run("three", { sessionId: forked, userId: "ann" });
    expect((await db.getSession("src"))!.runs).toHaveLength(2);
    expect((await db.getSession(forked))!.runs).toHaveLength(3);
    // A fork of a fork keeps the original session on its runs.
    const again = await agent.forkSession({ sourceSessionId: forked, userId: "ann" });
    expect((await db.getSession(again))!.session_data).toMatchObject({
      forked_from_session_id: forked,
    });
    expect((await db.getSession(again))!.runs![0]).toMatchObject({ forked_from_session_id: "src" });
  });

  it("keeps member runs under their team run's new id", async () => {
    const db = new InMemoryDb();
    const member = new Agent({ id: "m", model: new TestModel({ text: "member" }) });
    const team = new Team({ id: "t", model: new TestModel(), members: [member], db });
    await team.run("go", { sessionId: "ts" });
    const forked = await team.forkSession({ sourceSessionId: "ts" });
    const runs = (await db.getSession(forked))!.runs ?? [];
    const teamRun = runs.find((r) => !r.parent_run_id)!;
    const memberRuns = runs.filter((r) => r.parent_run_id);
    expect(memberRuns.length).toBeGreaterThan(0);
    for (const r of memberRuns) expect(r.parent_run_id).toBe(teamRun.run_id);
  });

  it("refuses an empty, missing or another user's session alike", async () => {
    const db = new InMemoryDb();
    const agent = new Agent({ id: "a", model: new TestModel(), db });
    await agent.run("mine", { sessionId: "ann-s", userId: "ann" });
    for (const [sessionId, userId] of [
      ["nope", "ann"],
      ["ann-s", "bob"],
    ] as const) {
      const error = await agent.forkSession({ sourceSessionId: sessionId, userId }).catch((e) => e);
      expect(InputValidationError.isInstance(error)).toBe(true);
      expect(error.message).toBe(`Session "${sessionId}" has no runs to fork.`);
    }
  });
});
