import type { BaseDb, MetricsRecord } from "@agno/core";
import type { DataRouterContext } from "../../data-context.js";
import { httpError } from "../../errors.js";
import { RouteGroup } from "../../http/route-group.js";
import { QueryParams } from "./query-params.js";
import { compact, iso, pickDb } from "./shared.js";

/** DayAggregatedMetrics. `model_metrics` is always a list, as the reference's schema has it. */
export function dayMetricsSchema(m: MetricsRecord): Record<string, unknown> {
  const created = iso(m.created_at) ?? iso(Math.floor(Date.now() / 1000));
  const models = m.model_metrics as unknown;
  return {
    id: m.id ?? "",
    agent_runs_count: m.agent_runs_count ?? 0,
    agent_sessions_count: m.agent_sessions_count ?? 0,
    team_runs_count: m.team_runs_count ?? 0,
    team_sessions_count: m.team_sessions_count ?? 0,
    workflow_runs_count: m.workflow_runs_count ?? 0,
    workflow_sessions_count: m.workflow_sessions_count ?? 0,
    users_count: m.users_count ?? 0,
    token_metrics: m.token_metrics ?? {},
    model_metrics: Array.isArray(models)
      ? models
      : models && typeof models === "object"
        ? Object.values(models)
        : [],
    date: iso(m.date),
    created_at: created,
    updated_at: iso(m.updated_at) ?? created,
  };
}

/** State of the latest background refresh of one database. */
interface RefreshState {
  status: "running" | "completed" | "failed";
  started_at?: string;
  finished_at?: string;
  error?: string;
}

const nowIso = () => new Date().toISOString();

/** Metrics router: daily aggregated metrics, and their recalculation (inline or background). */
export function metricsRoutes(ctx: DataRouterContext): RouteGroup {
  const routes = new RouteGroup();
  // Latest refresh per database id; also the guard against two refreshes at once. Per process.
  const refreshes = new Map<string, RefreshState>();

  async function refreshInBackground(db: BaseDb, startedAt: string): Promise<void> {
    let state: RefreshState;
    try {
      await db.calculateMetrics();
      state = { status: "completed", started_at: startedAt };
    } catch (error) {
      state = { status: "failed", started_at: startedAt, error: (error as Error).message };
    }
    refreshes.set(db.id, { ...state, finished_at: nowIso() });
  }

  routes.get("/metrics", async (c) => {
    const q = new QueryParams(c);
    const startingDate = q.date("starting_date");
    const endingDate = q.date("ending_date");
    q.done();
    const db = pickDb(c, ctx);
    try {
      const { items, latestUpdatedAt } = await db.getMetrics({
        ...(startingDate ? { startingDate } : {}),
        ...(endingDate ? { endingDate } : {}),
      });
      return c.json({
        metrics: items.map(dayMetricsSchema),
        updated_at: iso(latestUpdatedAt) ?? null,
      });
    } catch (error) {
      throw httpError(500, `Error getting metrics: ${(error as Error).message}`);
    }
  });

  routes.post("/metrics/refresh", async (c) => {
    const q = new QueryParams(c);
    const background = q.bool("background", false);
    q.done();
    const db = pickDb(c, ctx);
    if (background) {
      if (refreshes.get(db.id)?.status === "running")
        return c.json(
          {
            status: "already_running",
            message: "A metrics refresh is already in progress for this database",
          },
          202,
        );
      const startedAt = nowIso();
      refreshes.set(db.id, { status: "running", started_at: startedAt });
      void refreshInBackground(db, startedAt);
      return c.json({ status: "started", message: "Metrics refresh started in background" }, 202);
    }
    try {
      const rows = await db.calculateMetrics();
      return c.json(rows.map(dayMetricsSchema));
    } catch (error) {
      throw httpError(500, `Error refreshing metrics: ${(error as Error).message}`);
    }
  });

  routes.get("/metrics/refresh/status", (c) => {
    const db = pickDb(c, ctx);
    return c.json(compact({ ...(refreshes.get(db.id) ?? { status: "idle" }) }));
  });

  return routes;
}
