import { InMemoryDb, type SpanRecord, type TraceRecord } from "@agno/core";
import { beforeEach, describe, expect, it } from "vitest";
import { asUser, send, testApp } from "./test-helpers.js";

function trace(id: string, fields: Partial<TraceRecord>): TraceRecord {
  return {
    trace_id: id,
    name: "Agent.run",
    status: "OK",
    start_time: "2025-11-19T10:00:00.000Z",
    end_time: "2025-11-19T10:00:01.500Z",
    duration_ms: 1500,
    created_at: "2025-11-19T10:00:00.000Z",
    ...fields,
  };
}

function span(id: string, traceId: string, fields: Partial<SpanRecord>): SpanRecord {
  return {
    span_id: id,
    trace_id: traceId,
    name: id,
    status_code: "OK",
    start_time: "2025-11-19T10:00:00.000Z",
    end_time: "2025-11-19T10:00:01.000Z",
    duration_ms: 1000,
    created_at: "2025-11-19T10:00:00.000Z",
    ...fields,
  };
}

describe("traces router", () => {
  let db: InMemoryDb;
  let app: ReturnType<typeof testApp>;

  beforeEach(async () => {
    db = new InMemoryDb({ id: "main" });
    app = testApp(db);
    await db.upsertTrace(
      trace("t1", { run_id: "r1", session_id: "s1", user_id: "alice", agent_id: "support" }),
    );
    await db.upsertTrace(
      trace("t2", {
        status: "ERROR",
        duration_ms: 250,
        session_id: "s1",
        user_id: "alice",
        agent_id: "support",
        start_time: "2025-11-19T11:00:00.000Z",
        created_at: "2025-11-19T11:00:00.000Z",
      }),
    );
    await db.upsertTrace(
      trace("t3", {
        session_id: "s2",
        user_id: "bob",
        team_id: "crew",
        start_time: "2025-11-19T12:00:00.000Z",
        created_at: "2025-11-19T12:00:00.000Z",
      }),
    );
    await db.createSpans([
      span("root", "t1", {
        attributes: {
          "openinference.span.kind": "AGENT",
          "input.value": "Where is my order?",
          "output.value": "On its way",
          "agno.run.id": "r1",
        },
      }),
      span("llm", "t1", {
        parent_span_id: "root",
        start_time: "2025-11-19T10:00:00.100Z",
        attributes: {
          "openinference.span.kind": "LLM",
          "llm.model_name": "gpt-4o",
          "llm.token_count.prompt": 10,
          "llm.token_count.completion": 5,
        },
      }),
      span("tool", "t1", {
        parent_span_id: "root",
        start_time: "2025-11-19T10:00:00.200Z",
        status_code: "ERROR",
        status_message: "boom",
        attributes: { "openinference.span.kind": "TOOL", "tool.name": "lookup" },
      }),
      span("t2root", "t2", {
        status_code: "ERROR",
        status_message: "failed hard",
        attributes: { "openinference.span.kind": "AGENT", "input.value": "Hi" },
      }),
    ]);
  });

  it("lists trace summaries in the pagination wrapper", async () => {
    const res = await send(app, "GET", "/traces");
    expect(res.status).toBe(200);
    expect(res.body.meta).toMatchObject({ page: 1, limit: 20, total_count: 3, total_pages: 1 });
    expect(res.body.data.map((t: any) => t.trace_id)).toEqual(["t3", "t2", "t1"]);
    expect(res.body.data[2]).toEqual({
      trace_id: "t1",
      name: "Agent.run",
      status: "OK",
      duration: "1.50s",
      start_time: "2025-11-19T10:00:00.000Z",
      end_time: "2025-11-19T10:00:01.500Z",
      total_spans: 3,
      error_count: 1,
      input: "Where is my order?",
      run_id: "r1",
      session_id: "s1",
      user_id: "alice",
      agent_id: "support",
      created_at: "2025-11-19T10:00:00.000Z",
    });
    expect(res.body.data[1].duration).toBe("250ms");
  });

  it("filters traces by ids, status and time", async () => {
    const byStatus = await send(app, "GET", "/traces?status=ERROR");
    expect(byStatus.body.data.map((t: any) => t.trace_id)).toEqual(["t2"]);
    const byTeam = await send(app, "GET", "/traces?team_id=crew");
    expect(byTeam.body.data.map((t: any) => t.trace_id)).toEqual(["t3"]);
    const byTime = await send(app, "GET", "/traces?start_time=2025-11-19T12:30:00%2B02:00");
    expect(byTime.body.data.map((t: any) => t.trace_id)).toEqual(["t3", "t2"]);
    const bad = await send(app, "GET", "/traces?start_time=yesterday");
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/^Invalid start_time format/);
    const paged = await send(app, "GET", "/traces?limit=1&page=3");
    expect(paged.body.data.map((t: any) => t.trace_id)).toEqual(["t1"]);
  });

  it("gets a trace's detail with its span tree", async () => {
    const res = await send(app, "GET", "/traces/t1");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      trace_id: "t1",
      input: "Where is my order?",
      output: "On its way",
      total_spans: 3,
      error_count: 1,
    });
    const [root] = res.body.tree;
    expect(root).toMatchObject({
      id: "root",
      type: "AGENT",
      duration: "1.50s",
      status: "OK",
      metadata: { total_input_tokens: 10, total_output_tokens: 5 },
    });
    expect(root.spans.map((s: any) => [s.id, s.type])).toEqual([
      ["llm", "LLM"],
      ["tool", "TOOL"],
    ]);
    expect(root.spans[0].metadata).toEqual({ model: "gpt-4o", input_tokens: 10, output_tokens: 5 });
    expect(root.spans[1]).toMatchObject({ status: "ERROR", error: "boom" });
    const failed = await send(app, "GET", "/traces/t2");
    expect(failed.body).toMatchObject({ status: "ERROR", error: "failed hard" });
    expect("output" in failed.body).toBe(false);
  });

  it("gets one span of a trace, and 404s with the reference's messages", async () => {
    const node = await send(app, "GET", "/traces/t1?span_id=tool");
    expect(node.body).toMatchObject({
      id: "tool",
      type: "TOOL",
      metadata: { tool_name: "lookup" },
    });
    expect(await send(app, "GET", "/traces/nope")).toEqual({
      status: 404,
      body: { detail: "Trace not found" },
    });
    expect((await send(app, "GET", "/traces/t1?span_id=zz")).body.detail).toBe("Span not found");
    expect((await send(app, "GET", "/traces/t1?span_id=t2root")).body.detail).toBe(
      "Span t2root does not belong to trace t1",
    );
  });

  it("answers the filter schema", async () => {
    const res = await send(app, "GET", "/traces/filter-schema");
    expect(res.body.logical_operators).toEqual(["AND", "OR"]);
    expect(res.body.fields.map((f: any) => f.key)).toContain("duration_ms");
  });

  it("aggregates trace stats by session", async () => {
    const res = await send(app, "GET", "/trace_session_stats");
    expect(res.body.data).toEqual([
      {
        session_id: "s2",
        user_id: "bob",
        team_id: "crew",
        total_traces: 1,
        first_trace_at: "2025-11-19T12:00:00.000Z",
        last_trace_at: "2025-11-19T12:00:00.000Z",
      },
      {
        session_id: "s1",
        user_id: "alice",
        agent_id: "support",
        total_traces: 2,
        first_trace_at: "2025-11-19T10:00:00.000Z",
        last_trace_at: "2025-11-19T11:00:00.000Z",
      },
    ]);
    expect(res.body.meta.total_count).toBe(2);
  });

  it("searches traces with the filter DSL, grouped by run or session", async () => {
    const byRun = await send(app, "POST", "/traces/search", {
      json: {
        filter: {
          op: "AND",
          conditions: [
            { op: "EQ", key: "agent_id", value: "support" },
            { op: "GT", key: "duration_ms", value: 1000 },
          ],
        },
      },
    });
    expect(byRun.status).toBe(200);
    expect(byRun.body.data.map((t: any) => t.trace_id)).toEqual(["t1"]);
    expect(byRun.body.data[0].tree).toHaveLength(1);
    const bySession = await send(app, "POST", "/traces/search", {
      json: { filter: { op: "IN", key: "user_id", values: ["alice", "bob"] }, group_by: "session" },
    });
    expect(bySession.body.data.map((s: any) => s.session_id)).toEqual(["s2", "s1"]);
    const bad = await send(app, "POST", "/traces/search", { json: { filter: { op: "LIKE" } } });
    expect(bad).toEqual({
      status: 400,
      body: { detail: "Invalid filter expression: Unknown filter operator: LIKE" },
    });
    const tooMany = await send(app, "POST", "/traces/search", { json: { limit: 101 } });
    expect(tooMany.status).toBe(422);
  });

  it("confines a user to their own traces", async () => {
    const list = await send(app, "GET", "/traces?user_id=bob", { headers: asUser("alice") });
    expect(list.body.data.map((t: any) => t.trace_id)).toEqual(["t2", "t1"]);
    const other = await send(app, "GET", "/traces/t3", { headers: asUser("alice") });
    expect(other.status).toBe(404);
    const search = await send(app, "POST", "/traces/search", {
      json: { filter: { op: "EQ", key: "user_id", value: "bob" } },
      headers: asUser("alice"),
    });
    expect(search.body.data).toEqual([]);
    const stats = await send(app, "GET", "/trace_session_stats", { headers: asUser("bob") });
    expect(stats.body.data.map((s: any) => s.session_id)).toEqual(["s2"]);
  });
});
