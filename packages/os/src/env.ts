import type { Context } from "hono";
import type { AgentOSLimits } from "./http/limits.js";

/**
 * Values verified middleware (jwtMiddleware) puts on the request, read by the routers. They are
 * the reference's `request.state` fields.
 */
export interface AuthVariables {
  /** Verified user id (the token's `sub`, or the configured claim). */
  user_id?: string;
  /** Verified session id (from the configured claim). */
  session_id?: string;
  /** Scopes granted by the token. */
  scopes?: string[];
  /** All claims of the verified token. */
  claims?: Record<string, unknown>;
  /** Values extracted from claims into run dependencies / session state (`dependenciesClaims`...). */
  dependencies?: Record<string, unknown>;
  session_state?: Record<string, unknown>;
  /** True when RBAC is enforced for this request. */
  authorization_enabled?: boolean;
  /** True when the caller holds the admin scope. */
  is_admin?: boolean;
}

/** Values AgentOS's own middleware puts on every request. */
export interface RequestVariables {
  /** The request's id: answered in `X-Request-ID` and written with every logged failure. */
  request_id?: string;
  /** The limits this request is checked against. */
  limits?: Readonly<AgentOSLimits>;
}

/** The Hono environment of every AgentOS router. */
export interface AppEnv {
  Variables: AuthVariables & RequestVariables;
}

export type AppContext = Context<AppEnv>;

/**
 * The user a non-admin caller is confined to when authorization is on (its verified user id);
 * undefined when the caller may see every user's data.
 */
export function scopedUserId(c: AppContext): string | undefined {
  if (!c.get("authorization_enabled") || c.get("is_admin")) return undefined;
  return c.get("user_id") ?? "";
}
