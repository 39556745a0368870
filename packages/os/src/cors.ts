import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import type { AppEnv } from "./env.js";

/** Origins always allowed, as in the reference: the local UI and Agno's hosted UIs. */
export const DEFAULT_CORS_ORIGINS = [
  "http://localhost:3000",
  "https://agno.com",
  "https://www.agno.com",
  "https://app.agno.com",
  "https://os-stg.agno.com",
  "https://os.agno.com",
] as const;

/** The allowed origins: the user's (without `*`, which credentials forbid) plus the defaults. */
export function allowedOrigins(userOrigins: readonly string[] = []): Set<string> {
  return new Set([...userOrigins.filter((o) => o !== "*"), ...DEFAULT_CORS_ORIGINS]);
}

/**
 * CORS as the reference configures it: allowed origins echoed, credentials allowed, every method
 * and requested header allowed, every header exposed; preflight `OPTIONS` answered on any path.
 */
export function corsMiddleware(userOrigins: readonly string[] = []): MiddlewareHandler<AppEnv> {
  const origins = allowedOrigins(userOrigins);
  return cors({
    origin: (origin) => (origins.has(origin) ? origin : null),
    credentials: true,
    allowMethods: ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"],
    exposeHeaders: ["*"],
  });
}
