import { Hono } from "hono";
import type { DataRouterContext } from "../data-context.js";
import type { AppEnv } from "../env.js";
import { errorResponse } from "../errors.js";
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
 * Errors answer as everywhere in AgentOS (`errorResponse`): `{"detail": ...}` with the status,
 * and unexpected failures as a generic 500 with the request id.
 */
export function dataRoutes(ctx: DataRouterContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(errorResponse);
  app.route("/", sessionRoutes(ctx));
  app.route("/", memoryRoutes(ctx));
  app.route("/", evalRoutes(ctx));
  app.route("/", metricsRoutes(ctx));
  app.route("/", knowledgeRoutes(ctx));
  app.route("/", traceRoutes(ctx));
  return app;
}
