import { InMemoryDb } from "@agno/core";
import { beforeEach, describe, expect, it } from "vitest";
import { agentRun, asAdmin, asUser, seedSession, send, testApp } from "./test-helpers.js";

describe("database selection", () => {
  it("needs db_id with several databases and 404s an unknown one", async () => {
    const a = new InMemoryDb({ id: "a" });
    const b = new InMemoryDb({ id: "b" });
    await seedSession(a, { session_id: "in-a" });
    const app = testApp(a, b);
    for (const path of ["/sessions", "/memories", "/eval-runs", "/metrics", "/traces"]) {
      const res = await send(app, "GET", path);
      expect(res).toEqual({
        status: 400,
        body: { detail: "The db_id query parameter is required when using multiple databases" },
      });
    }
    expect(await send(app, "GET", "/sessions?db_id=zz")).toEqual({
      status: 404,
      body: { detail: "No database found with id 'zz'" },
    });
    const inA = await send(app, "GET", "/sessions?db_id=a");
    expect(inA.body.data.map((s: any) => s.session_id)).toEqual(["in-a"]);
    expect((await send(app, "GET", "/sessions?db_id=b")).body.data).toEqual([]);
    expect((await send(app, "GET", "/sessions/in-a?db_id=b")).status).toBe(404);
  });

  it("needs db_id with table, and the table must be the database's", async () => {
    const db = new InMemoryDb({ id: "a" });
    const app = testApp(db);
    expect(await send(app, "GET", "/sessions?table=agno_sessions")).toEqual({
      status: 400,
      body: { detail: "The db_id query parameter is required when passing a table" },
    });
    expect(await send(app, "GET", "/sessions?db_id=a&table=other")).toEqual({
      status: 404,
      body: { detail: "No database with id 'a' has table 'other'" },
    });
    expect((await send(app, "GET", "/sessions?db_id=a&table=agno_sessions")).status).toBe(200);
  });

  it("answers 400 when no database is configured", async () => {
    const app = testApp();
    expect(await send(app, "GET", "/memories")).toEqual({
      status: 400,
      body: { detail: "No database is configured on this AgentOS" },
    });
  });
});

describe("user isolation", () => {
  let db: InMemoryDb;
  let app: ReturnType<typeof testApp>;
  const alice = asUser("alice");

  beforeEach(async () => {
    db = new InMemoryDb({ id: "main" });
    app = testApp(db);
    await seedSession(db, {
      session_id: "sa",
      user_id: "alice",
      agent_id: "support",
      runs: [agentRun("ra", "hi", "hello")],
    });
    await seedSession(db, {
      session_id: "sb",
      user_id: "bob",
      agent_id: "support",
      runs: [agentRun("rb", "secret", "ok")],
    });
    await seedSession(db, { session_id: "nobody", agent_id: "support" });
    for (const [id, user] of [
      ["ma", "alice"],
      ["mb", "bob"],
    ] as const)
      await db.upsertUserMemory({
        memory_id: id,
        memory: `${user}'s memory`,
        topics: [user],
        user_id: user,
        created_at: 1_700_000_000,
      });
  });

  it("lists only the caller's sessions and memories, whatever the query asks", async () => {
    const sessions = await send(app, "GET", "/sessions?user_id=bob", { headers: alice });
    expect(sessions.body.data.map((s: any) => s.session_id)).toEqual(["sa"]);
    expect(sessions.body.meta.total_count).toBe(1);
    const memories = await send(app, "GET", "/memories?user_id=bob", { headers: alice });
    expect(memories.body.data.map((m: any) => m.memory_id)).toEqual(["ma"]);
    expect((await send(app, "GET", "/memory_topics", { headers: alice })).body).toEqual(["alice"]);
    const stats = await send(app, "GET", "/user_memory_stats", { headers: alice });
    expect(stats.body.data.map((s: any) => s.user_id)).toEqual(["alice"]);
  });

  it("hides another user's session and memory behind 404s", async () => {
    for (const path of [
      "/sessions/sb",
      "/sessions/sb/runs",
      "/sessions/sb/runs/rb",
      "/memories/mb",
    ])
      expect((await send(app, "GET", path, { headers: alice })).status).toBe(404);
    expect((await send(app, "GET", "/sessions/nobody", { headers: alice })).status).toBe(404);
    expect((await send(app, "GET", "/sessions/sa", { headers: alice })).status).toBe(200);
    expect((await send(app, "GET", "/sessions/sa/runs", { headers: alice })).body).toHaveLength(1);
  });

  it("does not let a user delete, rename or change another user's data", async () => {
    expect((await send(app, "DELETE", "/sessions/sb", { headers: alice })).status).toBe(204);
    await send(app, "DELETE", "/sessions", {
      json: { session_ids: ["sb", "sa"], session_types: ["agent", "agent"] },
      headers: alice,
    });
    expect(await db.getSession("sb")).not.toBeNull();
    expect(await db.getSession("sa")).toBeNull();
    const rename = await send(app, "POST", "/sessions/sb/rename", {
      json: { session_name: "mine now" },
      headers: alice,
    });
    expect(rename.status).toBe(404);
    const patch = await send(app, "PATCH", "/sessions/sb", {
      json: { session_name: "mine now" },
      headers: alice,
    });
    expect(patch.status).toBe(404);
    expect((await db.getSession("sb"))?.session_data?.session_name).toBeUndefined();
    expect((await send(app, "DELETE", "/memories/mb", { headers: alice })).status).toBe(204);
    await send(app, "DELETE", "/memories", { json: { memory_ids: ["mb"] }, headers: alice });
    expect(await db.getUserMemory("mb")).not.toBeNull();
    const memPatch = await send(app, "PATCH", "/memories/mb", {
      json: { memory: "changed", user_id: "bob" },
      headers: alice,
    });
    expect(memPatch).toEqual({ status: 404, body: { detail: "Memory not found" } });
    expect((await db.getUserMemory("mb"))?.memory).toBe("bob's memory");
  });

  it("makes the caller the owner of what it creates", async () => {
    const session = await send(app, "POST", "/sessions", {
      json: { session_id: "new", user_id: "bob" },
      headers: alice,
    });
    expect(session.status).toBe(201);
    expect(session.body.user_id).toBe("alice");
    const memory = await send(app, "POST", "/memories", {
      json: { memory: "planted", user_id: "bob" },
      headers: alice,
    });
    expect(memory.body.user_id).toBe("alice");
    const patched = await send(app, "PATCH", "/memories/ma", {
      json: { memory: "updated", user_id: "bob" },
      headers: alice,
    });
    expect(patched.body).toMatchObject({ memory: "updated", user_id: "alice" });
  });

  it("lets an admin see and manage every user's data", async () => {
    const admin = asAdmin();
    const all = await send(app, "GET", "/sessions", { headers: admin });
    expect(all.body.meta.total_count).toBe(3);
    const bobs = await send(app, "GET", "/sessions?user_id=bob", { headers: admin });
    expect(bobs.body.data.map((s: any) => s.session_id)).toEqual(["sb"]);
    expect((await send(app, "GET", "/sessions/sb", { headers: admin })).status).toBe(200);
    expect((await send(app, "GET", "/memories", { headers: admin })).body.meta.total_count).toBe(2);
    expect((await send(app, "DELETE", "/sessions/sb", { headers: admin })).status).toBe(204);
    expect(await db.getSession("sb")).toBeNull();
  });

  it("shows nothing to a caller without a user id when authorization is on", async () => {
    const anonymous = { "x-test-caller": "anonymous" };
    expect((await send(app, "GET", "/sessions", { headers: anonymous })).body.data).toEqual([]);
    expect((await send(app, "GET", "/memories", { headers: anonymous })).body.data).toEqual([]);
    expect((await send(app, "GET", "/sessions/sa", { headers: anonymous })).status).toBe(404);
  });
});
