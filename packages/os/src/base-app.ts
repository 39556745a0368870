import { ConfigurationError } from "@agno/core";
import { Hono } from "hono";
import { routeShape } from "./http/route-group.js";
import { log } from "./logger.js";
import type { RouteConflictPolicy } from "./options.js";

interface RouteEntry {
  method: string;
  path: string;
}

/** `GET /agents/:` for `GET /agents/:agent_id`: routes of the same key conflict. */
export function routeKey(route: RouteEntry): string {
  return `${route.method} ${routeShape(route.path)}`;
}

/** The routes of `app` (its middleware left out) by key. */
export function routeKeys(app: Hono<any>): Set<string> {
  return new Set(app.routes.filter((r) => r.method !== "ALL").map(routeKey));
}

/**
 * `baseApp` to mount before AgentOS's routes, its conflicts with them (`ours`, by route key)
 * resolved by `policy`:
 * - `preserve_agentos`: the base app without its conflicting routes;
 * - `preserve_base_app`: the base app whole; mounted first, its routes answer before AgentOS's;
 * - `error`: a ConfigurationError naming the conflicting routes.
 */
export function baseAppRoutes(
  baseApp: Hono<any>,
  ours: ReadonlySet<string>,
  policy: RouteConflictPolicy = "preserve_agentos",
): Hono<any> {
  const conflicts = baseApp.routes.filter((r) => r.method !== "ALL" && ours.has(routeKey(r)));
  if (conflicts.length === 0) return baseApp;
  const named = conflicts.map((r) => `${r.method} ${r.path}`).join(", ");
  if (policy === "error") {
    throw new ConfigurationError(
      `AgentOS: the base app's routes ${named} conflict with AgentOS routes. Remove them, or pass onRouteConflict "preserve_agentos" or "preserve_base_app".`,
    );
  }
  log.warn(
    `AgentOS: routes ${named} exist in both the base app and AgentOS; keeping the ${policy === "preserve_base_app" ? "base app's" : "AgentOS"} version.`,
  );
  if (policy === "preserve_base_app") return baseApp;
  // Mounted through `route()` first, so that each route keeps the base app's own error handler.
  const mounted = new Hono().route("/", baseApp);
  const kept = new Hono();
  for (const r of mounted.routes) {
    if (r.method === "ALL" || !ours.has(routeKey(r))) kept.on(r.method, r.path, r.handler);
  }
  return kept;
}
