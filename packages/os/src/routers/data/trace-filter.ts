import { asRecord } from "./shared.js";

/** How deep AND / OR / NOT may nest. */
const MAX_DEPTH = 10;

/** A compiled filter expression: whether a row matches. */
export type RowPredicate = (row: Record<string, unknown>) => boolean;

const COMPARISONS = new Set(["EQ", "NEQ", "GT", "GTE", "LT", "LTE", "CONTAINS", "STARTSWITH"]);

function compare(a: unknown, b: unknown): number | null {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string") {
    // ISO datetimes of different spellings compare as instants.
    const ta = Date.parse(a);
    const tb = Date.parse(b);
    if (/^\d{4}-\d{2}-\d{2}/.test(a) && /^\d{4}-\d{2}-\d{2}/.test(b) && !Number.isNaN(ta + tb))
      return ta - tb;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof a === "string" && typeof b === "number") return Number(a) - b;
  return null;
}

/**
 * Compiles the filter DSL of `POST /traces/search` (`{"op": "EQ", "key": "status", "value": "OK"}`,
 * `{"op": "AND", "conditions": [...]}`, `{"op": "NOT", "condition": {...}}`, `IN` with `values`).
 * Throws an Error naming the problem when the expression is malformed.
 */
export function compileFilter(expr: unknown, depth = 0): RowPredicate {
  if (depth > MAX_DEPTH)
    throw new Error(`Filter expression exceeds maximum nesting depth of ${MAX_DEPTH}`);
  const node = asRecord(expr);
  if (!node || !("op" in node))
    throw new Error(
      `Invalid filter dictionary: must contain 'op' key. Got: ${JSON.stringify(expr)}`,
    );
  const op = node.op;
  if (op === "AND" || op === "OR") {
    if (!Array.isArray(node.conditions))
      throw new Error(`${op} filter requires 'conditions' field. Got: ${JSON.stringify(expr)}`);
    const parts = node.conditions.map((cond) => compileFilter(cond, depth + 1));
    return op === "AND" ? (row) => parts.every((p) => p(row)) : (row) => parts.some((p) => p(row));
  }
  if (op === "NOT") {
    if (!("condition" in node))
      throw new Error(`NOT filter requires 'condition' field. Got: ${JSON.stringify(expr)}`);
    const inner = compileFilter(node.condition, depth + 1);
    return (row) => !inner(row);
  }
  if (op === "IN") {
    if (typeof node.key !== "string" || !Array.isArray(node.values))
      throw new Error(`IN filter requires 'key' and 'values' fields. Got: ${JSON.stringify(expr)}`);
    const key = node.key;
    const values = node.values;
    return (row) => values.some((v) => v === row[key]);
  }
  if (typeof op === "string" && COMPARISONS.has(op)) {
    if (typeof node.key !== "string" || !("value" in node))
      throw new Error(
        `${op} filter requires 'key' and 'value' fields. Got: ${JSON.stringify(expr)}`,
      );
    const key = node.key;
    const value = node.value;
    switch (op) {
      case "EQ":
        return (row) => row[key] === value;
      case "NEQ":
        return (row) => row[key] !== value;
      case "CONTAINS":
        return (row) =>
          typeof row[key] === "string" &&
          (row[key] as string).toLowerCase().includes(String(value).toLowerCase());
      case "STARTSWITH":
        return (row) =>
          typeof row[key] === "string" && (row[key] as string).startsWith(String(value));
      default: {
        const test =
          { GT: (n: number) => n > 0, GTE: (n: number) => n >= 0, LT: (n: number) => n < 0 }[
            op as "GT" | "GTE" | "LT"
          ] ?? ((n: number) => n <= 0);
        return (row) => {
          const n = compare(row[key], value);
          return n !== null && test(n);
        };
      }
    }
  }
  throw new Error(`Unknown filter operator: ${String(op)}`);
}
