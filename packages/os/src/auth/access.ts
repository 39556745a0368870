import type { MiddlewareHandler } from "hono";
import type { AppContext, AppEnv } from "../env.js";
import { httpError } from "../errors.js";
import { accessibleResourceIds, type ResourceAction, type ResourceType } from "./scopes.js";

/**
 * Ids the middleware computed for a listing route (`GET /agents` by a caller holding only
 * per-resource scopes), keyed by the request so nothing leaks between requests.
 */
const listingIds = new WeakMap<Request, Map<ResourceType, "all" | Set<string>>>();

/** Records the ids a listing may show (used by `jwtMiddleware`). */
export function rememberListingIds(
  c: AppContext,
  type: ResourceType,
  ids: "all" | Set<string>,
): void {
  const byType = listingIds.get(c.req.raw) ?? new Map<ResourceType, "all" | Set<string>>();
  byType.set(type, ids);
  listingIds.set(c.req.raw, byType);
}

/**
 * Ids of the agents, teams or workflows the caller may see: `"all"` when authorization is off,
 * for the admin scope, or for a global or wildcard scope (`agents:read`, `agents:*:run`); else
 * the ids named by per-resource scopes (`agents:<id>:read` or `agents:<id>:run`), possibly none.
 * On a listing route the middleware's answer is reused, which counts `read` scopes only.
 *
 * @example
 * const ids = accessibleIds(c, "agents");
 * if (ids !== "all" && ids.size === 0) throw httpError(403, insufficientPermissionsDetail(["agents:read"]));
 * const visible = ids === "all" ? agents : agents.filter((a) => ids.has(a.id));
 */
export function accessibleIds(c: AppContext, type: ResourceType): "all" | Set<string> {
  if (!c.get("authorization_enabled") || c.get("is_admin")) return "all";
  const cached = listingIds.get(c.req.raw)?.get(type);
  if (cached) return cached === "all" ? "all" : new Set(cached);
  return accessibleResourceIds(c.get("scopes") ?? [], type, ["read", "run"], undefined);
}

/**
 * Whether the caller may `read` or `run` one agent, team or workflow: always when authorization
 * is off or for the admin scope; else it needs `<type>:<action>`, `<type>:*:<action>` or
 * `<type>:<id>:<action>`.
 */
export function canAccess(
  c: AppContext,
  type: ResourceType,
  id: string,
  action: ResourceAction,
): boolean {
  if (!c.get("authorization_enabled") || c.get("is_admin")) return true;
  const ids = accessibleResourceIds(c.get("scopes") ?? [], type, [action], undefined);
  return ids === "all" || ids.has(id);
}

const SINGULAR: Readonly<Record<ResourceType, string>> = {
  agents: "agent",
  teams: "team",
  workflows: "workflow",
};

/**
 * Route middleware answering 403 "Access denied to <action> this <agent|team|workflow>" when
 * authorization is on and the caller may not act on the resource named by path parameter
 * `param`.
 *
 * @example
 * router.post("/agents/:agent_id/runs", requireResourceAccess("agents", "run", "agent_id"), handler);
 */
export function requireResourceAccess(
  type: ResourceType,
  action: ResourceAction,
  param: string,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const id = c.req.param(param);
    if (id && !canAccess(c, type, id, action)) {
      throw httpError(403, `Access denied to ${action} this ${SINGULAR[type]}`);
    }
    await next();
  };
}
