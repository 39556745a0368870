import { createHash } from "node:crypto";
import {
  applyQuery,
  escapeText,
  getLogger,
  isMalformed,
  type MalformedRow,
  malformedRow,
  type Row,
  StorageError,
  TABLES,
  type TableQuery,
  type TableStore,
  type TableType,
  unescapeText,
} from "@agno/core";
import type { Redis } from "ioredis";
import { COMPARE_AND_SET, PRUNE_INDEX, type Script } from "./scripts.js";

/** Member name of each table's sorted-set index; no row may use it as its key. */
export const INDEX_SUFFIX = "__index";

/** Keys per MGET / rows per MULTI, so one command never grows without bound. */
const CHUNK = 500;
/** Optimistic retries of one `update` before giving up (each after a short random pause). */
const MAX_UPDATE_ATTEMPTS = 200;

export interface RedisStoreOptions {
  client: Redis;
  prefix: string;
  tables: Record<TableType, string>;
  /** TTL in seconds for every row (and index) key written. */
  expire: number | undefined;
  /** Where the server is (`host:port`), for error messages. */
  location: string;
  /** The last connection error of a client this package created, if any. */
  lastError: () => Error | undefined;
  /** Whether the owning database was closed. */
  closed: () => boolean;
}

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Index score: `created_at` as epoch seconds (numbers as is, ISO strings parsed), else 0. */
function scoreOf(row: Row): number {
  const created = row.created_at;
  if (typeof created === "number" && Number.isFinite(created)) return created;
  if (typeof created === "string") {
    const ms = Date.parse(created);
    if (Number.isFinite(ms)) return ms / 1000;
  }
  return 0;
}

/** Parses a stored value; never includes the value in the reason (it may hold user data). */
function decode(key: string, raw: string): Row | MalformedRow {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return malformedRow(key, "the stored value is not valid JSON");
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    const kind = value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
    return malformedRow(key, `the stored value is ${kind}, not a JSON object`);
  }
  return value as Row;
}

function check(results: Array<[Error | null, unknown]> | null): unknown[] {
  if (!results) throw new Error("the Redis transaction was aborted");
  return results.map(([error, value]) => {
    if (error) throw error;
    return value;
  });
}

/**
 * The {@link TableStore} of {@link RedisDb}: one string key per row holding its JSON and one
 * sorted set per table indexing the row keys by creation time.
 */
export class RedisStore implements TableStore {
  constructor(private readonly options: RedisStoreOptions) {}

  private get client(): Redis {
    return this.options.client;
  }

  /**
   * The Redis key of a row, from its index member: the row key escaped with `escapeText`, since
   * Redis keys are bytes and a lone surrogate would become U+FFFD (two keys, one Redis key).
   */
  private rowKey(table: TableType, member: string): string {
    return `${this.options.prefix}:${this.options.tables[table]}:${member}`;
  }

  private indexKey(table: TableType): string {
    return this.rowKey(table, INDEX_SUFFIX);
  }

  private checkKey(table: TableType, key: string): string {
    if (key === INDEX_SUFFIX) {
      throw new Error(
        `"${INDEX_SUFFIX}" is reserved for the index of table "${this.options.tables[table]}" and cannot be a row key`,
      );
    }
    return key;
  }

  /** Runs Redis calls, turning connection failures into one clear message. */
  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (this.options.closed()) {
        throw new Error("this RedisDb was closed; create a new one to keep using Redis", {
          cause: error,
        });
      }
      const name = (error as Error)?.name;
      const message = (error as Error)?.message ?? "";
      if (name === "MaxRetriesPerRequestError" || message === "Connection is closed.") {
        const last = this.options.lastError();
        throw new Error(
          `Redis at ${this.options.location} is unreachable${last ? ` (${last.message})` : ""}. Check that the server is running and that dbUrl points at it`,
          { cause: error },
        );
      }
      throw error;
    }
  }

  private async runScript(
    s: Script,
    keys: string[],
    args: Array<string | number>,
  ): Promise<unknown> {
    try {
      return await this.client.evalsha(s.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!String((error as Error)?.message).startsWith("NOSCRIPT")) throw error;
      return this.client.eval(s.source, keys.length, ...keys, ...args);
    }
  }

  get(table: TableType, key: string): Promise<Row | MalformedRow | null> {
    return this.guard(async () => {
      if (key === INDEX_SUFFIX) return null;
      const raw = await this.client.get(this.rowKey(table, escapeText(key)));
      return raw === null ? null : decode(key, raw);
    });
  }

  put(table: TableType, rows: Row[]): Promise<void> {
    return this.guard(async () => {
      const keyColumn = TABLES[table].key;
      const index = this.indexKey(table);
      const { expire } = this.options;
      for (const batch of chunks(rows)) {
        const tx = this.client.multi();
        for (const row of batch) {
          const key = row[keyColumn];
          if ((typeof key !== "string" && typeof key !== "number") || key === "") {
            throw new Error(`a row without "${keyColumn}" cannot be stored`);
          }
          const member = escapeText(this.checkKey(table, String(key)));
          const json = JSON.stringify(row);
          if (expire) tx.set(this.rowKey(table, member), json, "EX", expire);
          else tx.set(this.rowKey(table, member), json);
          tx.zadd(index, scoreOf(row), member);
        }
        if (expire) tx.expire(index, expire);
        check(await tx.exec());
      }
    });
  }

  remove(table: TableType, keys: string[]): Promise<number> {
    return this.guard(async () => {
      const unique = [...new Set(keys)].filter((key) => key !== INDEX_SUFFIX).map(escapeText);
      let removed = 0;
      for (const batch of chunks(unique)) {
        const tx = this.client.multi();
        tx.del(...batch.map((key) => this.rowKey(table, key)));
        tx.zrem(this.indexKey(table), ...batch);
        removed += Number(check(await tx.exec())[0]);
      }
      return removed;
    });
  }

  query(
    table: TableType,
    query: TableQuery,
  ): Promise<{ rows: Array<Row | MalformedRow>; total: number }> {
    return this.guard(async () => {
      const index = this.indexKey(table);
      const members = await this.client.zrange(index, 0, -1);
      const values = await Promise.all(
        chunks(members).map((batch) =>
          this.client.mget(...batch.map((key) => this.rowKey(table, key))),
        ),
      );
      const good: Row[] = [];
      const malformed: MalformedRow[] = [];
      const stale: string[] = [];
      for (const [i, raw] of values.flat().entries()) {
        const member = members[i]!;
        if (raw === null) {
          stale.push(member);
          continue;
        }
        const row = decode(unescapeText(member), raw);
        if (isMalformed(row)) malformed.push(row);
        else good.push(row);
      }
      if (stale.length > 0) await this.prune(table, stale);
      const { rows, total } = applyQuery(good, query);
      return { rows: [...rows, ...malformed], total };
    });
  }

  private async prune(table: TableType, members: string[]): Promise<void> {
    try {
      for (const batch of chunks(members)) {
        const keys = batch.map((key) => this.rowKey(table, key));
        await this.runScript(PRUNE_INDEX, [this.indexKey(table), ...keys], batch);
      }
    } catch (error) {
      getLogger().debug(
        `Could not prune the index of table "${this.options.tables[table]}": ${(error as Error).message}`,
      );
    }
  }

  update(table: TableType, key: string, fn: (row: Row | null) => Row | null): Promise<Row | null> {
    return this.guard(async () => {
      const member = escapeText(this.checkKey(table, key));
      const rowKey = this.rowKey(table, member);
      const name = this.options.tables[table];
      for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
        const raw = await this.client.get(rowKey);
        const current = raw === null ? null : decode(key, raw);
        if (current !== null && isMalformed(current)) {
          throw new StorageError(
            `Row "${key}" in table "${name}" is malformed: ${current.reason}. It cannot be updated; delete it first`,
            { table: name, operation: "update" },
          );
        }
        const next = fn(current);
        if (next === null) return current;
        const json = JSON.stringify(next);
        const expected = raw === null ? "" : createHash("sha1").update(raw).digest("hex");
        const args = [expected, json, scoreOf(next), member, this.options.expire ?? 0];
        const written = await this.runScript(COMPARE_AND_SET, [rowKey, this.indexKey(table)], args);
        if (Number(written) === 1) return JSON.parse(json) as Row;
        await sleep(Math.random() * Math.min(2 + attempt * 2, 50));
      }
      throw new StorageError(
        `Row "${key}" in table "${name}" could not be updated: it kept changing under ${MAX_UPDATE_ATTEMPTS} concurrent writes. Try again`,
        { table: name, operation: "update" },
      );
    });
  }

  clear(table: TableType): Promise<void> {
    return this.guard(async () => {
      const index = this.indexKey(table);
      const members = await this.client.zrange(index, 0, -1);
      for (const batch of chunks(members)) {
        const tx = this.client.multi();
        tx.del(...batch.map((key) => this.rowKey(table, key)));
        tx.zrem(index, ...batch);
        check(await tx.exec());
      }
    });
  }
}
