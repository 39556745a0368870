import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:net";
import { type BaseDb, ConfigurationError, type SessionRecord, StorageError } from "@agno/core";
import { dbContractSuite, serviceAvailable, TEST_REDIS_URL } from "@agno/test-utils";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisDb } from "./redis-db.js";

let availability: Promise<boolean> | undefined;
/** Whether Redis answers (once per file); throws when AGNO_REQUIRE_SERVICES=1 and it does not. */
const available = () => {
  availability ??= serviceAvailable("Redis", TEST_REDIS_URL);
  return availability;
};

let admin: Redis | undefined;
/** A client of the tests' own, to look at and tamper with keys behind the adapter's back. */
function redis(): Redis {
  admin ??= new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  return admin;
}

afterAll(async () => {
  await admin?.quit();
});

const uniquePrefix = () => `agno-test-${randomUUID()}`;

function asRedis(db: BaseDb): RedisDb {
  return db as RedisDb;
}

function rowKey(db: RedisDb, table: keyof RedisDb["tables"], key: string): string {
  return `${db.dbPrefix}:${db.tables[table]}:${key}`;
}

/** Deletes every key under a prefix (SCAN + DEL). */
async function deletePrefix(prefix: string): Promise<void> {
  const pattern = `${prefix.replace(/[*?[\]\\]/g, "\\$&")}:*`;
  let cursor = "0";
  do {
    const [next, keys] = await redis().scan(cursor, "MATCH", pattern, "COUNT", 1000);
    if (keys.length > 0) await redis().del(...keys);
    cursor = next;
  } while (cursor !== "0");
}

dbContractSuite("RedisDb", {
  available,
  create: async () => new RedisDb({ dbUrl: TEST_REDIS_URL, dbPrefix: uniquePrefix() }),
  sibling: async (db) => new RedisDb({ dbUrl: TEST_REDIS_URL, dbPrefix: asRedis(db).dbPrefix }),
  corruptSession: async (db, sessionId, userId) => {
    const rdb = asRedis(db);
    const truncated = `{"session_id":${JSON.stringify(sessionId)},"user_id":${JSON.stringify(userId)},"runs":[`;
    await redis()
      .multi()
      .set(rowKey(rdb, "sessions", sessionId), truncated)
      .zadd(rowKey(rdb, "sessions", "__index"), 0, sessionId)
      .exec();
  },
  destroy: async (db) => deletePrefix(asRedis(db).dbPrefix),
});

const now = () => Math.floor(Date.now() / 1000);

function session(id: string, extra: Partial<SessionRecord> = {}): SessionRecord {
  return {
    session_id: id,
    session_type: "agent",
    user_id: "u",
    runs: [],
    created_at: now(),
    ...extra,
  };
}

describe("RedisDb against Redis", () => {
  let enabled = true;
  const prefixes: string[] = [];
  const dbs: RedisDb[] = [];

  beforeAll(async () => {
    enabled = await available();
  });

  afterAll(async () => {
    for (const db of dbs) await db.close();
    if (enabled) for (const prefix of prefixes) await deletePrefix(prefix);
  });

  const test = (title: string, fn: () => Promise<void>) =>
    it(title, async (ctx) => {
      if (!enabled) return ctx.skip();
      await fn();
    });

  function open(options: { expire?: number; client?: Redis; dbPrefix?: string } = {}): RedisDb {
    const dbPrefix = options.dbPrefix ?? uniquePrefix();
    if (!prefixes.includes(dbPrefix)) prefixes.push(dbPrefix);
    const db = options.client
      ? new RedisDb({ client: options.client, dbPrefix, expire: options.expire })
      : new RedisDb({ dbUrl: TEST_REDIS_URL, dbPrefix, expire: options.expire });
    dbs.push(db);
    return db;
  }

  test("sets the expire TTL on every key it writes and refreshes it on update", async () => {
    const db = open({ expire: 120 });
    await db.upsertSession(session("ttl-1"));
    await db.upsertUserMemory({ memory_id: "ttl-m", memory: "m", created_at: now() });
    for (const key of [
      rowKey(db, "sessions", "ttl-1"),
      rowKey(db, "sessions", "__index"),
      rowKey(db, "memories", "ttl-m"),
      rowKey(db, "memories", "__index"),
    ]) {
      const ttl = await redis().ttl(key);
      expect(ttl, key).toBeGreaterThan(60);
      expect(ttl, key).toBeLessThanOrEqual(120);
    }
    await redis().expire(rowKey(db, "sessions", "ttl-1"), 5);
    await db.upsertSessionRun(
      { session_id: "ttl-1", session_type: "agent", user_id: "u" },
      { run_id: "r" },
    );
    expect(await redis().ttl(rowKey(db, "sessions", "ttl-1"))).toBeGreaterThan(60);

    const persistent = open();
    await persistent.upsertSession(session("no-ttl"));
    expect(await redis().ttl(rowKey(persistent, "sessions", "no-ttl"))).toBe(-1);
  });

  test("keeps the index in step with puts, deletes and clears, and drops expired rows", async () => {
    const db = open();
    const index = rowKey(db, "memories", "__index");
    await db.upsertMemories(
      ["a", "b", "c"].map((id, i) => ({
        memory_id: id,
        memory: id,
        user_id: "x",
        created_at: 1000 + i,
      })),
    );
    expect(await redis().zrange(index, 0, -1, "WITHSCORES")).toEqual([
      "a",
      "1000",
      "b",
      "1001",
      "c",
      "1002",
    ]);
    expect(await db.deleteUserMemory("a")).toBe(true);
    expect(await redis().zrange(index, 0, -1)).toEqual(["b", "c"]);

    await redis().del(rowKey(db, "memories", "b"));
    const listing = await db.getUserMemories({ userId: "x" });
    expect(listing.items.map((m) => m.memory_id)).toEqual(["c"]);
    expect(listing.total).toBe(1);
    expect(await redis().zrange(index, 0, -1)).toEqual(["c"]);

    await db.clearMemories();
    expect(await redis().exists(index, rowKey(db, "memories", "c"))).toBe(0);
    expect((await db.getUserMemories()).total).toBe(0);
  });

  test("loses no run when two clients append to one session at once", async () => {
    const first = open();
    const second = open({ dbPrefix: first.dbPrefix });
    const patch = { session_id: "two-clients", session_type: "agent" as const, user_id: "u" };
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? first : second).upsertSessionRun(patch, {
          run_id: `r-${i}`,
          metrics: { total_tokens: 1 },
        }),
      ),
    );
    const loaded = await first.getSession("two-clients");
    expect(loaded?.runs).toHaveLength(40);
    expect(loaded?.session_data?.session_metrics).toMatchObject({ total_tokens: 40 });
  });

  test("refuses to overwrite a malformed row on update and can still delete it", async () => {
    const db = open();
    await redis().set(rowKey(db, "sessions", "broken"), "[1, 2]");
    await redis().zadd(rowKey(db, "sessions", "__index"), 0, "broken");
    const error = await db.upsertSession(session("broken")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as Error).message).toMatch(/"broken".*malformed: the stored value is an array/);
    expect(await db.deleteSession("broken")).toBe(true);
    expect(await db.upsertSession(session("broken"))).not.toBeNull();
  });

  test("keeps ids that differ only in a lone surrogate apart (regression: both became one Redis key holding U+FFFD)", async () => {
    const db = open();
    for (const id of ["\ud800", "\udc00", "\ufffd"])
      await db.upsertSession(session(id, { session_data: { session_name: id } }));
    for (const id of ["\ud800", "\udc00", "\ufffd"])
      expect((await db.getSession(id))?.session_data?.session_name).toBe(id);
    expect((await db.getSessions()).total).toBe(3);
    expect(await db.deleteSessions(["\ud800", "\udc00"])).toBe(2);
    expect((await db.getSessions()).items.map((s) => s.session_id)).toEqual(["\ufffd"]);
  });

  test("keeps ordinary ids as they are in Redis keys and index members", async () => {
    const db = open();
    await db.upsertSession(session("naïve 😀 \u202e"));
    expect(await redis().exists(rowKey(db, "sessions", "naïve 😀 \u202e"))).toBe(1);
    expect(await redis().zrange(rowKey(db, "sessions", "__index"), 0, -1)).toEqual([
      "naïve 😀 \u202e",
    ]);
  });

  test("rejects the index's own name as a row key", async () => {
    const db = open();
    await expect(db.upsertSession(session("__index"))).rejects.toThrow(/reserved/);
    expect(await db.getSession("__index")).toBeNull();
  });

  test("reuses a passed client and leaves it open on close", async () => {
    const client = new Redis(TEST_REDIS_URL);
    try {
      const db = open({ client });
      expect(db.client).toBe(client);
      await db.upsertSession(session("reuse"));
      expect(await client.exists(rowKey(db, "sessions", "reuse"))).toBe(1);
      await db.close();
      expect(client.status).toBe("ready");
      expect(await client.ping()).toBe("PONG");
    } finally {
      await client.quit();
    }
  });

  test("closes the client it made from dbUrl", async () => {
    const db = open();
    await db.getSession("anything");
    expect(db.client.status).toBe("ready");
    await db.close();
    expect(db.client.status).toBe("end");
    await expect(db.getSession("anything")).rejects.toThrow(/was closed/);
  });
});

describe("RedisDb without a server", () => {
  it("needs dbUrl or client and checks its options", () => {
    expect(() => new RedisDb({})).toThrow(ConfigurationError);
    expect(() => new RedisDb({})).toThrow(/dbUrl/);
    expect(() => new RedisDb({ dbUrl: "redis://127.0.0.1:6379", expire: 0 })).toThrow(/expire/);
    expect(() => new RedisDb({ dbUrl: "redis://127.0.0.1:6379", expire: 1.5 })).toThrow(/expire/);
    expect(() => new RedisDb({ dbUrl: "redis://127.0.0.1:6379", dbPrefix: "" })).toThrow(
      /dbPrefix/,
    );
  });

  it("derives a stable id from server, database and prefix, never from credentials", async () => {
    const make = (dbUrl: string, dbPrefix?: string) => new RedisDb({ dbUrl, dbPrefix });
    const dbs = [
      make("redis://:secret@10.0.0.1:6380/2"),
      make("redis://:other@10.0.0.1:6380/2"),
      make("redis://10.0.0.1:6380/2", "other"),
      make("redis://10.0.0.1:6380/3"),
    ];
    try {
      const [a, b, c, d] = dbs.map((db) => db.id);
      expect(a).toBe(b);
      expect(a).not.toBe(c);
      expect(a).not.toBe(d);
      expect(a).not.toMatch(/secret/);
      expect(new RedisDb({ dbUrl: "redis://h", id: "mine" }).id).toBe("mine");
    } finally {
      for (const db of dbs) await db.close();
    }
  });

  it(
    "does no I/O when constructed and fails fast with a StorageError when Redis does not answer",
    { timeout: 5_000 },
    async () => {
      // A TCP server that hangs up on every connection: reachable, but never a working Redis.
      let connections = 0;
      const server: Server = createServer((socket) => {
        connections++;
        socket.destroy();
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const { port } = server.address() as { port: number };
      const db = new RedisDb({ dbUrl: `redis://:hunter2@127.0.0.1:${port}` });
      try {
        for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
        expect(connections).toBe(0);
        expect(db.client.status).toBe("wait");
        const error = await db.getSession("s").catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StorageError);
        expect((error as StorageError).operation).toBe("getSession");
        expect((error as Error).message).toMatch(
          /getSession on table "agno_sessions" failed: Redis at 127\.0\.0\.1:\d+ is unreachable/,
        );
        expect((error as Error).message).not.toMatch(/hunter2/);
        expect(connections).toBeGreaterThan(0);
      } finally {
        await db.close();
        await new Promise((resolve) => server.close(resolve));
      }
    },
  );

  it(
    "fails fast with a StorageError when nothing listens on the port",
    { timeout: 5_000 },
    async () => {
      const probe = createServer();
      await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
      const { port } = probe.address() as { port: number };
      await new Promise((resolve) => probe.close(resolve));
      const db = new RedisDb({ dbUrl: `redis://127.0.0.1:${port}` });
      try {
        const error = await db.getSessions().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StorageError);
        expect((error as Error).message).toMatch(/unreachable \(connect ECONNREFUSED/);
      } finally {
        await db.close();
      }
    },
  );
});
