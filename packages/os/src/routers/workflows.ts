import type { Workflow, WorkflowRunOptions } from "@agno/core";
import { accessibleIds } from "../auth/index.js";
import type { AppContext } from "../env.js";
import { httpError } from "../errors.js";
import { resolveEntry } from "../factories/resolve.js";
import { gatewayRoutes, remoteListing } from "../gateway/proxy.js";
import { RequestBody } from "../http/body.js";
import { applyVerifiedState, resolveIdentity } from "../http/identity.js";
import type { RouteTable } from "../http/route-table.js";
import { runKwargs } from "../http/run-kwargs.js";
import { missingField, parseBool } from "../http/validation.js";
import type { Entry, Registry } from "../registry.js";
import { workflowEntryResponse, workflowSummary } from "../schemas/components.js";
import { workflowRunSchema } from "../schemas/runs.js";
import { uuid4 } from "../uuid.js";
import { detachedRun, jsonRun, type RunAnswer, streamedRun } from "./run-answers.js";
import { runOwners } from "./run-owners.js";
import {
  cancelRunHandler,
  lookupEntry,
  notContinuable,
  readableSession,
  requireQuery,
  WORKFLOW_KIND,
} from "./run-support.js";
import { workflowErrorEvent } from "./stream-errors.js";

const kind = WORKFLOW_KIND;
const RUN_FIELDS = new Set([
  "message",
  "stream",
  "background",
  "session_id",
  "user_id",
  "version",
  "factory_input",
]);

/** Registers the workflows routes: list, detail, runs, cancel, continue, run get and run list. */
export function registerWorkflowRoutes(table: RouteTable, registry: Registry): void {
  const routes = gatewayRoutes(table, registry, kind);
  // Before `/workflows/:workflow_id`, which would take "ws" for an id.
  routes.add(
    {
      method: "GET",
      path: "/workflows/ws",
      tag: kind.tag,
      summary: "Workflow WebSocket (not available yet)",
      responses: { 501: "The workflow WebSocket is not available yet in this AgentOS" },
    },
    () => {
      throw httpError(501, "The workflow WebSocket is not available yet in this AgentOS");
    },
  );
  routes.add(
    {
      method: "GET",
      path: "/workflows",
      tag: kind.tag,
      summary: "List workflows",
      description:
        "Every workflow (prototypes, factories and remote workflows) the caller may see.",
    },
    async (c: AppContext) => {
      const ids = accessibleIds(c, "workflows");
      if (ids !== "all" && ids.size === 0) {
        throw httpError(403, "Insufficient permissions. Required scope(s): workflows:read");
      }
      const entries = [...registry.workflows.values()].filter(
        (e) => ids === "all" || ids.has(e.id),
      );
      const remote = await remoteListing(c, registry, kind, ids);
      return c.json([...entries.map(workflowSummary), ...remote]);
    },
  );

  routes.add(
    {
      method: "GET",
      path: "/workflows/:workflow_id",
      tag: kind.tag,
      summary: "Get workflow details",
      description: "For a factory: its metadata and input schema, without invoking it.",
      query: [{ name: "version", type: "integer", description: "Ignored (no stored versions)." }],
      responses: { 200: "Successful Response", 404: "Workflow not found" },
    },
    (c: AppContext) => c.json(workflowEntryResponse(lookupEntry(c, registry, kind, "read"))),
  );

  routes.add(
    {
      method: "POST",
      path: "/workflows/:workflow_id/runs",
      tag: kind.tag,
      summary: "Create workflow run",
      description:
        "Runs the workflow: SSE events (stream=true, default), the run as JSON, or 202 for background=true.",
      form: [
        { name: "message", required: true, description: "The workflow's input." },
        { name: "stream", type: "boolean", default: true },
        { name: "stream_events", type: "boolean", default: true },
        { name: "background", type: "boolean", default: false },
        { name: "session_id" },
        { name: "user_id" },
        { name: "factory_input", type: "json", description: "JSON object for a factory." },
        { name: "session_state", type: "json" },
        { name: "metadata", type: "json" },
        { name: "additional_data", type: "json" },
        { name: "version", type: "integer", description: "Ignored." },
      ],
      sse: true,
      responses: {
        200: "The run (JSON) or its events (text/event-stream)",
        202: "Background run accepted",
        400: "Invalid request or factory_input",
        404: "Workflow not found",
        422: "Validation error",
      },
    },
    async (c: AppContext) => {
      const entry = lookupEntry<Workflow>(c, registry, kind, "run");
      const body = await RequestBody.read(c);
      const message = body.string("message");
      if (message === undefined) throw missingField("body", "message");
      const stream = parseBool(body.get("stream"), true, "body", "stream");
      const background = parseBool(body.get("background"), false, "body", "background");
      const identity = resolveIdentity(c, body.string("user_id"), body.string("session_id"));
      const kwargs = applyVerifiedState(c, runKwargs(body, RUN_FIELDS));
      const workflow = await resolveEntry("workflow", entry, c, {
        ...identity,
        factoryInput: body.get("factory_input"),
      });
      const sessionId = identity.sessionId ?? uuid4();
      const runId = uuid4();
      const options: WorkflowRunOptions = {
        sessionId,
        runId,
        ...(identity.userId !== undefined ? { userId: identity.userId } : {}),
        ...(kwargs.sessionState ? { sessionState: kwargs.sessionState } : {}),
        ...(kwargs.metadata ? { metadata: kwargs.metadata } : {}),
        ...(kwargs.additionalData ? { additionalData: kwargs.additionalData } : {}),
        ...(kwargs.images ? { images: kwargs.images } : {}),
        ...(kwargs.audio ? { audio: kwargs.audio } : {}),
        ...(kwargs.videos ? { videos: kwargs.videos } : {}),
        ...(kwargs.files ? { files: kwargs.files } : {}),
        ...(kwargs.debugMode !== undefined ? { debugMode: kwargs.debugMode } : {}),
      };
      const streamEvents = kwargs.streamEvents ?? true;
      const release = runOwners.track(runId, {
        kind: "workflow",
        componentId: workflow.id,
        sessionId,
        ...(identity.userId !== undefined ? { userId: identity.userId } : {}),
      });
      const answer: RunAnswer = {
        runId,
        release,
        errorEvent: (error) => workflowErrorEvent(workflow, runId, sessionId, error, c),
      };

      try {
        if (background) {
          if (!workflow.options.db) {
            throw httpError(
              400,
              "Background execution requires a database to be configured on the workflow",
            );
          }
          if (stream) {
            const events = workflow.run(message, { ...options, stream: true, streamEvents });
            return detachedRun(events as AsyncIterable<Record<string, unknown>>, answer);
          }
          const output = await workflow.run(message, { ...options, background: true });
          // The background run is tracked until it ends (its stored status says when).
          void workflowSettled(workflow, output.run_id ?? runId, sessionId).finally(release);
          // Accepted: the run starts right away, so report it as the reference does, PENDING.
          return c.json(
            { run_id: output.run_id ?? runId, session_id: sessionId, status: "PENDING" },
            202,
          );
        }

        if (stream) {
          return streamedRun(
            c,
            (signal) =>
              workflow.run(message, {
                ...options,
                stream: true,
                streamEvents,
                signal,
              }) as AsyncIterable<Record<string, unknown>>,
            answer,
          );
        }
        // Failures with a 4xx status (another user's session: 403) answer it; others 500.
        return await jsonRun(
          c,
          workflow.run(message, { ...options, stream: false }) as Promise<{
            toDict(): Record<string, unknown>;
          }>,
          release,
        );
      } catch (error) {
        release();
        throw error;
      }
    },
  );

  routes.add(
    {
      method: "GET",
      path: "/workflows/:workflow_id/runs",
      tag: kind.tag,
      summary: "List workflow runs in a session",
      query: [
        { name: "session_id", required: true },
        { name: "status", enum: ["PENDING", "RUNNING", "COMPLETED", "CANCELLED", "ERROR"] },
        { name: "factory_input", type: "json", description: "For factories: rebuild input." },
      ],
      responses: { 200: "Runs", 404: "Session not found" },
    },
    async (c: AppContext) => {
      const entry = lookupEntry<Workflow>(c, registry, kind, "run");
      const sessionId = requireQuery(c, "session_id");
      const workflow = await resolveForRead(c, entry, sessionId);
      const record = await readableSession(
        c,
        workflow.options.db,
        sessionId,
        "workflow",
        "workflow_id",
        workflow.id,
        "Session not found",
      );
      const status = c.req.query("status");
      const runs = (record.runs ?? []).filter(
        (r) =>
          (!r.workflow_id || r.workflow_id === workflow.id) && (!status || r.status === status),
      );
      return c.json(runs.map(workflowRunSchema));
    },
  );

  routes.add(
    {
      method: "GET",
      path: "/workflows/:workflow_id/runs/:run_id",
      tag: kind.tag,
      summary: "Get a workflow run",
      description: "Live while the run is going (background runs), else from the database.",
      query: [
        { name: "session_id", required: true },
        { name: "factory_input", type: "json", description: "For factories: rebuild input." },
      ],
      responses: { 200: "The run", 404: "Run not found" },
    },
    async (c: AppContext) => {
      const entry = lookupEntry<Workflow>(c, registry, kind, "run");
      const sessionId = requireQuery(c, "session_id");
      const workflow = await resolveForRead(c, entry, sessionId);
      const record = await readableSession(
        c,
        workflow.options.db,
        sessionId,
        "workflow",
        "workflow_id",
        workflow.id,
        "Run not found",
      );
      const runId = c.req.param("run_id") ?? "";
      // A prototype's background run is live in memory (freshest); else the stored run.
      const live = await workflow.getRun(runId, sessionId);
      if (live && live.session_id === sessionId) return c.json(live.toDict());
      const run = record.runs?.find((r) => r.run_id === runId);
      if (!run) throw httpError(404, "Run not found");
      return c.json(run);
    },
  );

  routes.add(
    {
      method: "POST",
      path: "/workflows/:workflow_id/runs/:run_id/cancel",
      tag: kind.tag,
      summary: "Cancel a workflow run",
      description:
        "Cancels a run of this workflow that belongs to the caller. 200 {}; another user's run answers 404 like an unknown one.",
      query: [{ name: "session_id", description: "Required for callers confined to their data." }],
      responses: { 200: "Cancelled (or already finished)", 404: "Run not found" },
    },
    cancelRunHandler(registry, kind),
  );

  routes.add(
    {
      method: "POST",
      path: "/workflows/:workflow_id/runs/:run_id/continue",
      tag: kind.tag,
      summary: "Continue a paused workflow run",
      form: [
        { name: "step_requirements", type: "json" },
        { name: "session_id", required: true },
        { name: "user_id" },
        { name: "stream", type: "boolean", default: true },
        { name: "factory_input", type: "json", description: "For factories." },
      ],
      responses: {
        404: "Run not found",
        409: "Run not paused",
        501: "Workflow pauses are not available yet",
      },
    },
    async (c: AppContext) => {
      const entry = lookupEntry<Workflow>(c, registry, kind, "run");
      const body = await RequestBody.read(c);
      const rawRequirements = body.string("step_requirements");
      if (rawRequirements !== undefined && rawRequirements.trim() !== "") {
        let parsed: unknown;
        try {
          parsed = JSON.parse(rawRequirements);
        } catch {
          throw httpError(400, "Invalid JSON in step_requirements field");
        }
        if (!Array.isArray(parsed)) {
          throw httpError(
            400,
            "Invalid structure or content for step_requirements: expected a JSON array",
          );
        }
      }
      parseBool(body.get("stream"), true, "body", "stream");
      const identity = resolveIdentity(c, body.string("user_id"), body.string("session_id"));
      const sessionId = identity.sessionId;
      if (!sessionId) throw httpError(400, "session_id is required for this action");
      const workflow = await resolveEntry("workflow", entry, c, {
        ...identity,
        factoryInput: body.get("factory_input"),
      });
      const record = await readableSession(
        c,
        workflow.options.db,
        sessionId,
        "workflow",
        "workflow_id",
        workflow.id,
        "Run not found",
      );
      const runId = c.req.param("run_id") ?? "";
      const run = record.runs?.find((r) => r.run_id === runId);
      if (!run) throw httpError(404, "Run not found");
      if (run.status !== "PAUSED") throw httpError(409, notContinuable(run.status));
      throw httpError(501, "Continuing paused workflow runs is not available yet in this AgentOS");
    },
  );
}

async function resolveForRead(
  c: AppContext,
  entry: Entry<Workflow>,
  sessionId: string,
): Promise<Workflow> {
  const identity = resolveIdentity(c, c.req.query("user_id"), sessionId);
  return resolveEntry("workflow", entry, c, {
    ...identity,
    factoryInput: c.req.query("factory_input"),
  });
}

/** Resolves once a background workflow run has ended (its live output left RUNNING/PENDING). */
async function workflowSettled(workflow: Workflow, runId: string, sessionId: string) {
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500).unref?.());
    const run = await workflow.getRun(runId, sessionId).catch(() => null);
    if (!run || (run.status !== "RUNNING" && run.status !== "PENDING")) return;
  }
}
