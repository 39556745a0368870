import { createHash } from "node:crypto";
import type { Sql } from "postgres";
import { MAX_IDENTIFIER_BYTES, quoteIdent, SQL_TYPES, type TableInfo } from "./table-info.js";

/** Errors of two sessions creating the same schema, table or index at once. */
const DUPLICATE_CODES = new Set(["42P06", "42P07", "42710", "23505"]);

function isDuplicate(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    DUPLICATE_CODES.has(String((error as { code?: unknown }).code))
  );
}

/** An index name within PostgreSQL's limit: `idx_<table>_<column>`, shortened with a hash if needed. */
export function indexName(table: string, column: string): string {
  const name = `idx_${table}_${column}`;
  if (Buffer.byteLength(name) <= MAX_IDENTIFIER_BYTES) return name;
  const hash = createHash("sha1").update(name).digest("hex").slice(0, 8);
  let head = name;
  while (Buffer.byteLength(head) > MAX_IDENTIFIER_BYTES - 9) head = head.slice(0, -1);
  return `${head}_${hash}`;
}

/** The DDL of one table: CREATE TABLE with its key and unique columns, then its indexes. */
export function createTableStatements(table: TableInfo): string[] {
  const { def } = table;
  const columns = def.columns.map(
    (c) => `${quoteIdent(c.name)} ${SQL_TYPES[c.kind]}${c.notNull ? " NOT NULL" : ""}`,
  );
  columns.push(`PRIMARY KEY (${quoteIdent(def.key)})`);
  if (def.unique?.length) columns.push(`UNIQUE (${def.unique.map(quoteIdent).join(", ")})`);
  const statements = [`CREATE TABLE IF NOT EXISTS ${table.qualified} (${columns.join(", ")})`];
  for (const c of def.columns) {
    if (!c.index) continue;
    statements.push(
      `CREATE INDEX IF NOT EXISTS ${quoteIdent(indexName(table.name, c.name))} ON ${table.qualified} (${quoteIdent(c.name)})`,
    );
  }
  return statements;
}

/**
 * Creates each table on its first use, once per instance (concurrent callers share one promise;
 * a failure is forgotten so the next use retries). Creation takes a transaction-scoped advisory
 * lock on the schema, so processes sharing a database create tables one at a time; duplicate
 * errors from creators that do not take the lock are retried.
 */
export class TableCreator {
  private readonly ready = new Map<string, Promise<void>>();

  constructor(private readonly sql: Sql) {}

  ensure(table: TableInfo): Promise<void> {
    let promise = this.ready.get(table.qualified);
    if (!promise) {
      const created = this.create(table);
      promise = created;
      this.ready.set(table.qualified, created);
      created.catch(() => {
        if (this.ready.get(table.qualified) === created) this.ready.delete(table.qualified);
      });
    }
    return promise;
  }

  /** Forgets that a table exists (it was dropped): the next `ensure` checks again. */
  forget(table: TableInfo): void {
    this.ready.delete(table.qualified);
  }

  private async create(table: TableInfo): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        if (await this.exists(table)) return;
        await this.sql.begin(async (tx) => {
          await tx.unsafe("SET LOCAL client_min_messages = warning");
          await tx.unsafe(
            "SELECT pg_advisory_xact_lock(hashtext('agno:ddl'), hashtext($1::text))",
            [table.schema],
          );
          const schema = await tx.unsafe(
            "SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1::text",
            [table.schema],
          );
          // Only when missing: CREATE SCHEMA IF NOT EXISTS still needs the CREATE privilege.
          if (schema.length === 0)
            await tx.unsafe(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(table.schema)}`);
          for (const statement of createTableStatements(table)) await tx.unsafe(statement);
        });
        return;
      } catch (error) {
        if (attempt < 3 && isDuplicate(error)) continue;
        throw new Error(
          `could not check or create table ${table.qualified}: ${(error as Error).message}`,
          { cause: error },
        );
      }
    }
  }

  private async exists(table: TableInfo): Promise<boolean> {
    const rows = await this.sql.unsafe(
      "SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace" +
        " WHERE n.nspname = $1::text AND c.relname = $2::text",
      [table.schema, table.name],
      { prepare: true },
    );
    return rows.length > 0;
  }
}
