import type { BaseDb } from "@agno/core";
import { httpError } from "./errors.js";

/**
 * Picks the database a data route works on, with the reference's rules and messages:
 * `table` needs `db_id`; an unknown `db_id` is 404; several databases need `db_id`; none is 400.
 */
export function selectDb(
  dbs: ReadonlyMap<string, BaseDb>,
  dbId?: string | null,
  table?: string | null,
): BaseDb {
  if (table && !dbId)
    throw httpError(400, "The db_id query parameter is required when passing a table");
  if (dbId) {
    const db = dbs.get(dbId);
    if (!db) throw httpError(404, `No database found with id '${dbId}'`);
    return db;
  }
  if (dbs.size === 0) throw httpError(400, "No database is configured on this AgentOS");
  if (dbs.size > 1)
    throw httpError(400, "The db_id query parameter is required when using multiple databases");
  return dbs.values().next().value as BaseDb;
}
