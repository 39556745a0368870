import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { DataRouterContext } from "../data-context.js";
import type { AppEnv } from "../env.js";
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
 * Errors answer `{"detail": ...}`: HTTP errors with their status, failures that carry an HTTP
 * status (`AgnoError`) with it, anything else with 500.
 */
export function dataRoutes(ctx: DataRouterContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    const status = (error as { status?: unknown }).status;
    const code = typeof status === "number" && status >= 400 && status < 600 ? status : 500;
    return c.json({ detail: error.message || String(error) }, code as 500);
  });
  app.route("/", sessionRoutes(ctx));
  app.route("/", memoryRoutes(ctx));
  app.route("/", evalRoutes(ctx));
  app.route("/", metricsRoutes(ctx));
  app.route("/", knowledgeRoutes(ctx));
  app.route("/", traceRoutes(ctx));
  return app;
}
