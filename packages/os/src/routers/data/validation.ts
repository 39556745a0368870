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

/** A 422 answered as `{"detail": [issues]}`, as the reference answers request-validation errors. */
export function validationError(issues: ValidationIssue[]): HTTPException {
  const message = issues.map((i) => `${i.loc.join(".")}: ${i.msg}`).join("; ");
  return new HTTPException(422, {
    message,
    res: new Response(JSON.stringify({ detail: issues }), {
      status: 422,
      headers: { "content-type": "application/json" },
    }),
  });
}

/** `'a', 'b' or 'c'`, pydantic's way of listing the allowed values of an enum. */
function expected(values: readonly string[]): string {
  const quoted = values.map((v) => `'${v}'`);
  return quoted.length <= 1
    ? (quoted[0] ?? "")
    : `${quoted.slice(0, -1).join(", ")} or ${quoted.at(-1)}`;
}

const INT_RE = /^\s*[+-]?\d+\s*$/;
const TRUE = new Set(["true", "1", "yes", "on", "t", "y"]);
const FALSE = new Set(["false", "0", "no", "off", "f", "n"]);

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

  constructor(protected readonly where: "query" | "body") {}

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
    if (typeof raw === "boolean") return raw;
    const text = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw : null;
    const lower = text?.trim().toLowerCase();
    if (lower !== undefined && TRUE.has(lower)) return true;
    if (lower !== undefined && FALSE.has(lower)) return false;
    this.fail(
      "bool_parsing",
      loc,
      "Input should be a valid boolean, unable to interpret input",
      raw,
    );
    return undefined;
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
