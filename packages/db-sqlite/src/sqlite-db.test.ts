import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { type BaseDb, type SessionPatch, StorageError } from "@agno/core";
import { dbContractSuite } from "@agno/test-utils";
import { type Client, createClient } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqliteDb } from "./index.js";

let dir: string;
const files = new Map<BaseDb, string>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "agno-db-sqlite-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** tsx runs the child processes of the cross-process test on source. */
const tsx = (() => {
  try {
    return createRequire(import.meta.url).resolve("tsx");
  } catch {
    return undefined;
  }
})();

const tempFile = () => join(dir, `${randomUUID()}.db`);

/** A second, independent client on a file: what another process would see. */
async function rawClient<T>(file: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = createClient({ url: pathToFileURL(file).href, timeout: 5_000 });
  try {
    return await fn(client);
  } finally {
    client.close();
  }
}

async function tableNames(file: string): Promise<string[]> {
  return rawClient(file, async (client) => {
    const { rows } = await client.execute(
      "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
    );
    return rows.map((row) => String(row.name));
  });
}

const run = (id: string) => ({
  run_id: id,
  status: "COMPLETED",
  created_at: 1_700_000_000,
  metrics: { input_tokens: 1, output_tokens: 1, total_tokens: 2 },
});

const patch: SessionPatch = { session_id: "s", session_type: "agent", user_id: "u" };

dbContractSuite("SqliteDb", {
  create: async () => {
    const file = tempFile();
    const db = new SqliteDb({ dbFile: file });
    files.set(db, file);
    return db;
  },
  sibling: async (db) => new SqliteDb({ dbFile: files.get(db)! }),
  corruptSession: async (db, sessionId, userId) => {
    await db.getSession(sessionId); // creates the table when nothing did yet
    await rawClient(files.get(db)!, (client) =>
      client.execute({
        sql: `INSERT INTO "${db.tables.sessions}" (session_id, session_type, user_id, runs, created_at) VALUES (?, 'agent', ?, ?, ?)`,
        args: [sessionId, userId, "[{not json", 1_700_000_000],
      }),
    );
  },
  destroy: async (db) => {
    await db.close();
    const file = files.get(db)!;
    for (const suffix of ["", "-wal", "-shm"]) await rm(`${file}${suffix}`, { force: true });
  },
});

describe("SqliteDb", () => {
  it("does no I/O when constructed: the file and its directories appear on first use", async () => {
    const file = join(dir, "not", "yet", "there", "agno.db");
    const db = new SqliteDb({ dbFile: file });
    expect(existsSync(join(dir, "not"))).toBe(false);
    const hadDefault = existsSync("agno.db");
    expect(new SqliteDb().id).toBe(new SqliteDb({ dbFile: "agno.db" }).id);
    expect(existsSync("agno.db")).toBe(hadDefault);
    expect(await db.getSession("missing")).toBeNull();
    expect(existsSync(file)).toBe(true);
    await db.close();
  });

  it("creates only the tables it touches, under the configured names, with their indexes", async () => {
    const file = tempFile();
    const db = new SqliteDb({
      dbFile: file,
      sessionTable: "my_sessions",
      memoryTable: "my memories",
    });
    await db.upsertSessionRun(patch, run("r1"));
    await db.upsertUserMemory({
      memory_id: "m1",
      memory: "likes tea",
      user_id: "u",
      created_at: 1,
    });
    expect(await tableNames(file)).toEqual(["my memories", "my_sessions"]);
    const indexes = await rawClient(file, async (client) => {
      const { rows } = await client.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'my_sessions'",
      );
      return rows.map((row) => String(row.name));
    });
    expect(indexes).toEqual(
      expect.arrayContaining(["idx_my_sessions_user_id", "idx_my_sessions_created_at"]),
    );
    await db.calculateMetrics();
    expect(await tableNames(file)).toContain("agno_metrics");
    await db.close();
  });

  it("lets two instances on one file see each other's writes and append runs concurrently", async () => {
    const file = tempFile();
    const a = new SqliteDb({ dbFile: file });
    const b = new SqliteDb({ dbUrl: pathToFileURL(file).href });
    expect(a.id).toBe(b.id);
    expect(new SqliteDb({ dbFile: tempFile() }).id).not.toBe(a.id);
    await a.upsertSession({ session_id: "x", session_type: "agent", user_id: "u", created_at: 1 });
    expect((await b.getSession("x"))?.user_id).toBe("u");
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).upsertSessionRun(patch, run(`r${i}`))),
    );
    expect((await a.getSession("s"))?.runs).toHaveLength(40);
    expect(await b.deleteSession("x")).toBe(true);
    expect(await a.getSession("x")).toBeNull();
    await Promise.all([a.close(), b.close()]);
  });

  it.skipIf(!tsx)(
    "keeps every run when two processes append to one session at once (needs tsx)",
    async () => {
      const file = tempFile();
      const source = pathToFileURL(fileURLToPath(new URL("./index.ts", import.meta.url))).href;
      const script = `
      import { SqliteDb } from ${JSON.stringify(source)};
      const db = new SqliteDb({ dbFile: process.env.DB_FILE });
      const tag = process.env.TAG;
      await Promise.all(Array.from({ length: 25 }, (_, i) =>
        db.upsertSessionRun({ session_id: "shared", session_type: "agent", user_id: "u" }, { run_id: tag + i })));
      await db.close();`;
      const exec = promisify(execFile);
      const child = (tag: string) =>
        exec(
          process.execPath,
          [
            "--conditions=@agno/source",
            "--import",
            pathToFileURL(tsx!).href,
            "--input-type=module",
            "-e",
            script,
          ],
          {
            env: { ...process.env, DB_FILE: file, TAG: tag },
          },
        );
      await Promise.all([child("a"), child("b")]);
      const db = new SqliteDb({ dbFile: file });
      const runs = (await db.getSession("shared"))?.runs ?? [];
      expect(runs).toHaveLength(50);
      expect(new Set(runs.map((r) => r.run_id)).size).toBe(50);
      await db.close();
    },
  );

  it("refuses to update a row it cannot read instead of overwriting it", async () => {
    const file = tempFile();
    const db = new SqliteDb({ dbFile: file });
    await db.upsertSessionRun(patch, run("r1"));
    await rawClient(file, (client) =>
      client.execute(`UPDATE agno_sessions SET session_data = '{oops' WHERE session_id = 's'`),
    );
    const error = await db.upsertSessionRun(patch, run("r2")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as Error).message).toMatch(/"s" is malformed/);
    const raw = await rawClient(file, (client) =>
      client.execute("SELECT session_data FROM agno_sessions"),
    );
    expect(raw.rows[0]?.session_data).toBe("{oops");
    await db.close();
  });

  it("keeps filtering on JSON columns when one row holds invalid JSON", async () => {
    const file = tempFile();
    const db = new SqliteDb({ dbFile: file });
    await db.upsertSession({
      session_id: "good",
      session_type: "agent",
      session_data: { session_name: "Paris" },
      created_at: 1,
    });
    await db.upsertSession({ session_id: "bad", session_type: "agent", created_at: 2 });
    await db.upsertUserMemory({
      memory_id: "good",
      memory: "likes tea",
      topics: ["food"],
      created_at: 1,
    });
    await db.upsertUserMemory({
      memory_id: "bad",
      memory: "likes coffee",
      topics: ["food"],
      created_at: 2,
    });
    await rawClient(file, async (client) => {
      await client.execute(
        `UPDATE agno_sessions SET session_data = '{oops' WHERE session_id = 'bad'`,
      );
      await client.execute(`UPDATE agno_memories SET topics = '[oops' WHERE memory_id = 'bad'`);
    });
    expect((await db.getSessions({ sessionName: "paris" })).items.map((s) => s.session_id)).toEqual(
      ["good"],
    );
    expect((await db.getUserMemories({ topics: ["food"] })).items.map((m) => m.memory_id)).toEqual([
      "good",
    ]);
    const all = await db.getUserMemories({ searchContent: "likes" });
    expect(all.total).toBe(2);
    expect(all.items.map((m) => m.memory_id)).toEqual(["good"]);
    await db.close();
  });

  it("matches search text literally (LIKE wildcards are escaped) and case-insensitively", async () => {
    const db = new SqliteDb({ dbFile: tempFile() });
    await db.upsertMemories([
      { memory_id: "a", memory: "Saves 50% of income", user_id: "u", created_at: 1 },
      { memory_id: "b", memory: "Owns 500 books", user_id: "u", created_at: 2 },
      { memory_id: "c", memory: 'Said "hi_there"', user_id: "u", created_at: 3 },
    ]);
    const search = async (text: string) =>
      (
        await db.getUserMemories({ searchContent: text, sortBy: "created_at", sortOrder: "asc" })
      ).items.map((m) => m.memory_id);
    expect(await search("50%")).toEqual(["a"]);
    expect(await search("SAVES")).toEqual(["a"]);
    expect(await search("hi_t")).toEqual(["c"]);
    expect(await search('"hi')).toEqual(["c"]);
    await db.close();
  });

  it("reads text holding NUL back whole and keeps lone surrogates apart (regression: libSQL cut text at NUL and bound lone surrogates as U+FFFD)", async () => {
    const db = new SqliteDb({ dbFile: tempFile() });
    for (const id of ["a\u0000b", "a\u0000c", "\ud800", "\udc00", "\ufffd"])
      await db.upsertUserMemory({ memory_id: id, memory: id, input: id, created_at: 1 });
    for (const id of ["a\u0000b", "a\u0000c", "\ud800", "\udc00", "\ufffd"])
      expect(await db.getUserMemory(id)).toMatchObject({ memory_id: id, memory: id, input: id });
    const found = await db.getUserMemories({ searchContent: "\u0000c" });
    expect(found.items.map((m) => m.memory_id)).toEqual(["a\u0000c"]);
    await db.close();
  });

  it("reads JSON written with \\u0000 escapes, as other tools and earlier versions write it", async () => {
    const file = tempFile();
    const db = new SqliteDb({ dbFile: file });
    await db.getSession("legacy");
    await rawClient(file, (client) =>
      client.execute({
        sql: "INSERT INTO agno_sessions (session_id, session_type, session_data, created_at) VALUES (?, 'agent', ?, 1)",
        args: ["legacy", JSON.stringify({ session_name: "a\u0000b\ud800" })],
      }),
    );
    expect((await db.getSession("legacy"))?.session_data).toEqual({
      session_name: "a\u0000b\ud800",
    });
    await db.close();
  });

  it("closes only a client it opened", async () => {
    const client = createClient({ url: pathToFileURL(tempFile()).href });
    const db = new SqliteDb({ client });
    await db.upsertSessionRun(patch, run("r1"));
    await db.close();
    expect(client.closed).toBe(false);
    expect((await client.execute("SELECT COUNT(*) AS n FROM agno_sessions")).rows[0]?.n).toBe(1);
    client.close();
  });

  it("keeps an in-memory database per instance", async () => {
    const db = new SqliteDb({ dbFile: ":memory:" });
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => db.upsertSessionRun(patch, run(`r${i}`))),
    );
    expect((await db.getSession("s"))?.runs).toHaveLength(10);
    const other = new SqliteDb({ dbFile: ":memory:" });
    expect(await other.getSession("s")).toBeNull();
    await Promise.all([db.close(), other.close()]);
  });
});
