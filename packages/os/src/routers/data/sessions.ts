import { randomUUID } from "node:crypto";
import type { SessionRecord, SessionType } from "@agno/core";
import type { DataRouterContext } from "../../data-context.js";
import type { AppContext } from "../../env.js";
import { httpError } from "../../errors.js";
import { RouteGroup } from "../../http/route-group.js";
import { BodyFields } from "./body-fields.js";
import { QueryParams } from "./query-params.js";
import {
  classifyRun,
  sessionDetailSchema,
  sessionSummarySchema,
  singleRunSchema,
} from "./session-schemas.js";
import {
  effectiveUserId,
  paginated,
  pickDb,
  SESSION_SORT_FIELDS,
  SESSION_TYPES,
  SORT_ORDERS,
} from "./shared.js";

const title = (t: SessionType) => t.charAt(0).toUpperCase() + t.slice(1);

/** Sessions router: list, create, read, runs, rename, update and delete sessions. */
export function sessionRoutes(ctx: DataRouterContext): RouteGroup {
  const routes = new RouteGroup();

  /** The session a request names, confined to the caller; 404 with the reference's message. */
  async function loadSession(
    c: AppContext,
    sessionId: string,
    plainNotFound = false,
  ): Promise<SessionRecord> {
    const q = new QueryParams(c);
    const type = q.enumOf("type", SESSION_TYPES);
    const requestedUser = q.str("user_id");
    q.done();
    const db = pickDb(c, ctx);
    const userId = effectiveUserId(c, requestedUser);
    const session = await db.getSession(sessionId, {
      ...(type ? { sessionType: type } : {}),
      ...(userId !== undefined ? { userId } : {}),
    });
    if (!session)
      throw httpError(
        404,
        type && !plainNotFound
          ? `${title(type)} Session with id '${sessionId}' not found`
          : `Session with id '${sessionId}' not found`,
      );
    return session;
  }

  routes.get("/sessions", async (c) => {
    const startedAt = performance.now();
    const q = new QueryParams(c);
    const type = q.enumOf("type", SESSION_TYPES);
    const componentId = q.str("component_id");
    const requestedUser = q.str("user_id");
    const name = q.str("session_name");
    const limit = q.pageSize();
    const page = q.page();
    const sortBy = q.sortBy(SESSION_SORT_FIELDS, "created_at");
    const sortOrder = q.enumOf("sort_order", SORT_ORDERS, "desc");
    q.done();
    const db = pickDb(c, ctx);
    const userId = effectiveUserId(c, requestedUser);
    const { items, total } = await db.getSessions({
      ...(type ? { sessionType: type } : {}),
      ...(componentId !== undefined ? { componentId } : {}),
      ...(userId !== undefined ? { userId } : {}),
      ...(name ? { sessionName: name } : {}),
      limit,
      page,
      sortBy,
      sortOrder,
    });
    return c.json(paginated(items.map(sessionSummarySchema), { page, limit, total, startedAt }));
  });

  routes.post("/sessions", async (c) => {
    const q = new QueryParams(c);
    const type = q.enumOf("type", SESSION_TYPES, "agent");
    q.done();
    const body = await BodyFields.read(c);
    const sessionId = body.str("session_id");
    const name = body.str("session_name");
    const state = body.obj("session_state");
    const metadata = body.obj("metadata");
    const bodyUser = body.str("user_id");
    const agentId = body.str("agent_id");
    const teamId = body.str("team_id");
    const workflowId = body.str("workflow_id");
    body.done();
    const db = pickDb(c, ctx);
    // A confined caller always owns what it creates; an authenticated caller is the owner too.
    const userId = effectiveUserId(c, c.get("user_id") ?? bodyUser);
    const id = sessionId ?? randomUUID();
    if (sessionId !== undefined && (await db.getSession(id)))
      throw httpError(
        409,
        `Session with id '${id}' already exists. Use PATCH /sessions/${id} to update it.`,
      );
    const sessionData: Record<string, unknown> = {};
    if (state !== undefined) sessionData.session_state = state;
    if (name !== undefined) sessionData.session_name = name;
    const now = Math.floor(Date.now() / 1000);
    const record: SessionRecord = {
      session_id: id,
      session_type: type,
      user_id: userId ?? null,
      session_data: Object.keys(sessionData).length > 0 ? sessionData : null,
      metadata: metadata ?? null,
      created_at: now,
      updated_at: now,
    };
    if (type === "agent") record.agent_id = agentId ?? null;
    if (type === "team") record.team_id = teamId ?? null;
    if (type === "workflow") record.workflow_id = workflowId ?? null;
    const saved = await db.upsertSession(record);
    if (!saved) throw httpError(500, "Failed to create session");
    return c.json(sessionDetailSchema(saved), 201);
  });

  routes.get("/sessions/:session_id", async (c) => {
    const session = await loadSession(c, c.req.param("session_id"));
    return c.json(sessionDetailSchema(session));
  });

  routes.get("/sessions/:session_id/runs", async (c) => {
    const sessionId = c.req.param("session_id");
    const q = new QueryParams(c);
    const type = q.enumOf("type", SESSION_TYPES);
    const requestedUser = q.str("user_id");
    const after = q.int("created_after");
    const before = q.int("created_before");
    q.done();
    const db = pickDb(c, ctx);
    const userId = effectiveUserId(c, requestedUser);
    const session = await db.getSession(sessionId, {
      ...(type ? { sessionType: type } : {}),
      ...(userId !== undefined ? { userId } : {}),
    });
    if (!session) throw httpError(404, `Session with ID ${sessionId} not found`);
    const runs = (session.runs ?? []).filter((run) => {
      const created = run.created_at;
      if (typeof created !== "number") return true;
      if (after !== undefined && created < after) return false;
      if (before !== undefined && created > before) return false;
      return true;
    });
    const out = runs
      .map((run) => classifyRun(run, type ?? session.session_type))
      .filter((r) => r !== null);
    return c.json(out);
  });

  routes.get("/sessions/:session_id/runs/:run_id", async (c) => {
    const sessionId = c.req.param("session_id");
    const runId = c.req.param("run_id");
    const q = new QueryParams(c);
    const type = q.enumOf("type", SESSION_TYPES);
    const requestedUser = q.str("user_id");
    q.done();
    const db = pickDb(c, ctx);
    const userId = effectiveUserId(c, requestedUser);
    const session = await db.getSession(sessionId, {
      ...(type ? { sessionType: type } : {}),
      ...(userId !== undefined ? { userId } : {}),
    });
    if (!session) throw httpError(404, `Session with ID ${sessionId} not found`);
    const runs = session.runs ?? [];
    if (runs.length === 0) throw httpError(404, `Session with ID ${sessionId} has no runs`);
    const run = runs.find((r) => r.run_id === runId);
    if (!run) throw httpError(404, `Run with ID ${runId} not found in session ${sessionId}`);
    return c.json(singleRunSchema(run));
  });

  routes.delete("/sessions/:session_id", async (c) => {
    const q = new QueryParams(c);
    const requestedUser = q.str("user_id");
    q.done();
    const db = pickDb(c, ctx);
    const userId = effectiveUserId(c, requestedUser);
    await db.deleteSession(c.req.param("session_id"), userId !== undefined ? { userId } : {});
    return c.body(null, 204);
  });

  routes.delete("/sessions", async (c) => {
    const q = new QueryParams(c);
    const requestedUser = q.str("user_id");
    q.done();
    const body = await BodyFields.read(c, { required: true });
    const ids = body.strList("session_ids", { required: true, minItems: 1 });
    const types = body.enumList("session_types", SESSION_TYPES, { required: true, minItems: 1 });
    body.done();
    if (!ids || !types || ids.length !== types.length)
      throw httpError(400, "Session IDs and session types must have the same length");
    const db = pickDb(c, ctx);
    const userId = effectiveUserId(c, requestedUser);
    await db.deleteSessions(ids, userId !== undefined ? { userId } : {});
    return c.body(null, 204);
  });

  routes.post("/sessions/:session_id/rename", async (c) => {
    const sessionId = c.req.param("session_id");
    const body = await BodyFields.read(c);
    const name = body.str("session_name", { required: true });
    body.done();
    const session = await loadSession(c, sessionId, true);
    const userId = effectiveUserId(c);
    const renamed = await pickDb(c, ctx).renameSession(
      session.session_id,
      name as string,
      userId !== undefined ? { userId } : {},
    );
    if (!renamed) throw httpError(404, `Session with id '${sessionId}' not found`);
    return c.json(sessionDetailSchema(renamed));
  });

  routes.patch("/sessions/:session_id", async (c) => {
    const sessionId = c.req.param("session_id");
    const body = await BodyFields.read(c, { required: true });
    const name = body.str("session_name");
    const state = body.obj("session_state");
    const metadata = body.obj("metadata");
    const summary = body.obj("summary");
    if (summary !== undefined && typeof summary.summary !== "string")
      body.invalid(["summary", "summary"], "string_type", "Input should be a valid string");
    body.done();
    const existing = await loadSession(c, sessionId, true);
    const db = pickDb(c, ctx);
    const scoped = effectiveUserId(c);
    const fields: Parameters<typeof db.updateSessionFields>[1] = {};
    if (metadata !== undefined) fields.metadata = metadata;
    if (summary !== undefined)
      fields.summary = summary as unknown as NonNullable<SessionRecord["summary"]>;
    // One atomic write: a run stored meanwhile is never lost.
    const data: Record<string, unknown> = {};
    if (state !== undefined) data.session_state = state;
    if (name !== undefined) data.session_name = name;
    if (Object.keys(data).length > 0) fields.session_data = data;
    const saved =
      Object.keys(fields).length > 0
        ? await db.updateSessionFields(
            sessionId,
            fields,
            scoped !== undefined ? { userId: scoped } : {},
          )
        : existing;
    if (!saved) throw httpError(404, `Session with id '${sessionId}' not found`);
    return c.json(sessionDetailSchema(saved));
  });

  return routes;
}
