import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Agent, InMemoryDb, TestModel } from "@agno/core";
import { SqliteDb } from "@agno/db-sqlite";
import { afterAll, describe, expect, it } from "vitest";
import { AgentOS } from "../agent-os.js";

const dir = mkdtempSync(join(tmpdir(), "agno-migrate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sqlite = new SqliteDb({ id: "main-db", dbFile: join(dir, "agno.db") });
const memory = new InMemoryDb({ id: "side-db" });
const os = new AgentOS({
  db: sqlite,
  agents: [new Agent({ id: "a", model: new TestModel(), db: memory })],
});
const app = os.getApp();
const post = (path: string) => app.request(path, { method: "POST" });

describe("POST /databases/{db_id}/migrate", () => {
  it("moves a database's tables down and up, answering as the reference", async () => {
    const down = await post("/databases/main-db/migrate?target_version=2.0.0");
    expect(down.status).toBe(200);
    expect(await down.json()).toEqual({
      message: "Database migrated successfully to version 2.0.0",
    });
    expect(await sqlite.getSchemaVersion("memories")).toBe("2.0.0");
    expect(await sqlite.getSchemaVersion("sessions")).toBe("2.0.0");
    const up = await post("/databases/main-db/migrate");
    expect(await up.json()).toEqual({
      message: "Database migrated successfully to latest version",
    });
    expect(await sqlite.getSchemaVersion("memories")).toBe("2.3.0");
    // The tables work after the round trip.
    await sqlite.upsertUserMemory({
      memory_id: "m1",
      memory: "likes tea",
      user_id: "u",
      created_at: 1,
    } as never);
    expect((await sqlite.getUserMemory("m1"))?.memory).toBe("likes tea");
  });

  it("answers 404 for an unknown database and 422 for an unknown version", async () => {
    const missing = await post("/databases/nope/migrate");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ detail: "Database not found" });
    const bad = await post("/databases/main-db/migrate?target_version=9.9.9");
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain("target_version");
  });

  it("migrates every database with /databases/all/migrate", async () => {
    const res = await post("/databases/all/migrate?target_version=2.0.0");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      message: "All databases migrated successfully to version 2.0.0",
    });
    expect(await memory.getSchemaVersion("sessions")).toBe("2.0.0");
    expect(await sqlite.getSchemaVersion("sessions")).toBe("2.0.0");
    await post("/databases/all/migrate");
    expect(await memory.getSchemaVersion("sessions")).toBe("2.3.0");
  });
});
