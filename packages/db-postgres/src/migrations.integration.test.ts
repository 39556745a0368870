import { MigrationManager } from "@agno/core";
import { serviceAvailable, TEST_PG_URL } from "@agno/test-utils";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresDb } from "./index.js";

const schema = `agno_mig_${Math.random().toString(36).slice(2, 10)}`;
let available = false;
let raw: postgres.Sql;

beforeAll(async () => {
  available = await serviceAvailable("PostgreSQL", TEST_PG_URL);
  if (available) raw = postgres(TEST_PG_URL, { onnotice: () => {} });
});

afterAll(async () => {
  if (!available) return;
  await raw.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await raw.end();
});

describe("PostgresDb migrations", () => {
  it("upgrades a table made by an older version and downgrades it again", async (ctx) => {
    if (!available) return ctx.skip();
    await raw.unsafe(`CREATE SCHEMA "${schema}"`);
    await raw.unsafe(
      `CREATE TABLE "${schema}".agno_memories (memory_id VARCHAR PRIMARY KEY, memory JSONB NOT NULL, user_id VARCHAR, topics JSONB, created_at BIGINT NOT NULL)`,
    );
    const columns = async () =>
      (
        await raw`SELECT column_name FROM information_schema.columns WHERE table_schema = ${schema} AND table_name = 'agno_memories'`
      ).map((r) => String(r.column_name));
    const db = new PostgresDb({ dbUrl: TEST_PG_URL, dbSchema: schema });
    const manager = new MigrationManager(db);
    expect(await manager.up({ tableType: "memory" })).toEqual(["memories"]);
    expect(await columns()).toEqual(
      expect.arrayContaining(["feedback", "input", "agent_id", "team_id", "updated_at"]),
    );
    expect(await db.getSchemaVersion("memories")).toBe("2.3.0");
    await db.upsertUserMemory({
      memory_id: "m",
      memory: "kept",
      user_id: "u",
      created_at: 1,
      feedback: "good",
    });
    await manager.down({ targetVersion: "2.0.0", tableType: "memory" });
    expect(await columns()).not.toContain("feedback");
    expect(await db.getSchemaVersion("memories")).toBe("2.0.0");
    const [row] = await raw.unsafe(
      `SELECT memory FROM "${schema}".agno_memories WHERE memory_id = 'm'`,
    );
    expect(row?.memory).toBe("kept");
    await db.close();
  });
});
