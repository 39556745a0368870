import { type ColumnDef, escapeText, TABLES, type TableQuery, type TableType } from "@agno/core";
import { type SQL, sql } from "drizzle-orm";
import { ident, joinSql } from "./sql.js";

type Scalar = string | number | boolean | null;

function column(type: TableType, name: string): ColumnDef {
  const def = TABLES[type].columns.find((c) => c.name === name);
  if (!def) throw new Error(`Unknown column "${name}" in a query on ${type}`);
  return def;
}

/**
 * The SQL value of a column, or of a key inside a JSON column (`session_data.session_name`).
 * JSON is read only when valid, so one corrupt row never fails a whole query.
 */
export function columnValue(type: TableType, path: string): SQL {
  const dot = path.indexOf(".");
  if (dot < 0) {
    const def = column(type, path);
    const col = ident(def.name);
    if (def.kind !== "json") return col;
    return sql`(CASE WHEN json_valid(${col}) THEN json_extract(${col}, '$') ELSE ${col} END)`;
  }
  const def = column(type, path.slice(0, dot));
  const key = path.slice(dot + 1);
  if (def.kind !== "json")
    throw new Error(`Column "${def.name}" is not a JSON column; cannot read "${path}"`);
  if (key.includes('"')) throw new Error(`Unsupported JSON key in "${path}"`);
  const col = ident(def.name);
  return sql`(CASE WHEN json_valid(${col}) THEN json_extract(${col}, ${`$."${key}"`}) END)`;
}

/** A bound parameter, as values are stored: booleans as 0/1, strings escaped (see `encodeRow`). */
const param = (value: Scalar): SQL => {
  if (typeof value === "boolean") return sql`${value ? 1 : 0}`;
  return sql`${typeof value === "string" ? escapeText(value) : value}`;
};

/** The WHERE clause of a query (empty when it has no conditions). */
export function whereOf(type: TableType, q: TableQuery): SQL {
  const conditions: SQL[] = [];
  for (const [path, value] of Object.entries(q.eq ?? {})) {
    conditions.push(
      value === null
        ? sql`${columnValue(type, path)} IS NULL`
        : sql`${columnValue(type, path)} = ${param(value)}`,
    );
  }
  for (const [path, values] of Object.entries(q.in ?? {})) {
    conditions.push(
      values.length === 0
        ? sql`0`
        : sql`${columnValue(type, path)} IN (${joinSql(values.map(param), ", ")})`,
    );
  }
  if (q.or && q.or.length > 0) {
    const groups = q.or.map((group) => {
      const parts = Object.entries(group).map(
        ([path, value]) => sql`${columnValue(type, path)} = ${param(value)}`,
      );
      return parts.length === 0 ? sql`1` : sql`(${joinSql(parts, " AND ")})`;
    });
    conditions.push(sql`(${joinSql(groups, " OR ")})`);
  }
  for (const [path, value] of Object.entries(q.gte ?? {}))
    conditions.push(sql`${columnValue(type, path)} >= ${param(value)}`);
  for (const [path, value] of Object.entries(q.lte ?? {}))
    conditions.push(sql`${columnValue(type, path)} <= ${param(value)}`);
  if (q.contains) {
    // instr, not LIKE: LIKE reads U+FFFE and U+FFFF as U+FFFD and limits a pattern to 50 kB.
    // Both sides are lowered as LIKE folds case (ASCII letters).
    const text = escapeText(q.contains.text);
    const parts = q.contains.columns.map(
      (path) => sql`instr(lower(COALESCE(${columnValue(type, path)}, '')), lower(${text})) > 0`,
    );
    conditions.push(parts.length === 0 ? sql`0` : sql`(${joinSql(parts, " OR ")})`);
  }
  if (q.anyOf) conditions.push(anyOf(type, q.anyOf.column, q.anyOf.values));
  return conditions.length === 0 ? sql.empty() : sql` WHERE ${joinSql(conditions, " AND ")}`;
}

/** A JSON array (a column, or a key inside one) containing any of the values. */
function anyOf(type: TableType, path: string, values: string[]): SQL {
  if (values.length === 0) return sql`0`;
  const dot = path.indexOf(".");
  const def = column(type, dot < 0 ? path : path.slice(0, dot));
  if (def.kind !== "json")
    throw new Error(`Column "${def.name}" is not a JSON column; anyOf needs a JSON array`);
  const key = path.slice(dot + 1);
  if (dot >= 0 && key.includes('"')) throw new Error(`Unsupported JSON key in "${path}"`);
  const col = ident(def.name);
  const jsonPath = dot < 0 ? "$" : `$."${key}"`;
  const array = sql`(CASE WHEN json_valid(${col}) THEN (CASE WHEN json_type(${col}, ${jsonPath}) = 'array' THEN json_extract(${col}, ${jsonPath}) END) END)`;
  return sql`EXISTS (SELECT 1 FROM json_each(${array}) WHERE json_each.value IN (${joinSql(values.map(param), ", ")}))`;
}

/** ORDER BY (ties and unordered queries keep insertion order), LIMIT and OFFSET. */
export function pageOf(type: TableType, q: TableQuery): SQL {
  const order = q.orderBy
    ? sql` ORDER BY ${columnValue(type, q.orderBy.column)} ${sql.raw(q.orderBy.direction === "asc" ? "ASC" : "DESC")}, rowid ASC`
    : sql` ORDER BY rowid ASC`;
  const offset = Math.max(0, Math.floor(q.offset ?? 0));
  if (q.limit === undefined && offset === 0) return order;
  const limit = q.limit === undefined ? -1 : Math.max(0, Math.floor(q.limit));
  return sql`${order} LIMIT ${limit} OFFSET ${offset}`;
}
