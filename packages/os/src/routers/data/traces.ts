import type { TraceFilter, TraceRecord } from "@agno/core";
import type { DataRouterContext } from "../../data-context.js";
import { httpError } from "../../errors.js";
import { RouteGroup } from "../../http/route-group.js";
import { BodyFields } from "./body-fields.js";
import { MAX_PAGE, QueryParams } from "./query-params.js";
import { effectiveUserId, paginated, pickDb, slicePage } from "./shared.js";
import { compileFilter, type RowPredicate } from "./trace-filter.js";
import { TRACE_FILTER_SCHEMA } from "./trace-filter-schema.js";
import { sessionStats, spanNode, traceDetail, traceSummary } from "./trace-schemas.js";

/** An ISO-8601 query value as a UTC ISO string (naive times are UTC); 400 when unreadable. */
function isoParam(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(text);
  const ms = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(hasZone ? text : `${text}Z`) : Number.NaN;
  if (Number.isNaN(ms))
    throw httpError(
      400,
      `Invalid ${name} format. Use ISO 8601 format (e.g., '2025-11-19T10:00:00Z' or ` +
        `'2025-11-19T10:00:00+05:30'): '${value}' is not a valid datetime`,
    );
  return new Date(ms).toISOString();
}

/** Traces router: trace listings, details with span trees, per-session stats and search. */
export function traceRoutes(ctx: DataRouterContext): RouteGroup {
  const routes = new RouteGroup();

  routes.get("/traces", async (c) => {
    const startedAt = performance.now();
    const q = new QueryParams(c);
    const page = q.page();
    const limit = q.pageSize();
    q.done();
    const db = pickDb(c, ctx);
    const filter: TraceFilter = {};
    for (const [param, key] of [
      ["run_id", "runId"],
      ["session_id", "sessionId"],
      ["agent_id", "agentId"],
      ["team_id", "teamId"],
      ["workflow_id", "workflowId"],
      ["status", "status"],
    ] as const) {
      const v = q.str(param);
      if (v !== undefined) filter[key] = v;
    }
    const userId = effectiveUserId(c, q.str("user_id"));
    if (userId !== undefined) filter.userId = userId;
    const start = isoParam(q.str("start_time"), "start_time");
    const end = isoParam(q.str("end_time"), "end_time");
    if (start) filter.startTime = start;
    if (end) filter.endTime = end;
    const { items, total } = await db.getTraces({ ...filter, limit, page: page });
    const data = await Promise.all(
      items.map(async (t) => traceSummary(t, await db.getSpans({ traceId: t.trace_id }))),
    );
    return c.json(paginated(data, { page, limit, total, startedAt }));
  });

  routes.get("/traces/filter-schema", (c) => c.json(TRACE_FILTER_SCHEMA));

  routes.get("/traces/:trace_id", async (c) => {
    const traceId = c.req.param("trace_id");
    const spanId = c.req.query("span_id");
    const runId = c.req.query("run_id");
    const db = pickDb(c, ctx);
    const scoped = effectiveUserId(c);
    const trace = await db.getTrace({ traceId, ...(runId ? { runId } : {}) });
    // Trace and run ids leak through logs and streams: a confined caller sees only its own.
    if (!trace || (scoped !== undefined && trace.user_id !== scoped))
      throw httpError(404, "Trace not found");
    if (spanId) {
      const span = await db.getSpan(spanId);
      if (!span) throw httpError(404, "Span not found");
      if (span.trace_id !== trace.trace_id)
        throw httpError(404, `Span ${spanId} does not belong to trace ${traceId}`);
      return c.json(spanNode(span));
    }
    return c.json(traceDetail(trace, await db.getSpans({ traceId: trace.trace_id })));
  });

  routes.get("/trace_session_stats", async (c) => {
    const startedAt = performance.now();
    const q = new QueryParams(c);
    const page = q.page();
    const limit = q.pageSize();
    q.done();
    const db = pickDb(c, ctx);
    const filter: TraceFilter = {};
    for (const [param, key] of [
      ["agent_id", "agentId"],
      ["team_id", "teamId"],
      ["workflow_id", "workflowId"],
    ] as const) {
      const v = q.str(param);
      if (v !== undefined) filter[key] = v;
    }
    const userId = effectiveUserId(c, q.str("user_id"));
    if (userId !== undefined) filter.userId = userId;
    const start = isoParam(q.str("start_time"), "start_time");
    const end = isoParam(q.str("end_time"), "end_time");
    let { items } = await db.getTraces(filter);
    // Sessions with traces created inside the window.
    if (start) items = items.filter((t) => Date.parse(t.created_at) >= Date.parse(start));
    if (end) items = items.filter((t) => Date.parse(t.created_at) <= Date.parse(end));
    const stats = sessionStats(items);
    return c.json(
      paginated(slicePage(stats, page, limit), { page, limit, total: stats.length, startedAt }),
    );
  });

  routes.post("/traces/search", async (c) => {
    const startedAt = performance.now();
    const body = await BodyFields.read(c);
    const expr = body.obj("filter");
    const groupBy = body.enumOf("group_by", ["run", "session"] as const, { default: "run" });
    const page = body.int("page", 1, { ge: 1, le: MAX_PAGE });
    const limit = body.int("limit", 20, { ge: 1, le: 100 });
    body.done();
    const db = pickDb(c, ctx);
    let predicate: RowPredicate | undefined;
    try {
      predicate = expr ? compileFilter(expr) : undefined;
    } catch (error) {
      throw httpError(400, `Invalid filter expression: ${(error as Error).message}`);
    }
    const scoped = effectiveUserId(c);
    const { items } = await db.getTraces(scoped !== undefined ? { userId: scoped } : {});
    const matching = items.filter(
      (t: TraceRecord) => !predicate || predicate(t as unknown as Record<string, unknown>),
    );
    if (groupBy === "session") {
      const stats = sessionStats(matching);
      return c.json(
        paginated(slicePage(stats, page, limit), { page, limit, total: stats.length, startedAt }),
      );
    }
    const pageItems = slicePage(matching, page, limit);
    const data = await Promise.all(
      pageItems.map(async (t) => traceDetail(t, await db.getSpans({ traceId: t.trace_id }))),
    );
    return c.json(paginated(data, { page, limit, total: matching.length, startedAt }));
  });

  return routes;
}
