import type { InStatement, InValue } from "@libsql/client";
import { type SQL, sql } from "drizzle-orm";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";

const dialect = new SQLiteAsyncDialect();

/** A quoted identifier (`"name"`, embedded quotes doubled). */
export const ident = (name: string): SQL => sql`${sql.identifier(name)}`;

/** Joins SQL fragments with a separator. */
export const joinSql = (parts: SQL[], separator: string): SQL =>
  sql.join(parts, sql.raw(separator));

/** Compiles a drizzle `sql` fragment into a parameterized libsql statement. */
export function toStatement(query: SQL): InStatement {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return { sql: text, args: params as InValue[] };
}
