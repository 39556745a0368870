import {
  type ColumnDef,
  escapeJsonText,
  escapeText,
  type MalformedRow,
  malformedRow,
  type Row,
  unescapeJsonText,
  unescapeText,
} from "@agno/core";
import type { TableInfo } from "./table-info.js";

/** The parameter placeholder cast of each column kind (JSON travels as text, parsed by the server). */
export const PARAM_CASTS: Record<ColumnDef["kind"], string> = {
  text: "::varchar",
  bigint: "::bigint",
  json: "::text::jsonb",
  bool: "::boolean",
};

/**
 * A string as stored in a text column or inside JSON: PostgreSQL text cannot hold NUL nor lone
 * surrogates, so those (and the escape character itself) are escaped reversibly. Filters encode
 * their values the same way, so equality and substring search compare encoded text.
 */
export const encodeText = escapeText;

/** A value as the JSON text stored in a jsonb column (every string in it, keys too, encoded). */
export function encodeJson(value: unknown): string | null {
  const text = JSON.stringify(value);
  return text === undefined ? null : escapeJsonText(text);
}

/**
 * Encodes a value for a column, as the parameter bound to `$n${PARAM_CASTS[kind]}`. `null` and
 * `undefined` are SQL NULL. Strings are encoded with {@link encodeText}. Throws (naming the
 * column, never the value) on a value the column cannot hold.
 */
export function encodeValue(column: ColumnDef, value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  switch (column.kind) {
    case "text":
      if (typeof value === "string") return encodeText(value);
      if (typeof value === "number" || typeof value === "boolean") return String(value);
      break;
    case "bigint":
      // Integer columns: fractions round as PostgreSQL's own numeric-to-bigint cast does.
      if (typeof value === "number" && Number.isFinite(value)) return Math.round(value);
      if (typeof value === "bigint") return value.toString();
      if (typeof value === "string" && /^-?\d+$/.test(value)) return value;
      break;
    case "json":
      return encodeJson(value);
    case "bool":
      if (typeof value === "boolean") return value;
      break;
  }
  throw new Error(`column "${column.name}" holds ${column.kind} values, got a ${typeof value}`);
}

/**
 * Decodes one selected row (values in `def.columns` order). SQL NULLs are left out of the row.
 * A value that cannot be read (invalid JSON, a non-numeric bigint) makes the whole row a
 * {@link MalformedRow} so listings can skip it.
 */
export function decodeRow(table: TableInfo, values: readonly unknown[]): Row | MalformedRow {
  const columns = table.def.columns;
  const keyIndex = columns.findIndex((c) => c.name === table.def.key);
  const key = unescapeText(String(values[keyIndex]));
  const row: Row = {};
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i]!;
    const raw = values[i];
    if (raw === null || raw === undefined) continue;
    const decoded = decodeValue(column, raw);
    if (decoded instanceof DecodeProblem) return malformedRow(key, decoded.reason);
    row[column.name] = decoded;
  }
  return row;
}

class DecodeProblem {
  constructor(readonly reason: string) {}
}

function decodeValue(column: ColumnDef, raw: unknown): unknown {
  switch (column.kind) {
    case "text":
      if (typeof raw === "string") return unescapeText(raw);
      if (raw instanceof Date) return raw.toISOString();
      if (typeof raw === "number" || typeof raw === "boolean") return String(raw);
      return new DecodeProblem(`column "${column.name}" is not text`);
    case "bigint": {
      const n =
        typeof raw === "number"
          ? raw
          : typeof raw === "string" || typeof raw === "bigint"
            ? Number(raw)
            : Number.NaN;
      return Number.isFinite(n) ? n : new DecodeProblem(`column "${column.name}" is not a number`);
    }
    case "json":
      if (typeof raw !== "string") return raw;
      try {
        return JSON.parse(unescapeJsonText(raw));
      } catch {
        return new DecodeProblem(`column "${column.name}" holds invalid JSON`);
      }
    case "bool":
      if (typeof raw === "boolean") return raw;
      if (raw === "t" || raw === "f") return raw === "t";
      return new DecodeProblem(`column "${column.name}" is not a boolean`);
  }
}
