import { isMalformed } from "@agno/core";
import { describe, expect, it } from "vitest";
import { decodeRow, encodeValue } from "./codec.js";
import { likePattern, selectStatement, upsertStatement } from "./query-builder.js";
import { createTableStatements, indexName } from "./schema.js";
import { tableInfo } from "./table-info.js";

const sessions = tableInfo("sessions", "ai", "agno_sessions");
const memories = tableInfo("memories", "ai", "agno_memories");

describe("selectStatement", () => {
  it("parameterizes every value and quotes every identifier", () => {
    const { text, values } = selectStatement(sessions, {
      eq: { user_id: "u'; DROP TABLE x; --", session_type: "agent", agent_id: null },
      or: [{ agent_id: "a" }, { team_id: "a" }],
      gte: { created_at: 10 },
      lte: { created_at: 20.5 },
      contains: { columns: ["session_data.session_name"], text: "Paris" },
      orderBy: { column: "created_at", direction: "asc" },
      limit: 3,
      offset: 6,
    });
    expect(text).not.toContain("DROP");
    expect(text).toContain(
      `FROM "ai"."agno_sessions" WHERE "user_id" = $1::text AND "session_type" = $2::text AND "agent_id" IS NULL`,
    );
    expect(text).toContain(`(("agent_id" = $3::text) OR ("team_id" = $4::text))`);
    expect(text).toContain(`"created_at" >= $5::bigint AND "created_at" <= $6::bigint`);
    expect(text).toContain(`("session_data"->>$8::text ILIKE $7::text)`);
    expect(text).toContain(
      `ORDER BY "created_at" ASC NULLS FIRST, "session_id" COLLATE "C" ASC LIMIT $9::bigint OFFSET $10::bigint`,
    );
    expect(values).toEqual([
      "u'; DROP TABLE x; --",
      "agent",
      "a",
      "a",
      10,
      20,
      "%Paris%",
      "session_name",
      3,
      6,
    ]);
  });

  it("matches JSON arrays, JSON strings and JSON nulls", () => {
    const { text, values } = selectStatement(memories, {
      anyOf: { column: "topics", values: ["a", "b"] },
      contains: { columns: ["memory"], text: "x" },
      eq: { topics: null },
    });
    expect(text).toContain(`("topics" IS NULL OR "topics" = 'null'::jsonb)`);
    expect(text).toContain(
      `(jsonb_typeof("topics") = 'array' AND "topics" ?| ARRAY[$2::text, $3::text])`,
    );
    expect(text).toContain(`("memory" #>> '{}' ILIKE $1::text)`);
    expect(values).toEqual(["%x%", "a", "b"]);
  });

  it("never matches empty lists or impossible values", () => {
    const { text } = selectStatement(sessions, {
      in: { session_type: [] },
      anyOf: { column: "runs", values: [] },
      contains: { columns: [], text: "x" },
      eq: { created_at: "soon" },
    });
    expect(text.match(/FALSE/g)).toHaveLength(4);
  });

  it("sorts text in byte order and rejects unknown columns", () => {
    expect(
      selectStatement(sessions, { orderBy: { column: "session_id", direction: "desc" } }).text,
    ).toContain(`ORDER BY "session_id" COLLATE "C" DESC NULLS LAST`);
    expect(() => selectStatement(sessions, { eq: { 'x" OR 1=1 --': "a" } })).toThrow(
      /has no column/,
    );
    expect(() => selectStatement(sessions, { eq: { "user_id.x": "a" } })).toThrow(/not JSON/);
  });

  it("escapes LIKE wildcards", () => {
    expect(likePattern("100%_a\\b")).toBe("%100\\%\\_a\\\\b%");
  });
});

describe("upsertStatement and the codec", () => {
  it("replaces every column on conflict and sends JSON as text", () => {
    const { text, values } = upsertStatement(memories, [
      { memory_id: "m", memory: "hi", topics: ["t"], created_at: 1.6 },
    ]);
    expect(text).toMatch(
      /^INSERT INTO "ai"."agno_memories" \("memory_id", "memory", .*\) VALUES \(\$1::varchar, \$2::text::jsonb,/,
    );
    expect(text).toContain(`ON CONFLICT ("memory_id") DO UPDATE SET "memory" = EXCLUDED."memory"`);
    expect(values.slice(0, 6)).toEqual(["m", '"hi"', null, null, null, null]);
    expect(values).toContain('["t"]');
    expect(values).toContain(2);
  });

  it("refuses values a column cannot hold, naming the column only", () => {
    const column = { name: "created_at", kind: "bigint" as const };
    expect(() => encodeValue(column, "yesterday")).toThrow(
      'column "created_at" holds bigint values, got a string',
    );
    expect(encodeValue(column, "42")).toBe("42");
    expect(() => encodeValue({ name: "completed", kind: "bool" }, "yes")).toThrow(/completed/);
  });

  it("decodes bigints as numbers, leaves NULLs out and reports unreadable rows", () => {
    const row = [
      "s",
      "agent",
      null,
      null,
      null,
      "u",
      '{"a":1}',
      null,
      null,
      null,
      null,
      "[]",
      null,
      "1700000000",
      null,
    ];
    expect(decodeRow(sessions, row)).toEqual({
      session_id: "s",
      session_type: "agent",
      user_id: "u",
      session_data: { a: 1 },
      runs: [],
      created_at: 1_700_000_000,
    });
    const bad = decodeRow(sessions, [
      "s",
      "agent",
      null,
      null,
      null,
      null,
      "{oops",
      null,
      null,
      null,
      null,
      null,
      null,
      "1",
      null,
    ]);
    expect(isMalformed(bad) && bad).toMatchObject({
      key: "s",
      reason: 'column "session_data" holds invalid JSON',
    });
    const nan = decodeRow(sessions, [
      "s",
      "agent",
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      "x",
      null,
    ]);
    expect(isMalformed(nan)).toBe(true);
  });
});

describe("createTableStatements", () => {
  it("creates the reference's columns, key, unique columns and indexes", () => {
    const [table, ...indexes] = createTableStatements(tableInfo("metrics", "ai", "agno_metrics"));
    expect(table).toContain(
      `CREATE TABLE IF NOT EXISTS "ai"."agno_metrics" ("id" VARCHAR NOT NULL, "agent_runs_count" BIGINT,`,
    );
    expect(table).toContain(`"token_metrics" JSONB`);
    expect(table).toContain(
      `"completed" BOOLEAN, PRIMARY KEY ("id"), UNIQUE ("date", "aggregation_period"))`,
    );
    expect(indexes).toEqual([
      `CREATE INDEX IF NOT EXISTS "idx_agno_metrics_date" ON "ai"."agno_metrics" ("date")`,
      `CREATE INDEX IF NOT EXISTS "idx_agno_metrics_aggregation_period" ON "ai"."agno_metrics" ("aggregation_period")`,
    ]);
  });

  it("keeps index names within 63 bytes and distinct", () => {
    const long = "t".repeat(60);
    const a = indexName(long, "created_at");
    const b = indexName(long, "updated_at");
    expect(Buffer.byteLength(a)).toBeLessThanOrEqual(63);
    expect(a).not.toBe(b);
  });
});
