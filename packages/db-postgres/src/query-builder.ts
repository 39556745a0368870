import type { ColumnKind, TableQuery } from "@agno/core";
import { encodeJson, encodeText, encodeValue, PARAM_CASTS } from "./codec.js";
import { quoteIdent, type TableInfo } from "./table-info.js";

/** A parameterized statement. */
export interface Statement {
  text: string;
  values: unknown[];
}

/** Collects parameters; `add` returns the placeholder. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown, cast = ""): string {
    this.values.push(value);
    return `$${this.values.length}${cast}`;
  }
}

/** A column (or a key inside a JSON column) as SQL: its value and its text for ILIKE. */
interface Target {
  kind: ColumnKind;
  sql: string;
  text: string;
}

function target(table: TableInfo, path: string, p: Params): Target {
  const dot = path.indexOf(".");
  const name = dot < 0 ? path : path.slice(0, dot);
  const column = table.columns.get(name);
  if (!column) throw new Error(`table "${table.name}" has no column "${name}"`);
  const col = quoteIdent(name);
  if (dot >= 0) {
    if (column.kind !== "json")
      throw new Error(`column "${name}" of table "${table.name}" is not JSON`);
    const key = p.add(encodeText(path.slice(dot + 1)), "::text");
    return { kind: "json", sql: `${col}->${key}`, text: `${col}->>${key}` };
  }
  switch (column.kind) {
    case "text":
      return { kind: "text", sql: col, text: col };
    case "json":
      // A JSON string's own text (not its quoted form); objects and arrays as JSON text.
      return { kind: "json", sql: col, text: `${col} #>> '{}'` };
    default:
      return { kind: column.kind, sql: col, text: `${col}::text` };
  }
}

/** A comparable literal for a column kind, or null when the value can never match it. */
function literal(
  t: Target,
  value: string | number | boolean,
  p: Params,
  round?: "ceil" | "floor",
): string | null {
  if (t.kind === "bigint") {
    const n =
      typeof value === "number"
        ? value
        : typeof value === "string" && value.trim() !== ""
          ? Number(value)
          : Number.NaN;
    if (!Number.isFinite(n)) return null;
    if (!Number.isInteger(n)) {
      if (!round) return null;
      return p.add(Math[round](n), PARAM_CASTS.bigint);
    }
    return p.add(n, PARAM_CASTS.bigint);
  }
  if (t.kind === "bool") return typeof value === "boolean" ? p.add(value, PARAM_CASTS.bool) : null;
  if (t.kind === "json") return p.add(encodeJson(value), PARAM_CASTS.json);
  return p.add(encodeText(String(value)), "::text");
}

/** Byte order for text, as the reference's JavaScript comparison does (collation-independent). */
function ordered(t: Target): string {
  return t.kind === "text" ? `${t.sql} COLLATE "C"` : t.sql;
}

function equals(
  table: TableInfo,
  column: string,
  value: string | number | boolean | null,
  p: Params,
): string {
  const t = target(table, column, p);
  if (value === null)
    return t.kind === "json"
      ? `(${t.sql} IS NULL OR ${t.sql} = 'null'::jsonb)`
      : `${t.sql} IS NULL`;
  const lit = literal(t, value, p);
  return lit === null ? "FALSE" : `${t.sql} = ${lit}`;
}

function range(
  table: TableInfo,
  column: string,
  op: ">=" | "<=",
  value: string | number,
  p: Params,
): string {
  const t = target(table, column, p);
  const lit = literal(t, value, p, op === ">=" ? "ceil" : "floor");
  return lit === null ? "FALSE" : `${ordered(t)} ${op} ${lit}`;
}

/** A LIKE pattern matching text that contains `text` (already encoded): `%`, `_` and `\` escaped. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The WHERE clause of a query (with its leading space), or "". */
export function whereClause(table: TableInfo, q: TableQuery, p: Params): string {
  const parts: string[] = [];
  for (const [column, value] of Object.entries(q.eq ?? {}))
    parts.push(equals(table, column, value, p));
  for (const [column, values] of Object.entries(q.in ?? {})) {
    const t = target(table, column, p);
    const lits = values.map((v) => literal(t, v, p)).filter((l): l is string => l !== null);
    parts.push(lits.length === 0 ? "FALSE" : `${t.sql} IN (${lits.join(", ")})`);
  }
  if (q.or && q.or.length > 0) {
    const groups = q.or.map((group) => {
      const conds = Object.entries(group).map(([column, value]) => equals(table, column, value, p));
      return conds.length === 0 ? "TRUE" : `(${conds.join(" AND ")})`;
    });
    parts.push(`(${groups.join(" OR ")})`);
  }
  for (const [column, value] of Object.entries(q.gte ?? {}))
    parts.push(range(table, column, ">=", value, p));
  for (const [column, value] of Object.entries(q.lte ?? {}))
    parts.push(range(table, column, "<=", value, p));
  if (q.contains) {
    if (q.contains.columns.length === 0) parts.push("FALSE");
    else {
      const pattern = p.add(likePattern(encodeText(q.contains.text)), "::text");
      const conds = q.contains.columns.map((c) => `${target(table, c, p).text} ILIKE ${pattern}`);
      parts.push(`(${conds.join(" OR ")})`);
    }
  }
  if (q.anyOf) {
    const t = target(table, q.anyOf.column, p);
    if (t.kind !== "json")
      throw new Error(`column "${q.anyOf.column}" of table "${table.name}" is not JSON`);
    if (q.anyOf.values.length === 0) parts.push("FALSE");
    else {
      const values = q.anyOf.values.map((v) => p.add(encodeText(String(v)), "::text"));
      parts.push(`(jsonb_typeof(${t.sql}) = 'array' AND ${t.sql} ?| ARRAY[${values.join(", ")}])`);
    }
  }
  return parts.length > 0 ? ` WHERE ${parts.join(" AND ")}` : "";
}

/**
 * A page of matching rows, each followed by the total count of matching rows (a window count,
 * computed before LIMIT/OFFSET). Ties in the sort order break on the key, so pages are stable;
 * nulls sort first ascending and last descending, as the reference does.
 */
export function selectStatement(table: TableInfo, q: TableQuery): Statement {
  const p = new Params();
  const where = whereClause(table, q, p);
  const key = `${quoteIdent(table.def.key)} COLLATE "C"`;
  let order: string;
  if (q.orderBy) {
    const dir = q.orderBy.direction === "asc" ? "ASC" : "DESC";
    const nulls = dir === "ASC" ? "NULLS FIRST" : "NULLS LAST";
    order = ` ORDER BY ${ordered(target(table, q.orderBy.column, p))} ${dir} ${nulls}, ${key} ${dir}`;
  } else order = ` ORDER BY ${key} ASC`;
  let page = "";
  if (q.limit !== undefined)
    page += ` LIMIT ${p.add(Math.max(0, Math.floor(q.limit)), "::bigint")}`;
  if (q.offset) page += ` OFFSET ${p.add(Math.max(0, Math.floor(q.offset)), "::bigint")}`;
  return {
    text: `SELECT ${table.selectList}, count(*) OVER () FROM ${table.qualified}${where}${order}${page}`,
    values: p.values,
  };
}

/** The count of matching rows (for a page past the end, where the window count is absent). */
export function countStatement(table: TableInfo, q: TableQuery): Statement {
  const p = new Params();
  return {
    text: `SELECT count(*) FROM ${table.qualified}${whereClause(table, q, p)}`,
    values: p.values,
  };
}

/** `INSERT ... ON CONFLICT (key) DO UPDATE` of rows (every column, so a row is replaced). */
export function upsertStatement(
  table: TableInfo,
  rows: ReadonlyArray<Record<string, unknown>>,
  returning = false,
): Statement {
  const p = new Params();
  const columns = table.def.columns;
  const tuples = rows.map(
    (row) =>
      `(${columns.map((c) => p.add(encodeValue(c, row[c.name]), PARAM_CASTS[c.kind])).join(", ")})`,
  );
  const updates = columns
    .filter((c) => c.name !== table.def.key)
    .map((c) => `${quoteIdent(c.name)} = EXCLUDED.${quoteIdent(c.name)}`);
  return {
    text:
      `INSERT INTO ${table.qualified} (${columns.map((c) => quoteIdent(c.name)).join(", ")}) VALUES ${tuples.join(", ")}` +
      ` ON CONFLICT (${quoteIdent(table.def.key)}) DO UPDATE SET ${updates.join(", ")}` +
      (returning ? ` RETURNING ${table.selectList}` : ""),
    values: p.values,
  };
}
