import { InMemoryDb } from "@agno/core";
import { beforeEach, describe, expect, it } from "vitest";
import { send, testApp } from "./test-helpers.js";

describe("memory router", () => {
  let db: InMemoryDb;
  let app: ReturnType<typeof testApp>;

  beforeEach(async () => {
    db = new InMemoryDb({ id: "main" });
    app = testApp(db);
    await db.upsertUserMemory({
      memory_id: "m1",
      memory: "Likes dark mode",
      topics: ["preferences", "ui"],
      user_id: "alice",
      agent_id: "support",
      created_at: 1_700_000_000,
    });
    await db.upsertUserMemory({
      memory_id: "m2",
      memory: "Works in Lisbon",
      topics: ["work"],
      user_id: "alice",
      created_at: 1_700_000_010,
    });
    await db.upsertUserMemory({
      memory_id: "m3",
      memory: "Prefers email",
      topics: ["preferences"],
      user_id: "bob",
      team_id: "crew",
      created_at: 1_700_000_020,
    });
  });

  it("creates a memory for a user", async () => {
    const res = await send(app, "POST", "/memories", {
      json: { memory: "Has a cat", user_id: "carol", topics: ["pets"] },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ memory: "Has a cat", user_id: "carol", topics: ["pets"] });
    expect(res.body.memory_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.updated_at).toMatch(/Z$/);
    expect((await db.getUserMemory(res.body.memory_id))?.memory).toBe("Has a cat");
  });

  it("requires a user id and a 1..5000 character memory, writing nothing otherwise", async () => {
    const noUser = await send(app, "POST", "/memories", { json: { memory: "x" } });
    expect(noUser).toEqual({ status: 400, body: { detail: "User ID is required" } });
    const empty = await send(app, "POST", "/memories", { json: { memory: "", user_id: "a" } });
    expect(empty.status).toBe(422);
    expect(empty.body.detail[0]).toMatchObject({
      type: "string_too_short",
      loc: ["body", "memory"],
    });
    const long = await send(app, "POST", "/memories", {
      json: { memory: "x".repeat(5001), user_id: "a" },
    });
    expect(long.body.detail[0].type).toBe("string_too_long");
    const badTopics = await send(app, "POST", "/memories", {
      json: { memory: "x", user_id: "a", topics: "ui" },
    });
    expect(badTopics.body.detail[0]).toMatchObject({ type: "list_type", loc: ["body", "topics"] });
    const badJson = await send(app, "POST", "/memories", { body: "nope" });
    expect(badJson.status).toBe(400);
    const notObject = await send(app, "POST", "/memories", { json: ["memory"] });
    expect(notObject.status).toBe(422);
    expect((await db.getUserMemories()).total).toBe(3);
  });

  it("lists memories with filters, sorting and pagination", async () => {
    const all = await send(app, "GET", "/memories");
    expect(all.body.meta).toMatchObject({ page: 1, limit: 20, total_count: 3, total_pages: 1 });
    const byUser = await send(
      app,
      "GET",
      "/memories?user_id=alice&sort_by=created_at&sort_order=asc",
    );
    expect(byUser.body.data.map((m: any) => m.memory_id)).toEqual(["m1", "m2"]);
    const byTopics = await send(app, "GET", "/memories?topics=work,ui");
    expect(byTopics.body.data.map((m: any) => m.memory_id).sort()).toEqual(["m1", "m2"]);
    const byAgent = await send(app, "GET", "/memories?agent_id=support");
    expect(byAgent.body.data.map((m: any) => m.memory_id)).toEqual(["m1"]);
    const byTeam = await send(app, "GET", "/memories?team_id=crew");
    expect(byTeam.body.data.map((m: any) => m.memory_id)).toEqual(["m3"]);
    const search = await send(app, "GET", "/memories?search_content=LISBON");
    expect(search.body.data.map((m: any) => m.memory_id)).toEqual(["m2"]);
    const page = await send(app, "GET", "/memories?limit=2&page=2&sort_by=created_at");
    expect(page.body.data.map((m: any) => m.memory_id)).toEqual(["m1"]);
    expect(page.body.meta.total_pages).toBe(2);
  });

  it("gets, updates and deletes one memory", async () => {
    const got = await send(app, "GET", "/memories/m1");
    expect(got.body).toMatchObject({
      memory_id: "m1",
      memory: "Likes dark mode",
      topics: ["preferences", "ui"],
      agent_id: "support",
      user_id: "alice",
    });
    const missing = await send(app, "GET", "/memories/zzz");
    expect(missing).toEqual({ status: 404, body: { detail: "Memory with ID zzz not found" } });
    const patched = await send(app, "PATCH", "/memories/m1", {
      json: { memory: "Loves dark mode", topics: ["ui"] },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      memory: "Loves dark mode",
      topics: ["ui"],
      user_id: "alice",
    });
    expect((await db.getUserMemory("m1"))?.agent_id).toBe("support");
    const patchMissing = await send(app, "PATCH", "/memories/zzz", { json: { memory: "x" } });
    expect(patchMissing.status).toBe(404);
    expect(await db.getUserMemory("zzz")).toBeNull();
    expect((await send(app, "DELETE", "/memories/m1")).status).toBe(204);
    expect(await db.getUserMemory("m1")).toBeNull();
  });

  it("deletes several memories, optionally for one user", async () => {
    const res = await send(app, "DELETE", "/memories", {
      json: { memory_ids: ["m2", "m3"], user_id: "bob" },
    });
    expect(res.status).toBe(204);
    expect((await db.getUserMemories()).items.map((m) => m.memory_id).sort()).toEqual(["m1", "m2"]);
    const empty = await send(app, "DELETE", "/memories", { json: { memory_ids: [] } });
    expect(empty.status).toBe(422);
    expect(empty.body.detail[0]).toMatchObject({ type: "too_short", loc: ["body", "memory_ids"] });
  });

  it("lists topics and per-user stats", async () => {
    const topics = await send(app, "GET", "/memory_topics");
    expect(topics.body).toEqual(["preferences", "ui", "work"]);
    const bobTopics = await send(app, "GET", "/memory_topics?user_id=bob");
    expect(bobTopics.body).toEqual(["preferences"]);
    const stats = await send(app, "GET", "/user_memory_stats");
    expect(stats.status).toBe(200);
    expect(stats.body.meta).toMatchObject({ total_count: 2, page: 1, limit: 20 });
    const alice = stats.body.data.find((s: any) => s.user_id === "alice");
    expect(alice).toMatchObject({ total_memories: 2 });
    expect(alice.last_memory_updated_at).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
    const limited = await send(app, "GET", "/user_memory_stats?limit=1");
    expect(limited.body.data).toHaveLength(1);
    expect(limited.body.meta.total_pages).toBe(2);
  });

  it("optimizes a user's memories with a model, as the reference answers", async () => {
    const bad = await send(app, "POST", "/optimize-memories", { json: {} });
    expect(bad.status).toBe(422);
    const preview = await send(app, "POST", "/optimize-memories", {
      json: { user_id: "alice", model: "test:summarizer", apply: false },
    });
    expect(preview.status).toBe(200);
    expect(Object.keys(preview.body)).toEqual([
      "memories",
      "memories_before",
      "memories_after",
      "tokens_before",
      "tokens_after",
      "tokens_saved",
      "reduction_percentage",
    ]);
    expect(preview.body).toMatchObject({ memories_before: 2, memories_after: 1 });
    expect(preview.body.memories[0]).toMatchObject({
      user_id: "alice",
      agent_id: "support",
      topics: expect.arrayContaining(["preferences", "ui", "work"]),
    });
    expect((await db.getUserMemories({ userId: "alice" })).items).toHaveLength(2);
    const applied = await send(app, "POST", "/optimize-memories", {
      json: { user_id: "alice", model: "test:summarizer" },
    });
    expect(applied.status).toBe(200);
    const stored = (await db.getUserMemories({ userId: "alice" })).items;
    expect(stored.map((m) => m.memory_id)).toEqual([applied.body.memories[0].memory_id]);
    expect((await db.getUserMemories({ userId: "bob" })).items).toHaveLength(1);
  });

  it("answers 404 for a user without memories and 400 for an unknown model", async () => {
    const none = await send(app, "POST", "/optimize-memories", {
      json: { user_id: "nobody", model: "test:x" },
    });
    expect(none.status).toBe(404);
    expect(none.body).toEqual({ detail: "No memories found for user nobody" });
    const badModel = await send(app, "POST", "/optimize-memories", {
      json: { user_id: "alice", model: "nosuchprovider:x" },
    });
    expect(badModel.status).toBe(400);
    expect(badModel.body.detail).toMatch(/nosuchprovider/);
  });
});
