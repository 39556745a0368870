import {
  type CompiledScopeMappings,
  normalizeRoute,
  requiredScopesForRoute,
} from "./scope-mappings.js";

/** The scope that grants everything unless `adminScope` says otherwise. */
export const DEFAULT_ADMIN_SCOPE = "agent_os:admin";

/** Resource families that have per-resource scopes (`agents:<id>:run`). */
export type ResourceType = "agents" | "teams" | "workflows";

/** Per-resource actions checked by routers. */
export type ResourceAction = "read" | "run";

/** Legacy resource names accepted as aliases (tokens issued before a rename keep working). */
const LEGACY_RESOURCES: Readonly<Record<string, string>> = { system: "config" };

interface ParsedScope {
  kind: "admin" | "global" | "resource" | "unknown";
  resource?: string;
  /** Resource id of a per-resource scope; `*` for a wildcard. */
  id?: string;
  action?: string;
}

/**
 * Splits a scope: `resource:action` (global), `resource:<id>:action` (per resource, `*` for
 * any), the admin scope, or unknown (never matches).
 */
function parseScope(scope: string, adminScope: string | undefined): ParsedScope {
  if (adminScope !== undefined && scope === adminScope) return { kind: "admin" };
  const parts = scope.split(":");
  const resource = parts[0] === undefined ? undefined : (LEGACY_RESOURCES[parts[0]] ?? parts[0]);
  if (parts.length === 2) return { kind: "global", resource, action: parts[1] };
  if (parts.length === 3) return { kind: "resource", resource, id: parts[1], action: parts[2] };
  return { kind: "unknown" };
}

function satisfies(user: ParsedScope, required: ParsedScope): boolean {
  if (user.kind === "admin") return true;
  if (user.kind === "unknown" || required.kind === "unknown") return false;
  if (user.resource !== required.resource || user.action !== required.action) return false;
  if (user.kind === "global" || user.id === "*") return true;
  return required.kind === "resource" && user.id === required.id;
}

/** The resource family and id a path addresses (`/agents/<id>/...`, `/a2a/agents/<id>/...`). */
export function resourceContextFromPath(path: string): { type?: ResourceType; id?: string } {
  const match = /^\/(?:a2a\/)?(agents|teams|workflows)(?:\/([^/]+))?(?:\/|$)/.exec(path);
  if (!match) return {};
  const type = match[1] as ResourceType;
  return match[2] === undefined ? { type } : { type, id: match[2] };
}

/**
 * Whether `userScopes` satisfy every required scope. A global requirement (`agents:run`) on a
 * route that names a resource of the same family becomes per-resource: the global scope, the
 * wildcard `agents:*:run` or `agents:<id>:run` satisfies it. Without an id only the global or
 * wildcard scope does. The admin scope satisfies everything.
 */
export function hasRequiredScopes(
  userScopes: readonly string[],
  requiredScopes: readonly string[],
  context: { type?: ResourceType; id?: string } = {},
  adminScope: string | undefined = DEFAULT_ADMIN_SCOPE,
): boolean {
  if (requiredScopes.length === 0) return true;
  const parsed = userScopes.map((s) => parseScope(s, adminScope));
  if (parsed.some((s) => s.kind === "admin")) return true;
  return requiredScopes.every((raw) => {
    let required = parseScope(raw, undefined);
    if (required.kind === "global" && context.id && required.resource === context.type) {
      required = { ...required, kind: "resource", id: context.id };
    }
    return parsed.some((user) => satisfies(user, required));
  });
}

/**
 * Ids of the resources of one family the scopes grant for any of `actions`: `"all"` for the
 * admin scope, a global scope (`agents:read`) or a wildcard (`agents:*:read`), else the ids of
 * per-resource scopes (`agents:<id>:read`), possibly none.
 */
export function accessibleResourceIds(
  userScopes: readonly string[],
  type: ResourceType,
  actions: readonly string[] = ["read", "run"],
  adminScope: string | undefined = DEFAULT_ADMIN_SCOPE,
): "all" | Set<string> {
  const ids = new Set<string>();
  for (const raw of userScopes) {
    const scope = parseScope(raw, adminScope);
    if (scope.kind === "admin") return "all";
    if (scope.resource !== type || !actions.includes(scope.action ?? "")) continue;
    if (scope.kind === "global" || scope.id === "*") return "all";
    if (scope.kind === "resource" && scope.id) ids.add(scope.id);
  }
  return ids;
}

/** The 403 detail of a failed scope check, as the reference words it. */
export function insufficientPermissionsDetail(requiredScopes: readonly string[]): string {
  const base = "Insufficient permissions";
  return requiredScopes.length > 0
    ? `${base}. Required scope(s): ${requiredScopes.join(", ")}`
    : base;
}

/** Outcome of {@link checkRouteScopes}. */
export interface RouteScopeCheckResult {
  allowed: boolean;
  requiredScopes: readonly string[];
  /**
   * Set for listings (`GET /agents`) a caller without the global scope may still open: the ids
   * it may see (possibly none); the router filters to them.
   */
  accessibleIds?: "all" | Set<string>;
}

/**
 * The RBAC decision for one request. Listings of agents, teams or workflows let callers with
 * only per-resource scopes through with `accessibleIds` instead of failing.
 */
export function checkRouteScopes(
  userScopes: readonly string[],
  mappings: CompiledScopeMappings,
  method: string,
  path: string,
  adminScope: string | undefined = DEFAULT_ADMIN_SCOPE,
): RouteScopeCheckResult {
  const [m, p] = normalizeRoute(method, path);
  const requiredScopes = requiredScopesForRoute(mappings, m, p);
  if (requiredScopes.length === 0) return { allowed: true, requiredScopes };
  const context = resourceContextFromPath(p);
  if (hasRequiredScopes(userScopes, requiredScopes, context, adminScope)) {
    return { allowed: true, requiredScopes };
  }
  const first = requiredScopes[0] as string;
  const family = first.includes(":") ? first.slice(0, first.indexOf(":")) : undefined;
  if (m === "GET" && context.type && !context.id && family === context.type) {
    const action = first.slice(first.lastIndexOf(":") + 1);
    const accessibleIds = accessibleResourceIds(userScopes, context.type, [action], adminScope);
    return { allowed: true, requiredScopes, accessibleIds };
  }
  return { allowed: false, requiredScopes };
}
