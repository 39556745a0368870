import type { Context, MiddlewareHandler } from "hono";
import { httpError } from "../errors.js";

/** Longest id accepted. */
export const MAX_ID_LENGTH = 256;

/**
 * The characters an id may hold: ASCII letters and digits and `- _ . : @ | + = ~`. That covers
 * UUIDs, slugs, e-mail addresses and identity-provider subjects (`auth0|123`), and keeps out
 * what breaks storage or logs: control characters (NUL), white space, quotes, slashes, `%`.
 */
const ID_PATTERN = /^[A-Za-z0-9_.:@|+=~-]+$/;

/** Human description of the id rule, for error messages and docs. */
export const ID_RULE = `1 to ${MAX_ID_LENGTH} characters among A-Z a-z 0-9 - _ . : @ | + = ~`;

/** True for a value usable as an id. */
export function isSafeId(value: string): boolean {
  return value.length > 0 && value.length <= MAX_ID_LENGTH && ID_PATTERN.test(value);
}

/** 400 unless `value` is a safe id; `where` is `path`, `query`, `form`, `body` or `token`. */
export function checkId(where: string, name: string, value: string): void {
  if (isSafeId(value)) return;
  throw httpError(400, `Invalid ${name} in the ${where}: an id must be ${ID_RULE}.`);
}

/** Names ending in `_id` that are not ids of AgentOS records (a model id may hold `/`). */
const NOT_RECORD_IDS = new Set(["model_id"]);

/** Parameter names that hold record ids (`session_id`, `agent_id`, `id`...). */
export function isIdName(name: string): boolean {
  return name === "id" || (name.endsWith("_id") && !NOT_RECORD_IDS.has(name));
}

/** Path parameters of the matched route that hold ids must be safe ids (400 otherwise). */
export function checkPathIds(c: Context): void {
  const params = c.req.param() as Record<string, string>;
  for (const name in params) {
    const value = params[name];
    if (value !== undefined && isIdName(name)) checkId("path", name, value);
  }
}

/** Query parameters that hold ids must be safe ids; an empty value means "absent" and passes. */
export function queryIdGuard(): MiddlewareHandler {
  return async (c, next) => {
    const url = c.req.url;
    if (url.includes("?")) {
      for (const [name, values] of Object.entries(c.req.queries())) {
        if (!isIdName(name)) continue;
        for (const value of values) if (value !== "") checkId("query", name, value);
      }
    }
    await next();
  };
}
