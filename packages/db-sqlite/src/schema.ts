import {
  escapeJsonText,
  escapeText,
  type MalformedRow,
  malformedRow,
  type Row,
  TABLES,
  type TableType,
  unescapeJsonText,
  unescapeText,
} from "@agno/core";
import type { InValue, Row as LibsqlRow } from "@libsql/client";
import { type SQL, sql } from "drizzle-orm";
import { ident, joinSql } from "./sql.js";

const SQL_TYPES = { text: "TEXT", bigint: "INTEGER", json: "TEXT", bool: "INTEGER" } as const;

/** CREATE TABLE / CREATE INDEX statements (all IF NOT EXISTS) for one table type. */
export function createTableStatements(type: TableType, name: string): SQL[] {
  const def = TABLES[type];
  const columns = def.columns.map((column) => {
    let text = SQL_TYPES[column.kind] as string;
    if (column.notNull) text += " NOT NULL";
    if (column.name === def.key) text += " PRIMARY KEY";
    return sql`${ident(column.name)} ${sql.raw(text)}`;
  });
  if (def.unique?.length) columns.push(sql`UNIQUE (${joinSql(def.unique.map(ident), ", ")})`);
  const statements = [sql`CREATE TABLE IF NOT EXISTS ${ident(name)} (${joinSql(columns, ", ")})`];
  for (const column of def.columns) {
    if (!column.index) continue;
    const index = ident(`idx_${name}_${column.name}`);
    statements.push(
      sql`CREATE INDEX IF NOT EXISTS ${index} ON ${ident(name)} (${ident(column.name)})`,
    );
  }
  return statements;
}

/**
 * A row as stored: JSON columns serialized, booleans as 0/1, missing values as NULL. Strings, in
 * text columns and inside JSON, are escaped with `escapeText`: SQLite reads text back only up to
 * a NUL and binds lone surrogates as U+FFFD, and its JSON functions turn the `\u0000` and
 * lone-surrogate escapes of JSON text into a NUL (ending the text for LIKE) or invalid UTF-8.
 * Throws when a value cannot be stored in its column's kind (the message names the column, never
 * the value).
 */
export function encodeRow(type: TableType, row: Row): Record<string, InValue> {
  const out: Record<string, InValue> = {};
  for (const { name, kind } of TABLES[type].columns) {
    const value = row[name];
    if (value === undefined || value === null) {
      out[name] = null;
      continue;
    }
    if (kind === "json") {
      out[name] = escapeJsonText(JSON.stringify(value));
    } else if (kind === "bool") {
      if (typeof value !== "boolean" && value !== 0 && value !== 1)
        throw columnError(name, "a boolean", value);
      out[name] = value ? 1 : 0;
    } else if (kind === "bigint") {
      if (typeof value === "bigint") out[name] = value;
      else if (typeof value === "number" && Number.isFinite(value)) out[name] = value;
      else throw columnError(name, "a number", value);
    } else if (
      typeof value === "string" ||
      typeof value === "number" ||
      typeof value === "bigint"
    ) {
      out[name] = typeof value === "string" ? escapeText(value) : value;
    } else {
      throw columnError(name, "a string", value);
    }
  }
  return out;
}

function columnError(column: string, expected: string, value: unknown): Error {
  return new Error(`Column "${column}" must be ${expected} (got ${typeOf(value)})`);
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return "binary data";
  return typeof value;
}

/**
 * A stored row as the contract expects it (JSON parsed, integers as numbers, booleans), or a
 * {@link MalformedRow} saying which column could not be read.
 */
export function decodeRow(
  type: TableType,
  raw: LibsqlRow | Record<string, unknown>,
): Row | MalformedRow {
  const def = TABLES[type];
  const key = unescapeText(String(raw[def.key] ?? ""));
  const row: Row = {};
  for (const { name, kind } of def.columns) {
    const value = (raw as Record<string, unknown>)[name];
    if (value === undefined || value === null) {
      row[name] = null;
      continue;
    }
    if (kind === "json") {
      if (typeof value === "number") {
        // a JSON number stored in a column of NUMERIC affinity (a schema made by another tool)
        row[name] = value;
        continue;
      }
      if (typeof value === "bigint") {
        if (!isSafe(value))
          return malformedRow(key, `column "${name}" holds an integer out of range`);
        row[name] = Number(value);
        continue;
      }
      if (typeof value !== "string")
        return malformedRow(key, `column "${name}" holds ${typeOf(value)}, not JSON text`);
      try {
        row[name] = JSON.parse(unescapeJsonText(value));
      } catch (error) {
        return malformedRow(
          key,
          `column "${name}" is not valid JSON (${(error as Error).message})`,
        );
      }
    } else if (kind === "bigint" || kind === "bool") {
      let n: number;
      if (typeof value === "number") n = value;
      else if (typeof value === "bigint" && isSafe(value)) n = Number(value);
      else
        return malformedRow(
          key,
          `column "${name}" must hold ${kind === "bool" ? "0 or 1" : "an integer"} (holds ${typeOf(value)})`,
        );
      row[name] = kind === "bool" ? n !== 0 : n;
    } else if (typeof value === "string") {
      row[name] = unescapeText(value);
    } else if (typeof value === "number" || typeof value === "bigint") {
      row[name] = String(value);
    } else {
      return malformedRow(key, `column "${name}" holds ${typeOf(value)}, not text`);
    }
  }
  return row;
}

const isSafe = (n: bigint) =>
  n <= BigInt(Number.MAX_SAFE_INTEGER) && n >= BigInt(Number.MIN_SAFE_INTEGER);
