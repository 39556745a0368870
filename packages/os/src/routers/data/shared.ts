import type { BaseDb } from "@agno/core";
import type { DataRouterContext } from "../../data-context.js";
import { selectDb } from "../../db-select.js";
import { type AppContext, scopedUserId } from "../../env.js";
import { httpError } from "../../errors.js";

export const SORT_ORDERS = ["asc", "desc"] as const;
export const SESSION_TYPES = ["agent", "team", "workflow"] as const;
/** The fields each listing sorts by (`sort_by`); any other is a 422. */
export const SESSION_SORT_FIELDS = ["created_at", "updated_at", "session_id"] as const;
export const MEMORY_SORT_FIELDS = ["updated_at", "created_at", "memory_id"] as const;
export const NAMED_SORT_FIELDS = ["created_at", "updated_at", "name"] as const;

/**
 * The database a request works on (`db_id` and `table` query parameters), with the reference's
 * rules: `table` needs `db_id`, and the database must use a table of that name.
 */
export function pickDb(c: AppContext, ctx: DataRouterContext): BaseDb {
  const dbId = c.req.query("db_id");
  const table = c.req.query("table");
  const db = selectDb(ctx.dbs, dbId, table);
  if (table && !Object.values(db.tables).includes(table))
    throw httpError(404, `No database with id '${dbId}' has table '${table}'`);
  return db;
}

/**
 * The user whose data a request may touch: the caller's own id when authorization confines it
 * (whatever the request asked for), else the `requested` id (an admin's filter), if any.
 */
export function effectiveUserId(c: AppContext, requested?: string | null): string | undefined {
  const scoped = scopedUserId(c);
  if (scoped !== undefined) return scoped;
  return requested ?? undefined;
}

/**
 * An ISO-8601 UTC datetime, as the reference's response models render timestamps: epoch
 * seconds, `YYYY-MM-DD` dates and ISO strings are all accepted; anything else is undefined.
 */
export function iso(value: unknown): string | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return undefined;
    return trimMillis(new Date(value * 1000).toISOString());
  }
  if (typeof value === "string") {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value}T00:00:00Z`;
    if (/[+-]00:00$/.test(value)) return `${value.slice(0, -6)}Z`;
    if (/(Z|[+-]\d{2}:\d{2})$/.test(value)) return value;
    const parsed = Date.parse(`${value}Z`);
    return Number.isNaN(parsed) ? value : `${value}Z`;
  }
  return undefined;
}

function trimMillis(text: string): string {
  return text.endsWith(".000Z") ? `${text.slice(0, -5)}Z` : text;
}

/** A copy without the keys whose value is null or undefined (the reference's `exclude_none`). */
export function compact<T extends Record<string, unknown>>(obj: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== null && v !== undefined) out[k] = v;
  return out as T;
}

/** The reference's pagination wrapper. */
export interface Paginated<T> {
  data: T[];
  meta: {
    page: number;
    limit: number;
    total_pages: number;
    total_count: number;
    search_time_ms: number;
  };
}

/** Wraps one page of results; `startedAt` is `performance.now()` when the search began. */
export function paginated<T>(
  data: T[],
  page: { page: number; limit: number; total: number; startedAt: number },
): Paginated<T> {
  return {
    data,
    meta: {
      page: page.page,
      limit: page.limit,
      total_pages: page.limit > 0 ? Math.ceil(page.total / page.limit) : 0,
      total_count: page.total,
      search_time_ms: Math.round((performance.now() - page.startedAt) * 100) / 100,
    },
  };
}

/** One page of an in-memory list (`page` starts at 1; 0 is read as 1, as the reference does). */
export function slicePage<T>(items: T[], page: number, limit: number): T[] {
  const offset = Math.max(0, (page - 1) * limit);
  return items.slice(offset, offset + limit);
}

/** A value of a record when it is a plain object. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
