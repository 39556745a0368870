import {
  Agent,
  type BaseDb,
  type EvalRunRecord,
  type MetricsRecord,
  type SessionRecord,
  StorageError,
  TestModel,
  type TraceRecord,
  type UserMemory,
} from "@agno/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostileStringSection } from "./db-contract-hostile.js";
import { pagingSection } from "./db-contract-paging.js";

/** How the contract suite makes and breaks databases of one adapter. */
export interface DbHarness {
  /** A fresh, empty database (unique table names or keys, so runs do not collide). */
  create(): Promise<BaseDb>;
  /** A second instance on the same storage as `db` (another process would see the same). */
  sibling(db: BaseDb): Promise<BaseDb>;
  /** Writes a session row of `userId` that cannot be read back (bad JSON, wrong types) under `sessionId`. */
  corruptSession(db: BaseDb, sessionId: string, userId: string): Promise<void>;
  /** Drops what `create` made. */
  destroy?(db: BaseDb): Promise<void>;
  /** Resolves false to skip (service unreachable, reported by the harness). */
  available?(): Promise<boolean>;
  /**
   * Set when the adapter cannot index long text: ids and other indexed columns are then tested
   * up to `maxChars` code units, and a 10,000-character key must fail with a `StorageError`
   * (nothing stored) instead of round-tripping. `reason` names the limit.
   */
  indexedTextLimit?: { maxChars: number; reason: string };
}

const now = () => Math.floor(Date.now() / 1000);

function session(id: string, extra: Partial<SessionRecord> = {}): SessionRecord {
  return {
    session_id: id,
    session_type: "agent",
    agent_id: "agent-1",
    user_id: "user-1",
    session_data: { session_name: `Session ${id}`, session_state: { count: 1 } },
    agent_data: {
      name: "Agent One",
      agent_id: "agent-1",
      model: { id: "test", name: "TestModel", provider: "Test" },
    },
    metadata: { source: "contract" },
    runs: [],
    created_at: now(),
    ...extra,
  };
}

function memory(id: string, extra: Partial<UserMemory> = {}): UserMemory {
  return {
    memory_id: id,
    memory: `memory ${id}`,
    topics: [],
    user_id: "user-1",
    created_at: now(),
    ...extra,
  };
}

function run(id: string, tokens: number, created = now()): Record<string, unknown> {
  return {
    run_id: id,
    agent_id: "agent-1",
    status: "COMPLETED",
    content: `answer ${id}`,
    model: "test",
    model_provider: "Test",
    created_at: created,
    metrics: { input_tokens: tokens, output_tokens: tokens, total_tokens: 2 * tokens },
    messages: [
      { id: `${id}-u`, role: "user", content: `question ${id}`, created_at: created },
      { id: `${id}-a`, role: "assistant", content: `answer ${id}`, created_at: created },
    ],
  };
}

/**
 * The contract every `BaseDb` adapter passes: round trips of every record type, filters, sorting
 * and pagination, deletes, concurrent run appends, visibility across instances, malformed rows
 * reported without breaking listings, hostile strings (NUL, lone surrogates, the escape
 * character, RTL marks, emoji, 10,000 characters) kept and searched exactly, and unusable paging
 * rejected with a clear error.
 */
export function dbContractSuite(name: string, harness: DbHarness): void {
  describe(`${name}: BaseDb contract`, () => {
    let db: BaseDb;
    let enabled = true;

    beforeAll(async () => {
      enabled = (await harness.available?.()) ?? true;
      if (enabled) db = await harness.create();
    });

    afterAll(async () => {
      if (enabled && db) {
        await harness.destroy?.(db);
        await db.close();
      }
    });

    const test = (title: string, fn: () => Promise<void>) =>
      it(title, async (ctx) => {
        if (!enabled) return ctx.skip();
        await fn();
      });

    describe("sessions", () => {
      test("round-trips agent, team and workflow sessions with their JSON fields", async () => {
        const agentSession = session("rt-agent", {
          runs: [run("r1", 3)],
          summary: { summary: "talked", topics: ["x"] },
        });
        const teamSession = session("rt-team", {
          session_type: "team",
          agent_id: null,
          team_id: "team-1",
          team_data: { name: "T" },
        });
        const workflowSession = session("rt-wf", {
          session_type: "workflow",
          agent_id: null,
          workflow_id: "wf-1",
          workflow_data: { name: "W", steps: [] },
        });
        for (const s of [agentSession, teamSession, workflowSession])
          expect(await db.upsertSession(s)).not.toBeNull();
        const loaded = await db.getSession("rt-agent");
        expect(loaded).toMatchObject({
          session_id: "rt-agent",
          session_type: "agent",
          agent_id: "agent-1",
          user_id: "user-1",
          session_data: { session_name: "Session rt-agent", session_state: { count: 1 } },
          agent_data: { name: "Agent One", model: { id: "test" } },
          metadata: { source: "contract" },
          summary: { summary: "talked", topics: ["x"] },
        });
        expect(loaded?.runs).toEqual([run("r1", 3, agentSession.created_at)]);
        expect(loaded?.updated_at).toBeTypeOf("number");
        expect(await db.getSession("rt-team", { sessionType: "team" })).toMatchObject({
          team_id: "team-1",
          team_data: { name: "T" },
        });
        expect(await db.getSession("rt-wf", { sessionType: "workflow" })).toMatchObject({
          workflow_id: "wf-1",
        });
        expect(await db.getSession("rt-wf", { sessionType: "agent" })).toBeNull();
        expect(await db.getSession("missing")).toBeNull();
      });

      test("reads a session only for its own user when a user id is given", async () => {
        await db.upsertSession(session("iso-1", { user_id: "alice" }));
        expect(await db.getSession("iso-1", { userId: "alice" })).not.toBeNull();
        expect(await db.getSession("iso-1", { userId: "bob" })).toBeNull();
        expect(await db.upsertSession(session("iso-1", { user_id: "bob" }))).toBeNull();
        expect((await db.getSession("iso-1"))?.user_id).toBe("alice");
        expect(await db.deleteSession("iso-1", { userId: "bob" })).toBe(false);
        expect(await db.getSession("iso-1")).not.toBeNull();
      });

      test("filters, sorts and paginates sessions with totals", async () => {
        const base = 1_700_000_000;
        await db.upsertSessions([
          session("f-1", {
            user_id: "fil",
            agent_id: "a-x",
            created_at: base + 1,
            session_data: { session_name: "Trip to Paris" },
          }),
          session("f-2", {
            user_id: "fil",
            agent_id: "a-x",
            created_at: base + 2,
            session_data: { session_name: "Budget review" },
          }),
          session("f-3", {
            user_id: "fil",
            agent_id: "a-y",
            created_at: base + 3,
            session_data: { session_name: "Paris again" },
          }),
          session("f-4", {
            user_id: "fil",
            session_type: "team",
            agent_id: null,
            team_id: "a-x",
            created_at: base + 4,
          }),
          session("f-5", { user_id: "other", agent_id: "a-x", created_at: base + 5 }),
        ]);
        const mine = await db.getSessions({
          userId: "fil",
          sortBy: "created_at",
          sortOrder: "asc",
        });
        expect(mine.total).toBe(4);
        expect(mine.items.map((s) => s.session_id)).toEqual(["f-1", "f-2", "f-3", "f-4"]);
        const agents = await db.getSessions({
          userId: "fil",
          sessionType: "agent",
          sortOrder: "desc",
          sortBy: "created_at",
        });
        expect(agents.items.map((s) => s.session_id)).toEqual(["f-3", "f-2", "f-1"]);
        expect(
          (await db.getSessions({ userId: "fil", sessionType: "agent", componentId: "a-x" })).total,
        ).toBe(2);
        expect((await db.getSessions({ userId: "fil", componentId: "a-x" })).total).toBe(3);
        const paris = await db.getSessions({
          userId: "fil",
          sessionName: "paris",
          sortBy: "created_at",
          sortOrder: "asc",
        });
        expect(paris.items.map((s) => s.session_id)).toEqual(["f-1", "f-3"]);
        const window = await db.getSessions({
          userId: "fil",
          startTimestamp: base + 2,
          endTimestamp: base + 3,
        });
        expect(window.items.map((s) => s.session_id).sort()).toEqual(["f-2", "f-3"]);
        const page2 = await db.getSessions({
          userId: "fil",
          sortBy: "created_at",
          sortOrder: "asc",
          limit: 3,
          page: 2,
        });
        expect(page2.total).toBe(4);
        expect(page2.items.map((s) => s.session_id)).toEqual(["f-4"]);
      });

      test("renames and deletes sessions", async () => {
        await db.upsertSessions([session("d-1"), session("d-2"), session("d-3")]);
        const renamed = await db.renameSession("d-1", "Renamed");
        expect(renamed?.session_data?.session_name).toBe("Renamed");
        expect((await db.getSession("d-1"))?.session_data).toMatchObject({
          session_name: "Renamed",
          session_state: { count: 1 },
        });
        expect(await db.renameSession("nope", "x")).toBeNull();
        expect(await db.deleteSession("d-1")).toBe(true);
        expect(await db.deleteSession("d-1")).toBe(false);
        expect(await db.deleteSessions(["d-2", "d-3", "nope"])).toBe(2);
        expect(await db.getSession("d-2")).toBeNull();
      });

      test("keeps all of 50 concurrent runs appended to one session", async () => {
        const runs = Array.from({ length: 50 }, (_, i) => run(`c-${i}`, i + 1));
        await Promise.all(
          runs.map((r) =>
            db.upsertSessionRun(
              {
                session_id: "concurrent",
                session_type: "agent",
                agent_id: "agent-1",
                user_id: "user-1",
              },
              r,
            ),
          ),
        );
        const loaded = await db.getSession("concurrent");
        expect(loaded?.runs).toHaveLength(50);
        expect(new Set(loaded?.runs?.map((r) => r.run_id))).toEqual(
          new Set(runs.map((r) => r.run_id)),
        );
        const expectedTokens = runs.reduce(
          (n, r) => n + (r.metrics as { total_tokens: number }).total_tokens,
          0,
        );
        expect(
          (loaded?.session_data?.session_metrics as { total_tokens: number }).total_tokens,
        ).toBe(expectedTokens);
      });

      test("replaces a run with the same id instead of duplicating it", async () => {
        const key = { session_id: "replace", session_type: "agent" as const, user_id: "user-1" };
        await db.upsertSessionRun(key, { ...run("same", 1), status: "PAUSED" });
        await db.upsertSessionRun(
          { ...key, session_data: { session_state: { done: true } } },
          run("same", 2),
        );
        const loaded = await db.getSession("replace");
        expect(loaded?.runs).toHaveLength(1);
        expect(loaded?.runs?.[0]?.status).toBe("COMPLETED");
        expect(loaded?.session_data?.session_state).toEqual({ done: true });
        expect(await db.upsertSessionRun({ ...key, user_id: "intruder" }, run("x", 1))).toBeNull();
      });

      test("shows what one instance wrote to another instance on the same storage", async () => {
        const other = await harness.sibling(db);
        try {
          await db.upsertSessionRun(
            { session_id: "shared", session_type: "agent", user_id: "u" },
            run("s1", 1),
          );
          await other.upsertSessionRun(
            { session_id: "shared", session_type: "agent", user_id: "u" },
            run("s2", 1),
          );
          expect((await db.getSession("shared"))?.runs?.map((r) => r.run_id)).toEqual(["s1", "s2"]);
          await other.upsertUserMemory(memory("shared-mem"));
          expect(await db.getUserMemory("shared-mem")).not.toBeNull();
        } finally {
          await other.close();
        }
      });

      test("reports a malformed row clearly and keeps listing the others", async () => {
        await db.upsertSession(session("good-1", { user_id: "malformed-user" }));
        await harness.corruptSession(db, "bad-1", "malformed-user");
        const listing = await db.getSessions({ userId: "malformed-user" });
        expect(listing.items.map((s) => s.session_id)).toContain("good-1");
        expect(listing.items.map((s) => s.session_id)).not.toContain("bad-1");
        const error = await db.getSession("bad-1").catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StorageError);
        expect((error as Error).message).toMatch(/bad-1/);
        expect((error as Error).message).toMatch(/malformed/);
      });
    });

    describe("memories", () => {
      test("round-trips, filters, sorts and paginates memories", async () => {
        const t = 1_700_000_000;
        await db.upsertMemories([
          memory("m-1", {
            user_id: "mu",
            memory: "Likes hiking in the Alps",
            topics: ["hobbies", "travel"],
            agent_id: "ag",
            created_at: t + 1,
          }),
          memory("m-2", {
            user_id: "mu",
            memory: "Works as a nurse",
            topics: ["work"],
            created_at: t + 2,
          }),
          memory("m-3", {
            user_id: "mu",
            memory: "Allergic to peanuts",
            topics: ["health"],
            team_id: "tm",
            created_at: t + 3,
          }),
          memory("m-4", {
            user_id: "other-mu",
            memory: "Likes chess",
            topics: ["hobbies"],
            created_at: t + 4,
          }),
        ]);
        expect(await db.getUserMemory("m-1")).toMatchObject({
          memory: "Likes hiking in the Alps",
          topics: ["hobbies", "travel"],
          agent_id: "ag",
        });
        expect(await db.getUserMemory("m-1", { userId: "other-mu" })).toBeNull();
        const mine = await db.getUserMemories({
          userId: "mu",
          sortBy: "created_at",
          sortOrder: "asc",
        });
        expect(mine.total).toBe(3);
        expect(mine.items.map((m) => m.memory_id)).toEqual(["m-1", "m-2", "m-3"]);
        expect(
          (await db.getUserMemories({ userId: "mu", topics: ["hobbies", "health"] })).items
            .map((m) => m.memory_id)
            .sort(),
        ).toEqual(["m-1", "m-3"]);
        expect(
          (await db.getUserMemories({ userId: "mu", searchContent: "NURSE" })).items.map(
            (m) => m.memory_id,
          ),
        ).toEqual(["m-2"]);
        expect((await db.getUserMemories({ agentId: "ag" })).total).toBe(1);
        expect((await db.getUserMemories({ teamId: "tm" })).total).toBe(1);
        const page = await db.getUserMemories({
          userId: "mu",
          sortBy: "created_at",
          sortOrder: "desc",
          limit: 2,
          page: 1,
        });
        expect(page.items.map((m) => m.memory_id)).toEqual(["m-3", "m-2"]);
        expect(page.total).toBe(3);
        expect(await db.getAllMemoryTopics({ userId: "mu" })).toEqual([
          "health",
          "hobbies",
          "travel",
          "work",
        ]);
        const stats = await db.getUserMemoryStats({ userId: "mu" });
        expect(stats.items).toEqual([
          expect.objectContaining({ user_id: "mu", total_memories: 3 }),
        ]);
      });

      test("updates and deletes memories, honouring the owner", async () => {
        const saved = await db.upsertUserMemory(memory("md-1", { user_id: "del-user" }));
        expect(saved.updated_at).toBeTypeOf("number");
        await db.upsertUserMemory({ ...saved, memory: "changed" });
        expect((await db.getUserMemory("md-1"))?.memory).toBe("changed");
        expect(await db.deleteUserMemory("md-1", { userId: "someone-else" })).toBe(false);
        expect(await db.deleteUserMemory("md-1", { userId: "del-user" })).toBe(true);
        await db.upsertMemories([memory("md-2"), memory("md-3")]);
        expect(await db.deleteUserMemories(["md-2", "md-3"])).toBe(2);
        expect(await db.getUserMemory("md-2")).toBeNull();
      });

      test("rejects a memory without text", async () => {
        await expect(
          db.upsertUserMemory({ ...memory("bad"), memory: undefined as unknown as string }),
        ).rejects.toThrow(/memory must be a string/);
      });
    });

    describe("metrics", () => {
      test("computes daily metrics from sessions and filters them by date", async () => {
        const day = Date.parse("2024-03-10T12:00:00Z") / 1000;
        await db.upsertSessionRun(
          { session_id: "met-1", session_type: "agent", user_id: "mx", agent_id: "a" },
          run("mr-1", 5, day),
        );
        await db.upsertSessionRun(
          { session_id: "met-1", session_type: "agent", user_id: "mx", agent_id: "a" },
          run("mr-2", 5, day + 60),
        );
        await db.upsertSessionRun(
          { session_id: "met-2", session_type: "team", user_id: "my", team_id: "t" },
          run("mr-3", 1, day + 86_400),
        );
        const rows = await db.calculateMetrics({ since: "2024-03-10" });
        const first = rows.find((r) => r.date === "2024-03-10") as MetricsRecord;
        expect(first).toMatchObject({
          agent_runs_count: 2,
          agent_sessions_count: 1,
          users_count: 1,
          aggregation_period: "daily",
          completed: true,
        });
        expect(first.token_metrics.total_tokens).toBe(20);
        const { items } = await db.getMetrics({
          startingDate: "2024-03-11",
          endingDate: "2024-03-11",
        });
        expect(items).toHaveLength(1);
        expect(items[0]).toMatchObject({
          date: "2024-03-11",
          team_runs_count: 1,
          team_sessions_count: 1,
        });
        await db.calculateMetrics({ since: "2024-03-10" });
        expect(
          (await db.getMetrics({ startingDate: "2024-03-10", endingDate: "2024-03-11" })).items,
        ).toHaveLength(2);
      });
    });

    describe("agent conversation", () => {
      test("sends the first run's messages to the model in the second run with addHistoryToContext", async () => {
        const model = new TestModel();
        const agent = new Agent({ model, db, addHistoryToContext: true });
        const sessionId = `conv-${Math.random().toString(36).slice(2)}`;
        await agent.run("My favourite colour is green.", { sessionId, userId: "conv-user" });
        await agent.run("What is my favourite colour?", { sessionId, userId: "conv-user" });
        const sent = model.lastRequest?.messages ?? [];
        expect(sent.map((m) => m.content)).toEqual([
          "My favourite colour is green.",
          "TestModel response to: My favourite colour is green.",
          "What is my favourite colour?",
        ]);
        expect(sent.slice(0, 2).every((m) => m.from_history)).toBe(true);
        const other = await harness.sibling(db);
        try {
          const stored = await new Agent({ id: agent.id, model, db: other }).getSession(sessionId, {
            userId: "conv-user",
          });
          expect(stored?.runs.map((r) => r.status)).toEqual(["COMPLETED", "COMPLETED"]);
        } finally {
          await other.close();
        }
      });
    });

    describe("eval runs, knowledge, traces and versions", () => {
      test("round-trips, filters, renames and deletes eval runs", async () => {
        const evalRun = (id: string, extra: Partial<EvalRunRecord> = {}): EvalRunRecord => ({
          run_id: id,
          eval_type: "accuracy",
          eval_data: { score: 9 },
          eval_input: { input: "2+2" },
          agent_id: "ev-agent",
          model_id: "test",
          created_at: now(),
          ...extra,
        });
        await db.createEvalRun(evalRun("e-1"));
        await db.createEvalRun(evalRun("e-2", { eval_type: "performance", agent_id: "ev-other" }));
        expect(await db.getEvalRun("e-1")).toMatchObject({
          eval_data: { score: 9 },
          eval_input: { input: "2+2" },
        });
        expect((await db.getEvalRuns({ agentId: "ev-agent" })).items.map((e) => e.run_id)).toEqual([
          "e-1",
        ]);
        expect(
          (await db.getEvalRuns({ evalType: ["performance"] })).items.map((e) => e.run_id),
        ).toEqual(["e-2"]);
        expect((await db.renameEvalRun("e-1", "Math check"))?.name).toBe("Math check");
        expect(await db.deleteEvalRuns(["e-1", "e-2"])).toBe(2);
        expect(await db.getEvalRun("e-1")).toBeNull();
      });

      test("round-trips and deletes knowledge contents", async () => {
        await db.upsertKnowledgeContent({
          id: "k-1",
          name: "Manual",
          description: "User manual",
          metadata: { lang: "en" },
          status: "completed",
          size: 10,
        });
        expect(await db.getKnowledgeContent("k-1")).toMatchObject({
          name: "Manual",
          metadata: { lang: "en" },
          size: 10,
        });
        expect((await db.getKnowledgeContents({ limit: 10 })).items.map((k) => k.id)).toContain(
          "k-1",
        );
        expect(await db.deleteKnowledgeContent("k-1")).toBe(true);
        expect(await db.getKnowledgeContent("k-1")).toBeNull();
      });

      test("stores traces and spans and finds them by run and trace", async () => {
        const trace = (id: string, extra: Partial<TraceRecord> = {}): TraceRecord => ({
          trace_id: id,
          name: "Agent.run",
          status: "OK",
          start_time: "2024-01-01T00:00:00.000Z",
          end_time: "2024-01-01T00:00:01.000Z",
          duration_ms: 1000,
          run_id: `run-${id}`,
          session_id: "trace-session",
          agent_id: "trace-agent",
          created_at: "2024-01-01T00:00:01.000Z",
          ...extra,
        });
        await db.upsertTrace(trace("t-1"));
        await db.upsertTrace(
          trace("t-2", { status: "ERROR", start_time: "2024-01-02T00:00:00.000Z" }),
        );
        expect(await db.getTrace({ traceId: "t-1" })).toMatchObject({
          name: "Agent.run",
          duration_ms: 1000,
        });
        expect((await db.getTrace({ runId: "run-t-2" }))?.trace_id).toBe("t-2");
        expect(
          (await db.getTraces({ sessionId: "trace-session", status: "ERROR" })).items.map(
            (t) => t.trace_id,
          ),
        ).toEqual(["t-2"]);
        expect(
          (await db.getTraces({ agentId: "trace-agent", startTime: "2024-01-01T12:00:00.000Z" }))
            .total,
        ).toBe(1);
        await db.createSpans([
          {
            span_id: "s-1",
            trace_id: "t-1",
            name: "root",
            start_time: "2024-01-01T00:00:00.000Z",
            end_time: "2024-01-01T00:00:01.000Z",
            attributes: { k: 1 },
            created_at: "2024-01-01T00:00:01.000Z",
          },
          {
            span_id: "s-2",
            trace_id: "t-1",
            parent_span_id: "s-1",
            name: "model",
            start_time: "2024-01-01T00:00:00.100Z",
            end_time: "2024-01-01T00:00:00.900Z",
            created_at: "2024-01-01T00:00:01.000Z",
          },
        ]);
        expect((await db.getSpans({ traceId: "t-1" })).map((s) => s.span_id)).toEqual([
          "s-1",
          "s-2",
        ]);
        expect((await db.getSpans({ parentSpanId: "s-1" })).map((s) => s.span_id)).toEqual(["s-2"]);
        expect(await db.getSpan("s-1")).toMatchObject({ attributes: { k: 1 } });
      });

      test("records schema versions per table", async () => {
        expect(await db.getSchemaVersion("memories")).toBeNull();
        await db.setSchemaVersion("memories", "2.0.0");
        await db.setSchemaVersion("memories", "2.3.0");
        expect(await db.getSchemaVersion("memories")).toBe("2.3.0");
      });
    });

    const section = {
      db: () => db,
      test,
      ...(harness.indexedTextLimit ? { indexedTextLimit: harness.indexedTextLimit } : {}),
    };
    hostileStringSection(section);
    pagingSection(section);
  });
}
