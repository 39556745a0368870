import type { BaseDb, Component, ComponentRunOutput } from "@agno/core";
import { type AppContext, scopedUserId } from "../env.js";
import { httpError } from "../errors.js";
import { resolveEntry } from "../factories/resolve.js";
import { RequestBody } from "../http/body.js";
import { applyVerifiedState, resolveIdentity } from "../http/identity.js";
import { classifyUploads } from "../http/media.js";
import { type RunKwargs, runKwargs } from "../http/run-kwargs.js";
import { missingField, parseBool } from "../http/validation.js";
import type { Registry } from "../registry.js";
import type { RunEventBuffer } from "../streams/run-event-buffer.js";
import { uuid4 } from "../uuid.js";
import { detachedRun, drainBuffered, jsonRun, type RunAnswer, streamedRun } from "./run-answers.js";
import type { RunKind } from "./run-kinds.js";
import { runOwner, runOwners } from "./run-owners.js";
import { lookupEntry, notContinuable, readableSession, runInBackground } from "./run-support.js";

type Events = AsyncIterable<Record<string, unknown>>;

/** Form fields of a run request that are no run option. */
const RUN_FIELDS: ReadonlySet<string> = new Set([
  "message",
  "stream",
  "session_id",
  "user_id",
  "files",
  "version",
  "background",
  "factory_input",
  "monitor",
]);
/** Form fields of a continue request that are no run option. */
const CONTINUE_FIELDS: ReadonlySet<string> = new Set([
  "tools",
  "requirements",
  "step_requirements",
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
]);

/** A component's run (or continued run) as events. */
function streamOf(started: ReturnType<Component["run"]>): Events {
  return started as unknown as Events;
}

/** A component's run (or continued run) as its output, once finished. */
function outputOf(started: ReturnType<Component["run"]>): Promise<ComponentRunOutput> {
  return started as Promise<ComponentRunOutput>;
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

/** What starting a run in the background needs. */
interface BackgroundRun {
  c: AppContext;
  kind: RunKind;
  component: Component;
  db: BaseDb;
  message: string;
  options: Record<string, unknown>;
  streamEvents: boolean;
  stream: boolean;
  answer: RunAnswer;
  sessionId: string;
  userId: string | undefined;
}

/**
 * A background run stored PENDING by AgentOS, then run detached: streamed (events carry their
 * index) or 202. A run that fails before it starts is stored as ERROR rather than left PENDING.
 */
async function storedBackgroundRun(run: BackgroundRun): Promise<Response> {
  const { c, kind, component, db, message, options, answer, sessionId, userId } = run;
  const withUser = userId !== undefined ? { user_id: userId } : {};
  const named = (key: string) => (component.name ? { [key]: component.name } : {});
  const patch = {
    session_id: sessionId,
    session_type: kind.type,
    [kind.idKey]: component.id,
    ...withUser,
    [`${kind.type}_data`]: { [kind.idKey]: component.id, ...named("name") },
  };
  const pending = {
    run_id: answer.runId,
    [kind.idKey]: component.id,
    ...named(`${kind.type}_name`),
    session_id: sessionId,
    ...withUser,
    status: "PENDING",
    created_at: Math.floor(Date.now() / 1000),
    input: { input_content: message },
  };
  const saved = await db.upsertSessionRun(patch, pending);
  if (!saved) throw httpError(403, `Session "${sessionId}" belongs to another user.`);
  const markFailed = async (error: unknown) => {
    const content = error instanceof Error ? error.message : String(error);
    await db.upsertSessionRun(patch, { ...pending, status: "ERROR", content });
    throw error;
  };
  const source = streamOf(
    component.run(message, { ...options, stream: true, streamEvents: run.streamEvents }),
  );
  const events = (async function* () {
    try {
      yield* source;
    } catch (error) {
      await markFailed(error);
    }
  })();
  if (run.stream) return detachedRun(events, answer);
  // Not streamed to the caller, but run streamed so that its events are buffered (resumable).
  runInBackground(`Background run ${answer.runId} of ${kind.lower} "${component.id}"`, () =>
    drainBuffered(events, answer),
  );
  return c.json({ run_id: answer.runId, session_id: sessionId, status: "PENDING" }, 202);
}

/**
 * A background run in the component's own background mode: it stores and runs the run itself
 * (a stream is still detached here, its events carrying their index).
 */
async function ownBackgroundRun(run: BackgroundRun): Promise<Response> {
  const { c, kind, component, message, options, answer, sessionId } = run;
  if (run.stream) {
    const events = component.run(message, {
      ...options,
      stream: true,
      streamEvents: run.streamEvents,
    });
    return detachedRun(streamOf(events), answer);
  }
  const output = await outputOf(component.run(message, { ...options, background: true }));
  const runId = output.run_id ?? answer.runId;
  // The run is tracked until it ends (its live status says when).
  void settled(kind, component, runId, sessionId).finally(answer.release);
  // Accepted: the run starts right away, so report it as the reference does, PENDING.
  return c.json({ run_id: runId, session_id: sessionId, status: "PENDING" }, 202);
}

/** Resolves once a run in the component's own background mode has ended. */
async function settled(kind: RunKind, component: Component, runId: string, sessionId: string) {
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500).unref?.());
    const run = await kind.liveRun?.(component, runId, sessionId).catch(() => null);
    if (!run || (run.status !== "RUNNING" && run.status !== "PENDING")) return;
  }
}

/**
 * `POST /<kind>/{id}/runs`: SSE events (default), the run's JSON (`stream=false`), or 202 and a
 * detached run (`background=true`). Factories are resolved for the request.
 */
export function createRunHandler(registry: Registry, kind: RunKind, buffer: RunEventBuffer) {
  return async (c: AppContext): Promise<Response> => {
    const entry = lookupEntry<Component>(c, registry, kind, "run");
    const body = await RequestBody.read(c);
    const message = body.string("message");
    if (message === undefined) throw missingField("body", "message");
    const stream = parseBool(body.get("stream"), true, "body", "stream");
    const background = parseBool(body.get("background"), false, "body", "background");
    const identity = resolveIdentity(c, body.string("user_id"), body.string("session_id"));
    const kwargs = applyVerifiedState(c, runKwargs(body, RUN_FIELDS));
    const component = await resolveEntry(kind.type, entry, c, {
      ...identity,
      factoryInput: body.get("factory_input"),
    });
    const sessionId = identity.sessionId ?? uuid4();
    if (kind.uploads) mergeMedia(kwargs, await classifyUploads(body.files));
    const runId = uuid4();
    const userId = identity.userId;
    const options: Record<string, unknown> = {
      ...kind.runOptions(kwargs),
      ...(userId !== undefined ? { userId } : {}),
      sessionId,
      runId,
    };
    const streamEvents = kwargs.streamEvents ?? true;
    const owner = runOwner(kind.type, component.id, sessionId, userId);
    const release = runOwners.track(runId, owner);
    const answer: RunAnswer = {
      runId,
      release,
      errorEvent: (error) => kind.errorEvent(component, runId, sessionId, error, c),
      buffer,
    };
    // Streamed runs and the background runs AgentOS runs streamed keep their events buffered.
    const buffered = stream || (background && kind.background === "stored");
    if (buffered) await buffer.open(runId, owner);

    try {
      if (background) {
        const db = component.db;
        if (!db) {
          throw httpError(
            400,
            `Background execution requires a database to be configured on the ${kind.lower}`,
          );
        }
        const run = { c, kind, component, db, message, options, streamEvents, stream, answer };
        const detached = { ...run, sessionId, userId };
        return await (kind.background === "own" ? ownBackgroundRun : storedBackgroundRun)(detached);
      }
      if (stream) {
        return streamedRun(
          c,
          (signal) =>
            streamOf(component.run(message, { ...options, stream: true, streamEvents, signal })),
          answer,
        );
      }
      return await jsonRun(
        c,
        outputOf(component.run(message, { ...options, stream: false })),
        release,
      );
    } catch (error) {
      release();
      if (buffered) await buffer.finish(runId, "error");
      throw error;
    }
  };
}

/**
 * `POST /<kind>/{id}/runs/{run_id}/continue`: resumes a paused run of the caller's, after the
 * 404 (unknown run, or another user's) and 409 (not paused) checks.
 */
export function continueRunHandler(registry: Registry, kind: RunKind, buffer: RunEventBuffer) {
  return async (c: AppContext): Promise<Response> => {
    const entry = lookupEntry<Component>(c, registry, kind, "run");
    const body = await RequestBody.read(c);
    const { tools, stream, background } = kind.continueInput(body);
    const identity = resolveIdentity(c, body.string("user_id"), body.string("session_id"));
    const sessionId = identity.sessionId;
    if (!sessionId) throw httpError(400, "session_id is required for this action");
    const kwargs = applyVerifiedState(c, runKwargs(body, CONTINUE_FIELDS));
    const component = await resolveEntry(kind.type, entry, c, {
      ...identity,
      factoryInput: body.get("factory_input"),
    });
    const runId = c.req.param("run_id") ?? "";
    const record = await readableSession(c, kind, component, sessionId, "Run not found");
    const run = (record.runs ?? []).find(
      (r) => r.run_id === runId && kind.ownsRun(r, component.id),
    );
    if (!run) throw httpError(404, "Run not found");
    const scoped = scopedUserId(c);
    if (scoped !== undefined && (run.user_id ?? record.user_id ?? "") !== scoped) {
      throw httpError(404, "Run not found");
    }
    if (run.status !== "PAUSED") throw httpError(409, notContinuable(run.status));
    if (kind.continueUnavailable) throw httpError(501, kind.continueUnavailable);
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
    const owner = runOwner(kind.type, component.id, sessionId, userId);
    const release = runOwners.track(runId, owner);
    try {
      if (background) {
        runInBackground(`Continued run ${runId} of ${kind.lower} "${component.id}"`, () =>
          outputOf(component.continueRun({ ...options, stream: false })).finally(release),
        );
        return c.json({ run_id: runId, session_id: sessionId, status: "RUNNING" }, 202);
      }
      if (stream) {
        const streamEvents = kwargs.streamEvents ?? true;
        // The continued run's events restart the run's buffer.
        await buffer.open(runId, owner);
        return streamedRun(
          c,
          (signal) =>
            streamOf(component.continueRun({ ...options, stream: true, streamEvents, signal })),
          {
            runId,
            release,
            errorEvent: (error) => kind.errorEvent(component, runId, sessionId, error, c),
            buffer,
          },
        );
      }
      return await jsonRun(
        c,
        outputOf(component.continueRun({ ...options, stream: false })),
        release,
      );
    } catch (error) {
      release();
      throw error;
    }
  };
}
