import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MigrationManager } from "@agno/core";
import { createClient } from "@libsql/client";
import { afterAll, describe, expect, it } from "vitest";
import { SqliteDb } from "./index.js";

const dir = mkdtempSync(join(tmpdir(), "agno-sqlite-migrations-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("SqliteDb migrations", () => {
  it("upgrades a table made by an older version and downgrades it again", async () => {
    const file = join(dir, "legacy.db");
    const raw = createClient({ url: `file:${file}` });
    await raw.execute(
      "CREATE TABLE agno_memories (memory_id TEXT PRIMARY KEY, memory TEXT NOT NULL, user_id TEXT, topics TEXT, created_at INTEGER NOT NULL)",
    );
    const columns = async () =>
      (await raw.execute("SELECT name FROM pragma_table_info('agno_memories')")).rows.map((r) =>
        String(r.name),
      );
    const db = new SqliteDb({ dbFile: file });
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
    expect(
      (await raw.execute("SELECT memory FROM agno_memories WHERE memory_id = 'm'")).rows[0]?.memory,
    ).toBe('"kept"');
    await db.close();
    raw.close();
  });

  it("creates missing tables at the latest version", async () => {
    const db = new SqliteDb({ dbFile: join(dir, "fresh.db") });
    expect(await new MigrationManager(db).up()).toHaveLength(5);
    expect(await db.getSchemaVersion("sessions")).toBe("2.3.0");
    expect((await db.getSessions()).total).toBe(0);
    await db.close();
  });
});
