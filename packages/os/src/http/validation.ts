import { HTTPException } from "hono/http-exception";

/**
 * One problem with a request, in the shape the reference (FastAPI + pydantic) reports it:
 * `loc` names where the bad value is (`["query", "limit"]`, `["body", "memory"]`).
 */
export interface ValidationIssue {
  type: string;
  loc: Array<string | number>;
  msg: string;
  input?: unknown;
  ctx?: Record<string, unknown>;
}

/** Where a request value comes from, as the first part of an issue's `loc`. */
export type ValueSource = "query" | "body";

/** A 422 answered as `{"detail": [issues]}`, as the reference answers request-validation errors. */
export function validationError(issues: ValidationIssue[]): HTTPException {
  return new HTTPException(422, {
    message: issues.map((i) => `${i.loc.join(".")}: ${i.msg}`).join("; "),
    res: new Response(JSON.stringify({ detail: issues }), {
      status: 422,
      headers: { "content-type": "application/json" },
    }),
  });
}

/** 422 for a required field that is missing (`loc` is `["body", name]` or `["query", name]`). */
export function missingField(where: ValueSource, name: string): HTTPException {
  return validationError([
    { type: "missing", loc: [where, name], msg: "Field required", input: null },
  ]);
}

const TRUE = new Set(["1", "on", "t", "true", "y", "yes"]);
const FALSE = new Set(["0", "off", "f", "false", "n", "no"]);
const BOOL_MESSAGE = "Input should be a valid boolean, unable to interpret input";

/** A boolean read like pydantic (`true`/`false`, `1`/`0`, `yes`/`no`, `on`/`off`, any case). */
function readBool(raw: unknown): boolean | undefined {
  if (typeof raw === "boolean") return raw;
  if (typeof raw !== "string" && typeof raw !== "number") return undefined;
  const text = String(raw).trim().toLowerCase();
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  return undefined;
}

/**
 * A boolean form or query value, parsed like the reference; `fallback` when absent or empty; 422
 * when unreadable.
 */
export function parseBool(
  value: unknown,
  fallback: boolean,
  where: ValueSource,
  name: string,
): boolean {
  if (value === undefined || value === null || value === "") return fallback;
  const parsed = readBool(value);
  if (parsed !== undefined) return parsed;
  throw validationError([
    { type: "bool_parsing", loc: [where, name], msg: BOOL_MESSAGE, input: value },
  ]);
}

/** `'a', 'b' or 'c'`, pydantic's way of listing the allowed values of an enum. */
function expected(values: readonly string[]): string {
  const quoted = values.map((v) => `'${v}'`);
  return quoted.length <= 1
    ? (quoted[0] ?? "")
    : `${quoted.slice(0, -1).join(", ")} or ${quoted.at(-1)}`;
}

const INT_RE = /^\s*[+-]?\d+\s*$/;

/** Bounds of an integer. */
export interface IntRule {
  ge?: number;
  le?: number;
}

/**
 * Checks values one by one and collects every problem, so a request with several bad fields
 * learns about all of them in one answer. Call {@link Checker.done} before using the values.
 */
export class Checker {
  readonly issues: ValidationIssue[] = [];

  constructor(protected readonly where: ValueSource) {}

  protected fail(type: string, loc: Array<string | number>, msg: string, input?: unknown): void {
    this.issues.push({
      type,
      loc: [this.where, ...loc],
      msg,
      ...(input !== undefined ? { input } : {}),
    });
  }

  protected asInt(loc: Array<string | number>, raw: unknown, rule: IntRule): number | undefined {
    let n: number | undefined;
    if (typeof raw === "number" && Number.isInteger(raw)) n = raw;
    else if (typeof raw === "string" && INT_RE.test(raw)) n = Number.parseInt(raw, 10);
    if (n === undefined) {
      this.fail(
        typeof raw === "string" ? "int_parsing" : "int_type",
        loc,
        typeof raw === "string"
          ? "Input should be a valid integer, unable to parse string as an integer"
          : "Input should be a valid integer",
        raw,
      );
      return undefined;
    }
    if (rule.ge !== undefined && n < rule.ge) {
      this.fail(
        "greater_than_equal",
        loc,
        `Input should be greater than or equal to ${rule.ge}`,
        raw,
      );
      return undefined;
    }
    if (rule.le !== undefined && n > rule.le) {
      this.fail("less_than_equal", loc, `Input should be less than or equal to ${rule.le}`, raw);
      return undefined;
    }
    return n;
  }

  protected asBool(loc: Array<string | number>, raw: unknown): boolean | undefined {
    const parsed = readBool(raw);
    if (parsed === undefined) this.fail("bool_parsing", loc, BOOL_MESSAGE, raw);
    return parsed;
  }

  protected asEnum<T extends string>(
    loc: Array<string | number>,
    raw: unknown,
    values: readonly T[],
  ): T | undefined {
    if (typeof raw === "string" && (values as readonly string[]).includes(raw)) return raw as T;
    this.issues.push({
      type: "enum",
      loc: [this.where, ...loc],
      msg: `Input should be ${expected(values)}`,
      input: raw,
      ctx: { expected: expected(values) },
    });
    return undefined;
  }

  /** Records a problem found by the caller's own checks. */
  invalid(loc: Array<string | number>, type: string, msg: string, input?: unknown): void {
    this.fail(type, loc, msg, input);
  }

  /** Throws the 422 when any value was bad. */
  done(): void {
    if (this.issues.length > 0) throw validationError(this.issues);
  }
}
