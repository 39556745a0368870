import type { Component } from "@agno/core";
import { accessibleIds } from "../auth/index.js";
import type { AppContext } from "../env.js";
import { httpError } from "../errors.js";
import { resolveEntry } from "../factories/resolve.js";
import { gatewayRoutes, remoteListing } from "../gateway/proxy.js";
import { resolveIdentity } from "../http/identity.js";
import { type FieldSpec, RouteGroup } from "../http/route-group.js";
import type { Entry, Registry } from "../registry.js";
import { type ResumeOptions, resumeRunHandler } from "./resume.js";
import { continueRunHandler, createRunHandler } from "./run-handlers.js";
import type { RunKind } from "./run-kinds.js";
import { cancelRunHandler, lookupEntry, readableSession, requireQuery } from "./run-support.js";

const FACTORY_INPUT: FieldSpec = {
  name: "factory_input",
  type: "json",
  description: "For factories: rebuild input.",
};

/**
 * The routes of one kind of component (agents, teams or workflows): list, detail, runs (SSE,
 * JSON or background), run list, run get, cancel, continue and resume. Factories are resolved
 * per request on every run-scoped route; remote components are proxied to their AgentOS (but
 * for resume, which answers 400 for them). Streamed runs keep their events in `runs.buffer`.
 */
export function componentRoutes(
  registry: Registry,
  kind: RunKind,
  runs: ResumeOptions,
): RouteGroup {
  const group = new RouteGroup();
  const routes = gatewayRoutes(group, registry, kind);
  const base = `/${kind.plural}`;
  const item = `${base}/:${kind.param}`;
  const { docs } = kind;

  if (kind.notYet) {
    const { path, summary, detail } = kind.notYet;
    // Before the id routes, which would take the last segment for an id.
    routes.add({ method: "GET", path, tag: kind.tag, summary, responses: { 501: detail } }, () => {
      throw httpError(501, detail);
    });
  }

  routes.add(
    {
      method: "GET",
      path: base,
      tag: kind.tag,
      summary: `List ${kind.plural}`,
      description: `Every ${kind.lower} (prototypes, factories and remote ${kind.plural}) the caller may see.`,
    },
    async (c: AppContext) => {
      const ids = accessibleIds(c, kind.plural);
      if (ids !== "all" && ids.size === 0) {
        throw httpError(403, `Insufficient permissions. Required scope(s): ${kind.plural}:read`);
      }
      const entries = [...registry.of(kind.type).values()].filter(
        (e) => ids === "all" || ids.has(e.id),
      );
      const remote = await remoteListing(c, registry, kind, ids);
      return c.json([...entries.map((e) => kind.listItem(e)), ...remote]);
    },
  );

  routes.add(
    {
      method: "GET",
      path: item,
      tag: kind.tag,
      summary: `Get ${kind.lower} details`,
      description: "For a factory: its metadata and input schema, without invoking it.",
      ...(docs.detailQuery ? { query: docs.detailQuery } : {}),
      responses: { 200: "Successful Response", 404: `${kind.label} not found` },
    },
    (c: AppContext) => c.json(kind.detail(lookupEntry(c, registry, kind, "read"))),
  );

  routes.add(
    {
      method: "POST",
      path: `${item}/runs`,
      tag: kind.tag,
      summary: `Create ${kind.lower} run`,
      description: docs.runDescription,
      form: docs.runForm,
      sse: true,
      responses: docs.runResponses,
    },
    createRunHandler(registry, kind, runs.buffer),
  );

  routes.add(
    {
      method: "GET",
      path: `${item}/runs`,
      tag: kind.tag,
      summary: `List ${kind.lower} runs in a session`,
      query: [
        { name: "session_id", required: true },
        { name: "status", enum: docs.runStatuses },
        FACTORY_INPUT,
      ],
      responses: { 200: "Runs", 404: "Session not found" },
    },
    async (c: AppContext) => {
      const { component, record } = await readSession(c, registry, kind, "Session not found");
      const status = c.req.query("status");
      const runs = (record.runs ?? []).filter(
        (r) =>
          kind.ownsRun(r, component.id) &&
          (!kind.topLevelRunsOnly || !r.parent_run_id) &&
          (!status || r.status === status),
      );
      return c.json(runs.map((r) => kind.runSchema(r)));
    },
  );

  routes.add(
    {
      method: "GET",
      path: `${item}/runs/:run_id`,
      tag: kind.tag,
      summary: `Get a ${kind.lower} run`,
      ...(docs.runGetDescription ? { description: docs.runGetDescription } : {}),
      query: [{ name: "session_id", required: true }, FACTORY_INPUT],
      responses: { 200: "The run", 404: "Run not found" },
    },
    async (c: AppContext) => {
      const { component, record, sessionId } = await readSession(
        c,
        registry,
        kind,
        "Run not found",
      );
      const runId = c.req.param("run_id") ?? "";
      const live = await kind.liveRun?.(component, runId, sessionId);
      if (live && live.session_id === sessionId) return c.json(live.toDict());
      const run = (record.runs ?? []).find(
        (r) => r.run_id === runId && kind.ownsRun(r, component.id),
      );
      if (!run) throw httpError(404, "Run not found");
      return c.json(run);
    },
  );

  routes.add(
    {
      method: "POST",
      path: `${item}/runs/:run_id/cancel`,
      tag: kind.tag,
      summary: `Cancel a ${kind.lower} run`,
      description: docs.cancelDescription,
      query: [{ name: "session_id", description: "Required for callers confined to their data." }],
      responses: { 200: "Cancelled (or already finished)", 404: "Run not found" },
    },
    cancelRunHandler(registry, kind),
  );

  routes.add(
    {
      method: "POST",
      path: `${item}/runs/:run_id/continue`,
      tag: kind.tag,
      summary: `Continue a paused ${kind.lower} run`,
      form: docs.continueForm,
      ...(docs.continueSse ? { sse: true } : {}),
      responses: docs.continueResponses,
    },
    continueRunHandler(registry, kind, runs.buffer),
  );

  // Not proxied: resuming a remote component's stream answers 400, as in the reference.
  group.add(
    {
      method: "POST",
      path: `${item}/runs/:run_id/resume`,
      tag: kind.tag,
      summary: "Resume a run's event stream",
      description:
        "Replays the run's events after last_event_index, then follows the run live while it goes on (SSE). A finished run is replayed from the event buffer, or from its stored events once no longer buffered.",
      form: [
        {
          name: "last_event_index",
          type: "integer",
          description: "The index of the last event received (0-based); events after it follow.",
        },
        {
          name: "session_id",
          description: "The run's session: required for callers confined to their data.",
        },
      ],
      sse: true,
      responses: {
        200: "The run's events (text/event-stream)",
        400: "Factory or remote component, or missing session_id",
        404: "Run not found",
      },
    },
    resumeRunHandler(registry, kind, runs),
  );

  if (kind.type !== "workflow") {
    routes.add(
      {
        method: "POST",
        path: `${item}/sessions/:session_id/fork`,
        tag: kind.tag,
        summary: `Fork ${kind.label} Session`,
        operationId: `fork_${kind.lower}_session`,
        description:
          "Copies the session into a new, independent one: every run with a new run id, in a new session; the original is untouched.",
        query: [
          { name: "user_id", description: "The source session's user (a verified one wins)." },
        ],
        responses: {
          200: "`{session_id, forked_from_session_id}`",
          400: "The source session is empty or missing",
          404: `${kind.label} not found`,
        },
      },
      async (c: AppContext) => {
        const entry: Entry<Component> = lookupEntry(c, registry, kind, "run");
        const sessionId = c.req.param("session_id") ?? "";
        const identity = resolveIdentity(c, c.req.query("user_id"), undefined);
        const component = (await resolveEntry(kind.type, entry, c, {
          ...identity,
          sessionId,
          factoryInput: c.req.query("factory_input"),
        })) as Component & {
          forkSession(options: { sourceSessionId: string; userId?: string }): Promise<string>;
        };
        const forked = await component.forkSession({
          sourceSessionId: sessionId,
          ...(identity.userId !== undefined ? { userId: identity.userId } : {}),
        });
        return c.json({ session_id: forked, forked_from_session_id: sessionId });
      },
    );
  }

  return group;
}

/**
 * The component of a run read route (a factory rebuilt with `factory_input` from the query) and
 * the session named by `session_id` (required), if the caller may read it (else 404 `notFound`).
 */
async function readSession(c: AppContext, registry: Registry, kind: RunKind, notFound: string) {
  const entry: Entry<Component> = lookupEntry(c, registry, kind, "run");
  const sessionId = requireQuery(c, "session_id");
  const identity = resolveIdentity(c, c.req.query("user_id"), sessionId);
  const component = await resolveEntry(kind.type, entry, c, {
    ...identity,
    factoryInput: c.req.query("factory_input"),
  });
  const record = await readableSession(c, kind, component, sessionId, notFound);
  return { component, record, sessionId };
}
