import { accessibleIds } from "../auth/index.js";
import type { AppContext } from "../env.js";
import { httpError } from "../errors.js";
import { resolveEntry } from "../factories/resolve.js";
import { gatewayRoutes, remoteListing } from "../gateway/proxy.js";
import { resolveIdentity } from "../http/identity.js";
import type { RouteTable } from "../http/route-table.js";
import type { Registry } from "../registry.js";
import { agentEntryResponse, teamEntryResponse } from "../schemas/components.js";
import { runSchema, teamRunSchema } from "../schemas/runs.js";
import {
  continueRunHandler,
  createRunHandler,
  type Runnable,
  runFormSpec,
} from "./run-handlers.js";
import {
  cancelRunHandler,
  type KindSpec,
  lookupEntry,
  readableSession,
  requireQuery,
} from "./run-support.js";

/**
 * Registers the agents or teams routes: list, detail, runs (SSE, JSON or background), cancel,
 * continue, run get and run list. Factories are resolved per request on every run-scoped route.
 */
export function registerRunnableRoutes(
  table: RouteTable,
  registry: Registry,
  kind: KindSpec,
): void {
  const base = `/${kind.plural}`;
  const item = `${base}/:${kind.param}`;
  const toResponse = kind.type === "team" ? teamEntryResponse : agentEntryResponse;
  const toRunSchema = kind.type === "team" ? teamRunSchema : runSchema;
  const routes = gatewayRoutes(table, registry, kind);

  routes.add(
    {
      method: "GET",
      path: base,
      tag: kind.tag,
      summary: `List ${kind.plural}`,
      description: `Every ${kind.lower} (prototypes, factories and remote ${kind.plural}) the caller may see.`,
    },
    async (c: AppContext) => {
      const ids = accessibleIds(c, kind.plural as "agents" | "teams");
      if (ids !== "all" && ids.size === 0) {
        throw httpError(403, `Insufficient permissions. Required scope(s): ${kind.plural}:read`);
      }
      const entries = [...registry.of(kind.type).values()].filter(
        (e) => ids === "all" || ids.has(e.id),
      );
      const remote = await remoteListing(c, registry, kind, ids);
      return c.json([...entries.map((e) => toResponse(e)), ...remote]);
    },
  );

  routes.add(
    {
      method: "GET",
      path: item,
      tag: kind.tag,
      summary: `Get ${kind.lower} details`,
      description: "For a factory: its metadata and input schema, without invoking it.",
      responses: { 200: "Successful Response", 404: `${kind.label} not found` },
    },
    (c: AppContext) => c.json(toResponse(lookupEntry(c, registry, kind, "read"))),
  );

  routes.add(
    {
      method: "POST",
      path: `${item}/runs`,
      tag: kind.tag,
      summary: `Create ${kind.lower} run`,
      description:
        "Runs the component: SSE events (stream=true, default), the run as JSON (stream=false), or 202 for background=true.",
      form: runFormSpec(kind),
      sse: true,
      responses: {
        200: "The run (JSON) or its events (text/event-stream)",
        202: "Background run accepted",
        400: "Invalid request or factory_input",
        403: "Access denied",
        404: `${kind.label} not found`,
        422: "Validation error",
      },
    },
    createRunHandler(registry, kind),
  );

  routes.add(
    {
      method: "GET",
      path: `${item}/runs`,
      tag: kind.tag,
      summary: `List ${kind.lower} runs in a session`,
      query: [
        { name: "session_id", required: true },
        {
          name: "status",
          enum: ["PENDING", "RUNNING", "COMPLETED", "PAUSED", "CANCELLED", "ERROR"],
        },
        { name: "factory_input", type: "json", description: "For factories: rebuild input." },
      ],
      responses: { 200: "Runs", 404: "Session not found" },
    },
    async (c: AppContext) => {
      const entry = lookupEntry<Runnable>(c, registry, kind, "run");
      const sessionId = requireQuery(c, "session_id");
      const component = await resolveForRead(c, kind, entry, sessionId);
      const record = await readableSession(
        c,
        component.options.db,
        sessionId,
        kind.type as "agent" | "team",
        kind.idKey,
        component.id,
        "Session not found",
      );
      const status = c.req.query("status");
      const runs = (record.runs ?? []).filter(
        (r) =>
          r[kind.idKey] === component.id &&
          (kind.type !== "team" || !r.parent_run_id) &&
          (!status || r.status === status),
      );
      return c.json(runs.map((r) => toRunSchema(r)));
    },
  );

  routes.add(
    {
      method: "GET",
      path: `${item}/runs/:run_id`,
      tag: kind.tag,
      summary: `Get a ${kind.lower} run`,
      query: [
        { name: "session_id", required: true },
        { name: "factory_input", type: "json", description: "For factories: rebuild input." },
      ],
      responses: { 200: "The run", 404: "Run not found" },
    },
    async (c: AppContext) => {
      const entry = lookupEntry<Runnable>(c, registry, kind, "run");
      const sessionId = requireQuery(c, "session_id");
      const component = await resolveForRead(c, kind, entry, sessionId);
      const record = await readableSession(
        c,
        component.options.db,
        sessionId,
        kind.type as "agent" | "team",
        kind.idKey,
        component.id,
        "Run not found",
      );
      const runId = c.req.param("run_id");
      const run = (record.runs ?? []).find(
        (r) => r.run_id === runId && r[kind.idKey] === component.id,
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
      description:
        "Cancels a run of this component that belongs to the caller (factories are not invoked). 200 {}; another user's run answers 404 like an unknown one.",
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
      form: [
        {
          name: kind.type === "team" ? "requirements" : "tools",
          type: "json",
          description: "The paused tool executions, answered (complete objects).",
        },
        { name: "session_id", required: true },
        { name: "user_id" },
        { name: "stream", type: "boolean", default: true },
        { name: "background", type: "boolean", default: false },
        { name: "factory_input", type: "json", description: "For factories." },
      ],
      sse: true,
      responses: {
        200: "The run (JSON) or its events (text/event-stream)",
        400: "Invalid tools or missing session_id",
        404: "Run not found",
        409: "Run not paused",
        501: "fork / regenerate / continue_from are not available yet",
      },
    },
    continueRunHandler(registry, kind),
  );
}

/** The component for a read route; factories are rebuilt with `factory_input` from the query. */
async function resolveForRead(
  c: AppContext,
  kind: KindSpec,
  entry: Parameters<typeof resolveEntry<Runnable>>[1],
  sessionId: string,
): Promise<Runnable> {
  const identity = resolveIdentity(c, c.req.query("user_id"), sessionId);
  return resolveEntry(kind.type, entry, c, {
    ...identity,
    factoryInput: c.req.query("factory_input"),
  });
}
