import type { Agent, RunOptions, Team, ToolExecution } from "@agno/core";
import { type AppContext, scopedUserId } from "../env.js";
import { httpError } from "../errors.js";
import { resolveEntry } from "../factories/resolve.js";
import { RequestBody } from "../http/body.js";
import { applyVerifiedState, resolveIdentity } from "../http/identity.js";
import { classifyUploads } from "../http/media.js";
import type { FieldSpec } from "../http/route-table.js";
import { type RunKwargs, runKwargs } from "../http/run-kwargs.js";
import { missingField, parseBool } from "../http/validation.js";
import type { Registry } from "../registry.js";
import { uuid4 } from "../uuid.js";
import { detachedRun, jsonRun, type RunAnswer, streamedRun } from "./run-answers.js";
import { runOwners } from "./run-owners.js";
import {
  type KindSpec,
  lookupEntry,
  notContinuable,
  readableSession,
  runInBackground,
} from "./run-support.js";
import { runErrorEvent } from "./stream-errors.js";

export type Runnable = Agent<any> | Team<any>;

const RUN_FIELDS = [
  "message",
  "stream",
  "session_id",
  "user_id",
  "files",
  "version",
  "background",
  "factory_input",
  "monitor",
] as const;
const CONTINUE_FIELDS = [
  "tools",
  "requirements",
  "input",
  "continue_from",
  "fork",
  "regenerate",
  "replace_original",
  "additional_instructions",
  "session_id",
  "user_id",
  "stream",
  "background",
  "factory_input",
] as const;

/** Form fields shared by the run routes' OpenAPI description. */
export function runFormSpec(kind: KindSpec): FieldSpec[] {
  return [
    { name: "message", required: true, description: "The user's message." },
    { name: "stream", type: "boolean", default: true, description: "Answer with SSE events." },
    {
      name: "stream_events",
      type: "boolean",
      default: true,
      description: "Stream every event (tool calls, lifecycle), not only content.",
    },
    { name: "session_id", description: "Session to continue; a new one when empty." },
    { name: "user_id", description: "User id (a verified user id takes precedence)." },
    { name: "files", type: "files", description: "Images, audio, video or documents." },
    { name: "background", type: "boolean", default: false, description: "Run detached (202)." },
    {
      name: "factory_input",
      type: "json",
      description: `JSON object for a ${kind.lower} factory, validated by its input schema.`,
    },
    { name: "session_state", type: "json", description: "Session state for this run." },
    { name: "dependencies", type: "json", description: "Dependencies for this run." },
    { name: "metadata", type: "json", description: "Metadata stored with the run." },
    { name: "version", description: "Ignored: components have no stored versions here." },
  ];
}

function runOptionsFrom(kwargs: RunKwargs): RunOptions<any> {
  const { additionalData: _ignored, streamEvents: _streamEvents, ...rest } = kwargs;
  return rest as RunOptions<any>;
}

function mergeMedia(kwargs: RunKwargs, media: Awaited<ReturnType<typeof classifyUploads>>): void {
  const add = <K extends "images" | "audio" | "videos" | "files">(key: K, items: unknown[]) => {
    if (items.length === 0) return;
    (kwargs as Record<string, unknown[]>)[key] = [
      ...(((kwargs as Record<string, unknown[]>)[key] as unknown[]) ?? []),
      ...items,
    ];
  };
  add("images", media.images);
  add("audio", media.audio);
  add("videos", media.videos);
  add("files", media.files);
}

function parseToolsField(raw: string | undefined, field: string): ToolExecution[] | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw httpError(400, `Invalid JSON in ${field} field`);
  }
  if (!Array.isArray(value) || value.some((t) => !t || typeof t !== "object" || Array.isArray(t))) {
    throw httpError(
      400,
      `Invalid structure or content for ${field}: expected a JSON array of ${field === "tools" ? "tool executions" : "requirements"}`,
    );
  }
  const tools = value.map((item) => {
    const requirement = item as { tool_execution?: unknown };
    return (
      field === "requirements" && requirement.tool_execution ? requirement.tool_execution : item
    ) as ToolExecution;
  });
  for (const t of tools) {
    if (!t || typeof t !== "object" || typeof t.tool_call_id !== "string") {
      throw httpError(
        400,
        `Invalid structure or content for ${field}: each entry needs a tool_call_id (send complete tool executions)`,
      );
    }
  }
  return tools;
}

function unavailable(feature: string) {
  return httpError(501, `${feature} is not available yet in this AgentOS`);
}

/**
 * `POST /<agents|teams>/{id}/runs`: SSE events (default), the run's JSON (`stream=false`), or
 * 202 and a detached run (`background=true`). Factories are resolved for the request.
 */
export function createRunHandler(registry: Registry, kind: KindSpec) {
  const dataKey = kind.type === "team" ? "team_data" : "agent_data";
  const nameKey = kind.type === "team" ? "team_name" : "agent_name";
  return async (c: AppContext): Promise<Response> => {
    const entry = lookupEntry<Runnable>(c, registry, kind, "run");
    const body = await RequestBody.read(c);
    const message = body.string("message");
    if (message === undefined) throw missingField("body", "message");
    const stream = parseBool(body.get("stream"), true, "body", "stream");
    const background = parseBool(body.get("background"), false, "body", "background");
    const identity = resolveIdentity(c, body.string("user_id"), body.string("session_id"));
    const kwargs = applyVerifiedState(c, runKwargs(body, new Set(RUN_FIELDS)));
    const component = await resolveEntry(kind.type, entry, c, {
      ...identity,
      factoryInput: body.get("factory_input"),
    });
    const sessionId = identity.sessionId ?? uuid4();
    mergeMedia(kwargs, await classifyUploads(body.files));
    const runId = uuid4();
    const options: RunOptions<any> = {
      ...runOptionsFrom(kwargs),
      ...(identity.userId !== undefined ? { userId: identity.userId } : {}),
      sessionId,
      runId,
    };
    const streamEvents = kwargs.streamEvents ?? true;
    const release = runOwners.track(runId, {
      kind: kind.type,
      componentId: component.id,
      sessionId,
      ...(identity.userId !== undefined ? { userId: identity.userId } : {}),
    });
    const answer: RunAnswer = {
      runId,
      release,
      errorEvent: (error) =>
        runErrorEvent(kind.type as "agent", component, runId, sessionId, error, c),
    };

    try {
      if (background) {
        const db = component.options.db;
        if (!db) {
          throw httpError(
            400,
            `Background execution requires a database to be configured on the ${kind.lower}`,
          );
        }
        const patch = {
          session_id: sessionId,
          session_type: kind.type as "agent" | "team",
          [kind.idKey]: component.id,
          ...(identity.userId !== undefined ? { user_id: identity.userId } : {}),
          [dataKey]: {
            [kind.idKey]: component.id,
            ...(component.name ? { name: component.name } : {}),
          },
        };
        const pending = {
          run_id: runId,
          [kind.idKey]: component.id,
          ...(component.name ? { [nameKey]: component.name } : {}),
          session_id: sessionId,
          ...(identity.userId !== undefined ? { user_id: identity.userId } : {}),
          status: "PENDING",
          created_at: Math.floor(Date.now() / 1000),
          input: { input_content: message },
        };
        const saved = await db.upsertSessionRun(patch, pending);
        if (!saved) throw httpError(403, `Session "${sessionId}" belongs to another user.`);
        /** A run that fails before it starts is stored as ERROR rather than left PENDING. */
        const markFailed = async (error: unknown) => {
          const content = error instanceof Error ? error.message : String(error);
          await db.upsertSessionRun(patch, { ...pending, status: "ERROR", content });
          throw error;
        };
        if (stream) {
          const source = component.run(message, { ...options, stream: true, streamEvents });
          const events = (async function* () {
            try {
              yield* source as AsyncIterable<Record<string, unknown>>;
            } catch (error) {
              await markFailed(error);
            }
          })();
          return detachedRun(events, answer);
        }
        runInBackground(`Background run ${runId} of ${kind.lower} "${component.id}"`, () =>
          component
            .run(message, { ...options, stream: false })
            .catch(markFailed)
            .finally(release),
        );
        return c.json({ run_id: runId, session_id: sessionId, status: "PENDING" }, 202);
      }

      if (stream) {
        return streamedRun(
          c,
          (signal) =>
            component.run(message, {
              ...options,
              stream: true,
              streamEvents,
              signal,
            }) as AsyncIterable<Record<string, unknown>>,
          answer,
        );
      }
      return await jsonRun(c, component.run(message, { ...options, stream: false }), release);
    } catch (error) {
      release();
      throw error;
    }
  };
}

/** `POST /<agents|teams>/{id}/runs/{run_id}/continue`: resumes a paused run. */
export function continueRunHandler(registry: Registry, kind: KindSpec) {
  return async (c: AppContext): Promise<Response> => {
    const entry = lookupEntry<Runnable>(c, registry, kind, "run");
    const body = await RequestBody.read(c);
    const field = kind.type === "team" && body.has("requirements") ? "requirements" : "tools";
    const tools = parseToolsField(body.string(field), field);
    if (parseBool(body.get("fork"), false, "body", "fork")) throw unavailable("Forking runs");
    if (parseBool(body.get("regenerate"), false, "body", "regenerate"))
      throw unavailable("Regenerating runs");
    const from = body.string("continue_from");
    if (from !== undefined && from !== "" && from !== "end")
      throw unavailable("continue_from other than 'end'");
    if (body.string("input") || body.string("additional_instructions"))
      throw unavailable("Continuing a run with new input");
    const stream = parseBool(body.get("stream"), true, "body", "stream");
    const background = parseBool(body.get("background"), false, "body", "background");
    const identity = resolveIdentity(c, body.string("user_id"), body.string("session_id"));
    const sessionId = identity.sessionId;
    if (!sessionId) throw httpError(400, "session_id is required for this action");
    const kwargs = applyVerifiedState(c, runKwargs(body, new Set(CONTINUE_FIELDS)));
    const component = await resolveEntry(kind.type, entry, c, {
      ...identity,
      factoryInput: body.get("factory_input"),
    });
    const runId = c.req.param("run_id") ?? "";
    const record = await readableSession(
      c,
      component.options.db,
      sessionId,
      kind.type as "agent" | "team",
      kind.idKey,
      component.id,
      "Run not found",
    );
    const run = (record.runs ?? []).find(
      (r) => r.run_id === runId && r[kind.idKey] === component.id,
    );
    if (!run) throw httpError(404, "Run not found");
    const scoped = scopedUserId(c);
    if (scoped !== undefined && (run.user_id ?? record.user_id ?? "") !== scoped) {
      throw httpError(404, "Run not found");
    }
    if (run.status !== "PAUSED") throw httpError(409, notContinuable(run.status));
    const userId = identity.userId ?? (run.user_id as string | undefined);
    const options = {
      runId,
      sessionId,
      ...(userId !== undefined ? { userId } : {}),
      ...(tools ? { updatedTools: tools } : {}),
      ...(kwargs.dependencies ? { dependencies: kwargs.dependencies } : {}),
      ...(kwargs.knowledgeFilters ? { knowledgeFilters: kwargs.knowledgeFilters } : {}),
      ...(kwargs.retries !== undefined ? { retries: kwargs.retries } : {}),
      ...(kwargs.debugMode !== undefined ? { debugMode: kwargs.debugMode } : {}),
    };
    const release = runOwners.track(runId, {
      kind: kind.type,
      componentId: component.id,
      sessionId,
      ...(userId !== undefined ? { userId } : {}),
    });
    try {
      if (background) {
        runInBackground(`Continued run ${runId} of ${kind.lower} "${component.id}"`, () =>
          component.continueRun({ ...options, stream: false }).finally(release),
        );
        return c.json({ run_id: runId, session_id: sessionId, status: "RUNNING" }, 202);
      }
      if (stream) {
        return streamedRun(
          c,
          (signal) =>
            component.continueRun({
              ...options,
              stream: true,
              streamEvents: kwargs.streamEvents ?? true,
              signal,
            }) as AsyncIterable<Record<string, unknown>>,
          {
            runId,
            release,
            errorEvent: (error) =>
              runErrorEvent(kind.type as "agent", component, runId, sessionId, error, c),
          },
        );
      }
      return await jsonRun(c, component.continueRun({ ...options, stream: false }), release);
    } catch (error) {
      release();
      throw error;
    }
  };
}
