import type { DataRouterContext } from "../data-context.js";
import { RouteGroup } from "../http/route-group.js";
import { evalRoutes } from "./data/evals.js";
import { knowledgeRoutes } from "./data/knowledge.js";
import { memoryRoutes } from "./data/memories.js";
import { metricsRoutes } from "./data/metrics.js";
import { sessionRoutes } from "./data/sessions.js";
import { traceRoutes } from "./data/traces.js";

/**
 * Sessions, memories, eval runs, metrics, traces and knowledge routes, with the reference's
 * paths, query parameters, bodies and answers. Every route picks its database with `db_id`
 * (and `table`); when authorization confines the caller to its own user id, every read and
 * write of user-owned data (sessions, memories, traces) is restricted to that user.
 *
 * Errors are answered by the app's one error handler (`errorResponse`).
 */
export function dataRoutes(ctx: DataRouterContext): RouteGroup {
  return new RouteGroup()
    .include(sessionRoutes(ctx))
    .include(memoryRoutes(ctx))
    .include(evalRoutes(ctx))
    .include(metricsRoutes(ctx))
    .include(knowledgeRoutes(ctx))
    .include(traceRoutes(ctx));
}
