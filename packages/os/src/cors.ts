import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import type { AppEnv } from "./env.js";

/**
 * Origins always allowed, as in the reference: the local UI and local servers, and Agno's hosted
 * UIs.
 */
export const DEFAULT_CORS_ORIGINS = [
  "http://localhost:3000",
  "http://localhost:8000",
  "http://127.0.0.1:8000",
  "https://agno.com",
  "https://www.agno.com",
  "https://app.agno.com",
  "https://os-stg.agno.com",
  "https://os.agno.com",
] as const;

/**
 * The origins of `CORS_ORIGIN_LIST`: a JSON array of strings (`["https://my.app"]`, as the
 * reference reads it) or a comma-separated list. Empty when unset.
 */
export function envCorsOrigins(
  env: Record<string, string | undefined> = typeof process !== "undefined" ? process.env : {},
): string[] {
  const raw = env.CORS_ORIGIN_LIST?.trim();
  if (!raw) return [];
  if (raw.startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (Array.isArray(parsed)) {
        return parsed.filter((o): o is string => typeof o === "string" && o.trim() !== "");
      }
    } catch {
      // Not JSON: read as a comma-separated list below.
    }
  }
  return raw
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean);
}

/** The allowed origins: the user's (without `*`, which credentials forbid) plus the defaults. */
export function allowedOrigins(userOrigins: readonly string[] = []): Set<string> {
  return new Set([...userOrigins.filter((o) => o !== "*"), ...DEFAULT_CORS_ORIGINS]);
}

/**
 * CORS as the reference configures it: allowed origins echoed, credentials allowed, every method
 * and requested header allowed, every header exposed, preflights cached for 600 seconds;
 * preflight `OPTIONS` answered on any path. `userOrigins` defaults to `CORS_ORIGIN_LIST`.
 */
export function corsMiddleware(
  userOrigins: readonly string[] = envCorsOrigins(),
): MiddlewareHandler<AppEnv> {
  const origins = allowedOrigins(userOrigins);
  return cors({
    origin: (origin) => (origins.has(origin) ? origin : null),
    credentials: true,
    allowMethods: ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"],
    exposeHeaders: ["*"],
    maxAge: 600,
  });
}
