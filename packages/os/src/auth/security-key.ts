import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env.js";
import { httpError } from "../errors.js";
import { DEFAULT_EXCLUDED_ROUTE_PATHS } from "./jwt-middleware.js";
import { globToRegExp } from "./scope-mappings.js";

/** How AgentOS authenticates REST requests, as `/info` reports it in `auth_mode`. */
export type AuthMode = "none" | "security_key" | "jwt";

/** Options of {@link securityKeyMiddleware}. */
export interface SecurityKeyMiddlewareOptions {
  /**
   * Paths that need no key (shell wildcards, `*` spans `/`).
   * @default DEFAULT_EXCLUDED_ROUTE_PATHS
   */
  excludedRoutePaths?: readonly string[];
  /** Header holding `Bearer <key>` (or the bare key). @default "Authorization" */
  tokenHeaderKey?: string;
}

const encoder = new TextEncoder();

/** Compares two strings in time that depends on their lengths only. */
function sameSecret(given: string, expected: string): boolean {
  const a = encoder.encode(given);
  const b = encoder.encode(expected);
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/**
 * Requires `Authorization: Bearer <key>` (or the bare key) equal to `securityKey` on every route
 * but the excluded ones (`/`, `/health`, `/info` and the docs) and `OPTIONS` requests. No header
 * answers 401 `Authorization header required`, another key 401 `Invalid authentication token`.
 * The key carries no identity and no scopes.
 *
 * @example
 * app.use("*", securityKeyMiddleware(process.env.OS_SECURITY_KEY!));
 */
export function securityKeyMiddleware(
  securityKey: string,
  options: SecurityKeyMiddlewareOptions = {},
): MiddlewareHandler<AppEnv> {
  const headerKey = options.tokenHeaderKey ?? "Authorization";
  const excluded = (options.excludedRoutePaths ?? DEFAULT_EXCLUDED_ROUTE_PATHS).map(globToRegExp);
  const isExcluded = (path: string): boolean => {
    const trimmed = path.replace(/\/+$/, "");
    return excluded.some((re) => re.test(path) || re.test(trimmed));
  };
  return async (c, next) => {
    if (c.req.method === "OPTIONS" || isExcluded(c.req.path)) return next();
    const value = c.req.header(headerKey)?.trim();
    const token = value && /^bearer(\s|$)/i.test(value) ? value.slice(6).trim() : value;
    if (!token) throw httpError(401, "Authorization header required");
    if (!sameSecret(token, securityKey)) throw httpError(401, "Invalid authentication token");
    await next();
  };
}

/** What decides the auth mode: the options, else the environment. */
export interface AuthModeInputs {
  authorization?: boolean | undefined;
  securityKey?: string | undefined;
  env?: Record<string, string | undefined>;
}

/**
 * The effective auth mode, in the reference's order: JWT (`authorization`, or
 * `JWT_VERIFICATION_KEY` / `JWT_JWKS_FILE` in the environment) over the security key (the
 * `securityKey` option, else `OS_SECURITY_KEY`) over none.
 */
export function resolveAuthMode(inputs: AuthModeInputs): {
  mode: AuthMode;
  securityKey?: string;
} {
  const env = inputs.env ?? (typeof process !== "undefined" ? process.env : {});
  if (inputs.authorization || env.JWT_VERIFICATION_KEY || env.JWT_JWKS_FILE) return { mode: "jwt" };
  const key = inputs.securityKey ?? env.OS_SECURITY_KEY;
  return key ? { mode: "security_key", securityKey: key } : { mode: "none" };
}
