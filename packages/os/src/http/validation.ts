import { HTTPException } from "hono/http-exception";

/** One request-validation problem, shaped like the reference's (pydantic) error objects. */
export interface ValidationIssue {
  type: string;
  loc: Array<string | number>;
  msg: string;
  input: unknown;
}

/** A 422 answer `{"detail": [issues]}`, as the reference gives for invalid requests. */
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
export function missingField(where: "body" | "query", name: string): HTTPException {
  return validationError([
    { type: "missing", loc: [where, name], msg: "Field required", input: null },
  ]);
}

const TRUE = new Set(["1", "on", "t", "true", "y", "yes"]);
const FALSE = new Set(["0", "off", "f", "false", "n", "no"]);

/**
 * A boolean form or query value, parsed like the reference (`true`/`false`, `1`/`0`, `yes`/`no`,
 * `on`/`off`, any case); `fallback` when absent or empty; 422 when unreadable.
 */
export function parseBool(
  value: unknown,
  fallback: boolean,
  where: "body" | "query",
  name: string,
): boolean {
  if (value === undefined || value === null || value === "") return fallback;
  if (typeof value === "boolean") return value;
  const text = String(value).trim().toLowerCase();
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  throw validationError([
    {
      type: "bool_parsing",
      loc: [where, name],
      msg: "Input should be a valid boolean, unable to interpret input",
      input: value,
    },
  ]);
}
