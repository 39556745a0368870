import { Agent, InMemoryDb, TestModel } from "@agno/core";
import { beforeEach, describe, expect, it } from "vitest";
import { agentRun, seedSession, send, testApp } from "./test-helpers.js";

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

describe("sessions router", () => {
  let db: InMemoryDb;
  let app: ReturnType<typeof testApp>;

  beforeEach(async () => {
    db = new InMemoryDb({ id: "main" });
    app = testApp(db);
    await seedSession(db, {
      session_id: "s1",
      agent_id: "support",
      user_id: "alice",
      created_at: 1_700_000_000,
      session_data: { session_state: { cart: 1 }, session_metrics: { total_tokens: 7 } },
      runs: [agentRun("r1", "Where is my order?", "On its way")],
    });
    await seedSession(db, {
      session_id: "s2",
      agent_id: "sales",
      user_id: "bob",
      created_at: 1_700_000_050,
      session_data: { session_name: "Pricing chat" },
    });
    await seedSession(db, {
      session_id: "t1",
      session_type: "team",
      team_id: "crew",
      user_id: "alice",
      created_at: 1_700_000_070,
      runs: [
        { run_id: "tr1", team_id: "crew", content: "done", input: { input_content: "plan" } },
        { run_id: "mr1", agent_id: "member", parent_run_id: "tr1", content: "sub" },
        { run_id: "x", content: "orphan" },
      ],
    });
  });

  it("lists sessions newest first in the pagination wrapper with ISO datetimes", async () => {
    const res = await send(app, "GET", "/sessions");
    expect(res.status).toBe(200);
    expect(res.body.meta).toMatchObject({ page: 1, limit: 20, total_pages: 1, total_count: 3 });
    expect(typeof res.body.meta.search_time_ms).toBe("number");
    expect(res.body.data.map((s: any) => s.session_id)).toEqual(["t1", "s2", "s1"]);
    const s1 = res.body.data[2];
    expect(s1).toMatchObject({
      session_id: "s1",
      session_name: "Where is my order?",
      session_state: { cart: 1 },
      session_type: "agent",
      user_id: "alice",
      agent_id: "support",
      metrics: { total_tokens: 7 },
      total_tokens: 7,
      created_at: "2023-11-14T22:13:20Z",
    });
    expect(s1.updated_at).toMatch(ISO);
    expect("team_id" in s1).toBe(false);
    expect("metadata" in s1).toBe(false);
  });

  it("filters by type, component, user and name; sorts and paginates", async () => {
    const byType = await send(app, "GET", "/sessions?type=team");
    expect(byType.body.data.map((s: any) => s.session_id)).toEqual(["t1"]);
    const byComponent = await send(app, "GET", "/sessions?type=agent&component_id=sales");
    expect(byComponent.body.data.map((s: any) => s.session_id)).toEqual(["s2"]);
    const byUser = await send(app, "GET", "/sessions?user_id=alice&sort_order=asc");
    expect(byUser.body.data.map((s: any) => s.session_id)).toEqual(["s1", "t1"]);
    const byName = await send(app, "GET", "/sessions?session_name=pricing");
    expect(byName.body.data.map((s: any) => s.session_id)).toEqual(["s2"]);
    const page2 = await send(app, "GET", "/sessions?limit=2&page=2");
    expect(page2.body.data.map((s: any) => s.session_id)).toEqual(["s1"]);
    expect(page2.body.meta).toMatchObject({ page: 2, limit: 2, total_pages: 2, total_count: 3 });
  });

  it("answers 422 naming the bad query parameter", async () => {
    const res = await send(app, "GET", "/sessions?limit=0&type=robot&sort_order=up");
    expect(res.status).toBe(422);
    const locs = res.body.detail.map((d: any) => d.loc.join("."));
    expect(locs).toEqual(["query.type", "query.limit", "query.sort_order"]);
    expect(res.body.detail[0].msg).toBe("Input should be 'agent', 'team' or 'workflow'");
    const notInt = await send(app, "GET", "/sessions?page=abc");
    expect(notInt.body.detail[0]).toMatchObject({ type: "int_parsing", loc: ["query", "page"] });
  });

  it("gets a session's detail by its type, with chat history", async () => {
    const res = await send(app, "GET", "/sessions/s1");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      agent_session_id: "s1",
      session_id: "s1",
      session_name: "Where is my order?",
      agent_id: "support",
      total_tokens: 7,
      chat_history: [
        { role: "user", content: "Where is my order?" },
        { role: "assistant", content: "On its way" },
      ],
    });
    const team = await send(app, "GET", "/sessions/t1");
    expect(team.body).toMatchObject({ session_id: "t1", team_id: "crew", session_name: "plan" });
    expect("agent_session_id" in team.body).toBe(false);
  });

  it("answers 404 with the reference's messages", async () => {
    const plain = await send(app, "GET", "/sessions/nope");
    expect(plain).toEqual({ status: 404, body: { detail: "Session with id 'nope' not found" } });
    const typed = await send(app, "GET", "/sessions/s1?type=team");
    expect(typed.body.detail).toBe("Team Session with id 's1' not found");
    const runs = await send(app, "GET", "/sessions/nope/runs");
    expect(runs).toEqual({ status: 404, body: { detail: "Session with ID nope not found" } });
    const run = await send(app, "GET", "/sessions/s1/runs/zzz");
    expect(run.body.detail).toBe("Run with ID zzz not found in session s1");
    const noRuns = await send(app, "GET", "/sessions/s2/runs/zzz");
    expect(noRuns.body.detail).toBe("Session with ID s2 has no runs");
  });

  it("lists a session's runs as RunSchema", async () => {
    const res = await send(app, "GET", "/sessions/s1/runs?type=agent&db_id=main");
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    const run = res.body[0];
    expect(run).toMatchObject({
      run_id: "r1",
      parent_run_id: "",
      agent_id: "support",
      user_id: "",
      status: "COMPLETED",
      run_input: "Where is my order?",
      content: "On its way",
      run_response_format: "text",
      metrics: { total_tokens: 7 },
      tools: [{ tool_call_id: "call-1", tool_name: "lookup" }],
      created_at: "2023-11-14T22:15:00Z",
      input_media: { images: [], videos: [], audios: [], files: [] },
    });
    expect(run.messages).toHaveLength(2);
    expect("events" in run).toBe(false);
    const one = await send(app, "GET", "/sessions/s1/runs/r1");
    expect(one.body.run_id).toBe("r1");
    const filtered = await send(app, "GET", "/sessions/s1/runs?created_after=1700000200");
    expect(filtered.body).toEqual([]);
  });

  it("classifies team-session runs per run and drops runs with neither id", async () => {
    const res = await send(app, "GET", "/sessions/t1/runs");
    expect(res.body.map((r: any) => [r.run_id, r.team_id ?? null, r.agent_id ?? null])).toEqual([
      ["tr1", "crew", null],
      ["mr1", null, "member"],
    ]);
  });

  it("serves runs stored by a real Agent", async () => {
    const agent = new Agent({ id: "helper", model: new TestModel({ text: "Hello!" }), db });
    await agent.run("Hi there", { sessionId: "live", userId: "carol" });
    const res = await send(app, "GET", "/sessions/live/runs?type=agent");
    expect(res.status).toBe(200);
    expect(res.body[0]).toMatchObject({
      agent_id: "helper",
      run_input: "Hi there",
      content: "Hello!",
      status: "COMPLETED",
    });
    expect(res.body[0].created_at).toMatch(ISO);
    const list = await send(app, "GET", "/sessions?type=agent&component_id=helper");
    expect(list.body.data[0]).toMatchObject({ session_id: "live", session_name: "Hi there" });
  });

  it("creates a session (201), refuses an existing id (409) and bad types (422)", async () => {
    const res = await send(app, "POST", "/sessions?type=agent", {
      json: { session_name: "New chat", agent_id: "support", user_id: "dave", metadata: { a: 1 } },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      session_name: "New chat",
      agent_id: "support",
      user_id: "dave",
      metadata: { a: 1 },
    });
    expect(res.body.session_id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await db.getSession(res.body.session_id))?.session_data?.session_name).toBe("New chat");
    const empty = await send(app, "POST", "/sessions");
    expect(empty.status).toBe(201);
    const dup = await send(app, "POST", "/sessions", { json: { session_id: "s1" } });
    expect(dup.status).toBe(409);
    expect(dup.body.detail).toBe(
      "Session with id 's1' already exists. Use PATCH /sessions/s1 to update it.",
    );
    const badType = await send(app, "POST", "/sessions?type=robot", { json: {} });
    expect(badType.status).toBe(422);
    const badField = await send(app, "POST", "/sessions", { json: { session_state: "x" } });
    expect(badField.status).toBe(422);
    expect(badField.body.detail[0].loc).toEqual(["body", "session_state"]);
  });

  it("renames and patches a session", async () => {
    const renamed = await send(app, "POST", "/sessions/s1/rename", {
      json: { session_name: "Order help" },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.session_name).toBe("Order help");
    const missingName = await send(app, "POST", "/sessions/s1/rename", { json: {} });
    expect(missingName.status).toBe(422);
    expect(missingName.body.detail[0]).toMatchObject({
      type: "missing",
      loc: ["body", "session_name"],
    });
    const patched = await send(app, "PATCH", "/sessions/s1", {
      json: { session_state: { cart: 2 }, metadata: { vip: true }, summary: { summary: "Order" } },
    });
    expect(patched.body).toMatchObject({
      session_name: "Order help",
      session_state: { cart: 2 },
      metadata: { vip: true },
      session_summary: { summary: "Order" },
    });
    const stored = await db.getSession("s1");
    expect(stored?.runs).toHaveLength(1);
    const nameOnly = await send(app, "PATCH", "/sessions/s1", { json: { session_name: "Final" } });
    expect(nameOnly.body).toMatchObject({ session_name: "Final", session_state: { cart: 2 } });
    const badSummary = await send(app, "PATCH", "/sessions/s1", { json: { summary: { x: 1 } } });
    expect(badSummary.status).toBe(422);
    expect(badSummary.body.detail[0].loc).toEqual(["body", "summary", "summary"]);
    const gone = await send(app, "PATCH", "/sessions/nope", { json: { session_name: "x" } });
    expect(gone).toEqual({ status: 404, body: { detail: "Session with id 'nope' not found" } });
    const renameGone = await send(app, "POST", "/sessions/nope/rename", {
      json: { session_name: "x" },
    });
    expect(renameGone.status).toBe(404);
  });

  it("deletes one session and several sessions", async () => {
    expect((await send(app, "DELETE", "/sessions/s2")).status).toBe(204);
    expect(await db.getSession("s2")).toBeNull();
    const bulk = await send(app, "DELETE", "/sessions", {
      json: { session_ids: ["s1", "t1"], session_types: ["agent", "team"] },
    });
    expect(bulk.status).toBe(204);
    expect((await db.getSessions()).total).toBe(0);
  });

  it("validates the bulk delete body and writes nothing on bad input", async () => {
    const mismatch = await send(app, "DELETE", "/sessions", {
      json: { session_ids: ["s1", "s2"], session_types: ["agent"] },
    });
    expect(mismatch).toEqual({
      status: 400,
      body: { detail: "Session IDs and session types must have the same length" },
    });
    const empty = await send(app, "DELETE", "/sessions", {
      json: { session_ids: [], session_types: [] },
    });
    expect(empty.status).toBe(422);
    const badJson = await send(app, "DELETE", "/sessions", { body: "{not json" });
    expect(badJson.status).toBe(400);
    expect(badJson.body.detail).toMatch(/^Invalid JSON body: /);
    expect((await db.getSessions()).total).toBe(3);
  });

  it("answers 400 for malformed JSON on every body route", async () => {
    for (const [method, path] of [
      ["POST", "/sessions"],
      ["PATCH", "/sessions/s1"],
      ["POST", "/sessions/s1/rename"],
    ] as const) {
      const res = await send(app, method, path, { body: '{"session_name": ' });
      expect(res.status).toBe(400);
      expect(res.body.detail).toMatch(/Invalid JSON body/);
    }
    expect((await db.getSession("s1"))?.session_data?.session_name).toBeUndefined();
  });
});
