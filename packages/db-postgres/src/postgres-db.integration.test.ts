import { randomBytes } from "node:crypto";
import { type BaseDb, ConfigurationError, StorageError } from "@agno/core";
import { dbContractSuite, serviceAvailable, TEST_PG_URL } from "@agno/test-utils";
import postgres, { type Sql } from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresDb } from "./index.js";

let availability: Promise<boolean> | undefined;
/** Throws under AGNO_REQUIRE_SERVICES=1 when PostgreSQL is down; else warns and resolves false. */
const available = () => {
  availability ??= serviceAvailable("PostgreSQL", TEST_PG_URL);
  return availability;
};

let admin: Sql | undefined;
const adminSql = () => {
  admin ??= postgres(TEST_PG_URL, { max: 2, onnotice: () => {} });
  return admin;
};
const schemas = new Set<string>();
const freshSchema = (prefix = "agno_test") => {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  schemas.add(name);
  return name;
};
const dropSchema = async (schema: string) => {
  await adminSql().unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  schemas.delete(schema);
};

afterAll(async () => {
  for (const schema of [...schemas]) await dropSchema(schema);
  await admin?.end({ timeout: 5 });
});

const asPg = (db: BaseDb) => db as PostgresDb;

dbContractSuite("PostgresDb", {
  available,
  create: async () => new PostgresDb({ dbUrl: TEST_PG_URL, dbSchema: freshSchema() }),
  sibling: async (db) => new PostgresDb({ dbUrl: TEST_PG_URL, dbSchema: asPg(db).dbSchema }),
  corruptSession: async (db, sessionId, userId) => {
    await db.getSession(sessionId); // creates the table if this is its first use
    await adminSql().unsafe(
      `INSERT INTO "${asPg(db).dbSchema}"."${db.tables.sessions}" (session_id, session_type, user_id, runs, created_at)` +
        ` VALUES ($1, 'not-a-type', $2, '"oops"'::jsonb, 0)`,
      [sessionId, userId],
    );
  },
  destroy: async (db) => dropSchema(asPg(db).dbSchema),
  indexedTextLimit: {
    maxChars: 250,
    reason: "a PostgreSQL btree entry holds at most 2704 bytes",
  },
});

describe("PostgresDb", () => {
  let enabled = false;
  beforeAll(async () => {
    enabled = await available();
  });
  const test = (title: string, fn: () => Promise<void>) =>
    it(title, async (ctx) => {
      if (!enabled) return ctx.skip();
      await fn();
    });

  it("requires dbUrl or client, naming both", () => {
    expect(() => new PostgresDb({})).toThrow(ConfigurationError);
    expect(() => new PostgresDb({})).toThrow(/dbUrl.*client/);
    expect(() => new PostgresDb({ dbUrl: undefined })).toThrow(/dbUrl.*client/);
    const client = postgres(TEST_PG_URL);
    expect(() => new PostgresDb({ dbUrl: TEST_PG_URL, client })).toThrow(/not both/);
  });

  it("rejects an invalid URL without echoing it, and over-long names", () => {
    expect(() => new PostgresDb({ dbUrl: "not a url with secret" })).toThrow(ConfigurationError);
    expect(() => new PostgresDb({ dbUrl: "not a url with secret" })).not.toThrow(/secret/);
    expect(() => new PostgresDb({ dbUrl: TEST_PG_URL, sessionTable: "x".repeat(64) })).toThrow(
      /63 bytes/,
    );
  });

  it("derives a stable id from where the tables live, never from credentials", () => {
    const a = new PostgresDb({ dbUrl: "postgres://u:secret@db.example:5432/app" });
    const b = new PostgresDb({ dbUrl: "postgres://other:pw@db.example:5432/app" });
    const c = new PostgresDb({
      dbUrl: "postgres://u:secret@db.example:5432/app",
      dbSchema: "other",
    });
    const d = new PostgresDb({
      client: postgres({ host: "db.example", port: 5432, database: "app" }),
    });
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(b.id).toBe(a.id);
    expect(d.id).toBe(a.id);
    expect(c.id).not.toBe(a.id);
    expect(new PostgresDb({ dbUrl: TEST_PG_URL, id: "mine" }).id).toBe("mine");
  });

  it("does no I/O on construction, and fails the first operation with a StorageError, not a hang", async () => {
    const db = new PostgresDb({
      dbUrl: "postgres://postgres@127.0.0.1:1/test?connect_timeout=2",
      sessionTable: "unreachable_sessions",
    });
    try {
      const error = await db.getSession("s-1").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StorageError);
      expect(error).toMatchObject({ operation: "getSession", table: "unreachable_sessions" });
      expect((error as Error).message).toMatch(/getSession on table "unreachable_sessions" failed/);
    } finally {
      await db.close();
    }
  });

  test("sends nothing to the server before the first operation", async () => {
    const queries: string[] = [];
    const client = postgres(TEST_PG_URL, { max: 2, debug: (_conn, query) => queries.push(query) });
    try {
      const db = new PostgresDb({ client, dbSchema: freshSchema() });
      expect(queries).toEqual([]);
      await db.getSession("nothing");
      expect(queries.some((q) => q.includes("CREATE TABLE IF NOT EXISTS"))).toBe(true);
      await dropSchema(db.dbSchema);
    } finally {
      await client.end({ timeout: 5 });
    }
  });

  test("reuses a client passed in and leaves it open on close()", async () => {
    const queries: string[] = [];
    const client = postgres(TEST_PG_URL, { max: 2, debug: (_conn, query) => queries.push(query) });
    try {
      const db = new PostgresDb({ client, dbSchema: freshSchema() });
      await db.upsertUserMemory({
        memory_id: "reuse-1",
        memory: "uses the given client",
        created_at: 1,
      });
      expect(queries.some((q) => q.startsWith("INSERT INTO"))).toBe(true);
      await db.close();
      expect(await client`SELECT 1 AS one`).toEqual([{ one: 1 }]);
      expect((await db.getUserMemory("reuse-1"))?.memory).toBe("uses the given client");
      await dropSchema(db.dbSchema);
    } finally {
      await client.end({ timeout: 5 });
    }
  });

  test("creates its tables with custom names in the configured schema", async () => {
    const schema = freshSchema("agno_custom");
    const db = new PostgresDb({
      dbUrl: TEST_PG_URL,
      dbSchema: schema,
      sessionTable: "my_sessions",
      memoryTable: "my_memories",
      metricsTable: "my_metrics",
    });
    try {
      await db.upsertSession({ session_id: "c-1", session_type: "agent", created_at: 1, runs: [] });
      await db.upsertUserMemory({ memory_id: "c-m", memory: "m", created_at: 1 });
      await db.getMetrics();
      const sql = adminSql();
      const tables =
        await sql`SELECT table_name FROM information_schema.tables WHERE table_schema = ${schema} ORDER BY table_name`;
      expect(tables.map((t) => t.table_name)).toEqual(["my_memories", "my_metrics", "my_sessions"]);
      const columns = await sql`
        SELECT column_name, data_type, is_nullable FROM information_schema.columns
        WHERE table_schema = ${schema} AND table_name = 'my_sessions'`;
      const types = Object.fromEntries(columns.map((c) => [c.column_name, c.data_type]));
      expect(types).toMatchObject({
        session_id: "character varying",
        runs: "jsonb",
        session_data: "jsonb",
        created_at: "bigint",
      });
      expect(columns.find((c) => c.column_name === "created_at")?.is_nullable).toBe("NO");
      const indexes =
        await sql`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = ${schema}`;
      const names = indexes.map((i) => i.indexname);
      expect(names).toEqual(
        expect.arrayContaining([
          "idx_my_sessions_user_id",
          "idx_my_sessions_created_at",
          "idx_my_memories_user_id",
        ]),
      );
      expect(
        indexes.some((i) => /UNIQUE.*my_metrics.*\(date, aggregation_period\)/.test(i.indexdef)),
      ).toBe(true);
      const elsewhere =
        await sql`SELECT table_schema FROM information_schema.tables WHERE table_name = 'my_sessions' AND table_schema <> ${schema}`;
      expect(elsewhere).toHaveLength(0);
    } finally {
      await db.close();
    }
  });

  test("two instances creating the same tables at once, and appending to one session, lose nothing", async () => {
    const schema = freshSchema();
    const a = new PostgresDb({ dbUrl: TEST_PG_URL, dbSchema: schema });
    const b = new PostgresDb({ dbUrl: TEST_PG_URL, dbSchema: schema });
    try {
      const patch = { session_id: "race", session_type: "agent" as const, user_id: "u" };
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          (i % 2 ? a : b).upsertSessionRun(patch, {
            run_id: `r-${i}`,
            metrics: { total_tokens: 1 },
          }),
        ),
      );
      const session = await a.getSession("race");
      expect(session?.runs).toHaveLength(40);
      expect(
        (session?.session_data?.session_metrics as { total_tokens: number }).total_tokens,
      ).toBe(40);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  test("returns bigint columns as numbers and keeps JSON strings, nulls and metrics flags", async () => {
    const db = new PostgresDb({ dbUrl: TEST_PG_URL, dbSchema: freshSchema() });
    try {
      await db.upsertKnowledgeContent({
        id: "k",
        name: "n",
        description: "d",
        size: 2 ** 40,
        access_count: null,
      });
      const k = await db.getKnowledgeContent("k");
      expect(k?.size).toBe(2 ** 40);
      expect(k).not.toHaveProperty("access_count");
      await db.upsertMetrics([
        {
          id: "2024-01-01-daily",
          agent_runs_count: 1,
          team_runs_count: 0,
          workflow_runs_count: 0,
          agent_sessions_count: 1,
          team_sessions_count: 0,
          workflow_sessions_count: 0,
          users_count: 1,
          token_metrics: { total_tokens: 3 },
          model_metrics: {},
          date: "2024-01-01",
          aggregation_period: "daily",
          created_at: 1,
          completed: false,
        },
      ]);
      expect((await db.getMetrics()).items[0]).toMatchObject({
        completed: false,
        agent_runs_count: 1,
        token_metrics: { total_tokens: 3 },
      });
      await db.upsertUserMemory({
        memory_id: "q",
        memory: 'has "quotes", 100% and under_score',
        created_at: 1,
      });
      expect((await db.getUserMemory("q"))?.memory).toBe('has "quotes", 100% and under_score');
      expect((await db.getUserMemories({ searchContent: "100%" })).total).toBe(1);
      expect((await db.getUserMemories({ searchContent: "0%_" })).total).toBe(0);
    } finally {
      await db.close();
    }
  });

  test("creates a table again when it was dropped after its first use", async () => {
    const db = new PostgresDb({ dbUrl: TEST_PG_URL, dbSchema: freshSchema() });
    try {
      await db.upsertUserMemory({ memory_id: "before", memory: "x", created_at: 1 });
      await adminSql().unsafe(`DROP SCHEMA "${db.dbSchema}" CASCADE`);
      expect(await db.getUserMemory("before")).toBeNull();
      await db.upsertUserMemory({ memory_id: "after", memory: "y", created_at: 1 });
      expect((await db.getUserMemory("after"))?.memory).toBe("y");
    } finally {
      await db.close();
    }
  });

  test("writes more rows than one statement's parameters allow, last row of a key winning", async () => {
    const db = new PostgresDb({ dbUrl: TEST_PG_URL, dbSchema: freshSchema() });
    try {
      const many = Array.from({ length: 7000 }, (_, i) => ({
        memory_id: `bulk-${i}`,
        memory: `m ${i}`,
        created_at: i,
      }));
      await db.upsertMemories([
        ...many,
        { memory_id: "bulk-0", memory: "last wins", created_at: 0 },
      ]);
      expect((await db.getUserMemories({ limit: 1 })).total).toBe(7000);
      expect((await db.getUserMemory("bulk-0"))?.memory).toBe("last wins");
    } finally {
      await db.close();
    }
  });

  test("reports a total for a page past the end", async () => {
    const db = new PostgresDb({ dbUrl: TEST_PG_URL, dbSchema: freshSchema() });
    try {
      await db.upsertMemories(
        [1, 2, 3].map((i) => ({ memory_id: `p-${i}`, memory: "x", created_at: i })),
      );
      const page = await db.getUserMemories({ limit: 2, page: 5 });
      expect(page).toEqual({ items: [], total: 3 });
    } finally {
      await db.close();
    }
  });

  test('stores NUL and lone surrogates in text and jsonb (regression: "invalid byte sequence for encoding UTF8: 0x00", "unsupported Unicode escape sequence")', async () => {
    const schema = freshSchema();
    const db = new PostgresDb({ dbUrl: TEST_PG_URL, dbSchema: schema });
    try {
      const text = "a\u0000b\ud800c\udc00";
      await db.upsertSession({
        session_id: text,
        session_type: "agent",
        user_id: text,
        session_data: { session_name: text, [text]: [text] },
        created_at: 1,
      });
      expect(await db.getSession(text)).toMatchObject({
        session_id: text,
        user_id: text,
        session_data: { session_name: text, [text]: [text] },
      });
      expect((await db.getSessions({ userId: text, sessionName: "\u0000b" })).total).toBe(1);
    } finally {
      await db.close();
    }
  });

  test("keeps ordinary text byte for byte as other SDKs sharing the tables write and read it", async () => {
    const schema = freshSchema();
    const db = new PostgresDb({ dbUrl: TEST_PG_URL, dbSchema: schema });
    try {
      const text = "naïve 😀 \u202eRTL \u200f %_\\";
      await db.upsertUserMemory({ memory_id: "plain", memory: text, user_id: text, created_at: 1 });
      const [row] = await adminSql().unsafe(
        `SELECT user_id, memory #>> '{}' AS memory FROM "${schema}".agno_memories`,
      );
      expect(row).toEqual({ user_id: text, memory: text });
    } finally {
      await db.close();
    }
  });
});
