import { InMemoryDb } from "@agno/core";
import { beforeEach, describe, expect, it } from "vitest";
import { INGESTION_UNAVAILABLE } from "./knowledge.js";
import { send, testApp } from "./test-helpers.js";

describe("knowledge router", () => {
  let db: InMemoryDb;
  let app: ReturnType<typeof testApp>;

  beforeEach(async () => {
    db = new InMemoryDb({ id: "main" });
    app = testApp(db);
    await db.upsertKnowledgeContent({
      id: "k1",
      name: "Handbook",
      description: "Employee handbook",
      type: "application/pdf",
      size: 2048,
      status: "completed",
      metadata: { team: "hr" },
      created_at: 1_700_000_000,
    });
    await db.upsertKnowledgeContent({
      id: "k2",
      name: "FAQ",
      description: "",
      status: "Processing",
      created_at: 1_700_000_100,
    });
  });

  it("lists contents in the pagination wrapper", async () => {
    const res = await send(app, "GET", "/knowledge/content");
    expect(res.status).toBe(200);
    expect(res.body.meta).toMatchObject({ total_count: 2, page: 1, limit: 20 });
    expect(res.body.data.map((c: any) => c.id)).toEqual(["k2", "k1"]);
    expect(res.body.data[1]).toMatchObject({
      id: "k1",
      name: "Handbook",
      type: "application/pdf",
      size: "2048",
      status: "completed",
      metadata: { team: "hr" },
      created_at: "2023-11-14T22:13:20Z",
    });
    expect(res.body.data[0]).toMatchObject({ size: "0", status: "processing" });
    const asc = await send(app, "GET", "/knowledge/content?sort_order=asc&limit=1");
    expect(asc.body.data.map((c: any) => c.id)).toEqual(["k1"]);
  });

  it("gets one content, its status, and 404s for unknown ids", async () => {
    expect((await send(app, "GET", "/knowledge/content/k1")).body.name).toBe("Handbook");
    expect(await send(app, "GET", "/knowledge/content/zz")).toEqual({
      status: 404,
      body: { detail: "Content not found: zz" },
    });
    expect((await send(app, "GET", "/knowledge/content/k1/status")).body).toEqual({
      id: "k1",
      status: "completed",
      status_message: "",
    });
    expect((await send(app, "GET", "/knowledge/content/zz/status")).body).toEqual({
      id: "zz",
      status: "failed",
      status_message: "Content not found",
    });
  });

  it("patches a content's name, description and metadata from form data", async () => {
    const form = new FormData();
    form.set("name", "Handbook 2026");
    form.set("metadata", '{"team":"people"}');
    const res = await app.request("/knowledge/content/k1", { method: "PATCH", body: form });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: "Handbook 2026", metadata: { team: "people" } });
    const bad = new FormData();
    bad.set("metadata", "{oops");
    const badRes = await app.request("/knowledge/content/k1", { method: "PATCH", body: bad });
    expect(badRes.status).toBe(400);
    expect(await badRes.json()).toEqual({ detail: "Invalid JSON format for metadata" });
    expect((await db.getKnowledgeContent("k1"))?.metadata).toEqual({ team: "people" });
  });

  it("deletes one content, then all", async () => {
    const one = await send(app, "DELETE", "/knowledge/content/k1");
    expect(one).toEqual({ status: 200, body: { id: "k1" } });
    expect(await db.getKnowledgeContent("k1")).toBeNull();
    const all = await send(app, "DELETE", "/knowledge/content");
    expect(all).toEqual({ status: 200, body: "success" });
    expect((await db.getKnowledgeContents()).total).toBe(0);
  });

  it("answers the config, and the (empty) remote sources", async () => {
    const res = await send(app, "GET", "/knowledge/config");
    expect(res.body).toEqual({
      readers: {},
      readersForType: {},
      chunkers: {},
      filters: [],
      vector_dbs: [],
    });
    expect((await send(app, "GET", "/knowledge/main/sources")).body).toEqual([]);
    expect((await send(app, "GET", "/knowledge/nope/sources")).status).toBe(404);
  });

  it("answers 501 for uploads, remote content and search", async () => {
    const form = new FormData();
    form.set("name", "Doc");
    form.set("text_content", "hello");
    const upload = await app.request("/knowledge/content", { method: "POST", body: form });
    expect(upload.status).toBe(501);
    expect(await upload.json()).toEqual({ detail: INGESTION_UNAVAILABLE });
    expect(INGESTION_UNAVAILABLE).toBe("Knowledge ingestion is not available yet in this AgentOS");
    const remote = await send(app, "POST", "/knowledge/remote-content", { json: {} });
    expect(remote.status).toBe(501);
    const search = await send(app, "POST", "/knowledge/search", { json: { query: "x" } });
    expect(search.status).toBe(501);
    expect((await db.getKnowledgeContents()).total).toBe(2);
  });
});
