import type { Component } from "@agno/core";
import { type AppContext, scopedUserId } from "../env.js";
import { httpError } from "../errors.js";
import { remoteFor } from "../gateway/proxy.js";
import { RequestBody } from "../http/body.js";
import { validationError } from "../http/validation.js";
import type { Registry } from "../registry.js";
import {
  followLive,
  heartbeatResponse,
  notFoundAnywhere,
  replayBuffered,
  replayStored,
} from "../streams/resume-stream.js";
import type { RunEventBuffer } from "../streams/run-event-buffer.js";
import type { RunKind } from "./run-kinds.js";
import type { RunOwner } from "./run-owners.js";
import { lookupEntry, readableSession } from "./run-support.js";

/** What the resume route needs besides the registry and the kind. */
export interface ResumeOptions {
  buffer: RunEventBuffer;
  /** Milliseconds of silence after which a followed stream sends `: heartbeat`. */
  heartbeatMs: number;
}

/** `last_event_index`: an integer (0-based; -1 or absent replays from the first event). */
function readLastEventIndex(body: RequestBody): number {
  const raw = body.get("last_event_index");
  if (raw === undefined || raw === null || raw === "") return -1;
  const text = typeof raw === "number" ? String(raw) : raw;
  if (typeof text !== "string" || !/^\s*[-+]?\d+\s*$/.test(text)) {
    throw validationError([
      {
        type: typeof raw === "string" ? "int_parsing" : "int_type",
        loc: ["body", "last_event_index"],
        msg:
          typeof raw === "string"
            ? "Input should be a valid integer, unable to parse string as an integer"
            : "Input should be a valid integer",
        input: raw,
      },
    ]);
  }
  return Math.max(-1, Number.parseInt(text, 10));
}

/**
 * `POST /<kind>/{id}/runs/{run_id}/resume`: the events of a run after `last_event_index`, as SSE.
 * A run still going is caught up then followed live; a finished run still buffered is replayed
 * from the buffer; any other run from its stored events (the named session's). The caller must
 * own the run: another user's run, another component's, or an unknown one answers 404 "Run not
 * found" to a caller confined to its data. Factories and remote components answer 400.
 */
export function resumeRunHandler(registry: Registry, kind: RunKind, options: ResumeOptions) {
  const { buffer, heartbeatMs } = options;
  return async (c: AppContext): Promise<Response> => {
    if (remoteFor(c, registry, kind, "run")) {
      throw httpError(400, `Stream resumption is not supported for remote ${kind.plural}`);
    }
    const entry = lookupEntry<Component>(c, registry, kind, "run");
    const runId = c.req.param("run_id") ?? "";
    const body = await RequestBody.read(c);
    const afterIndex = readLastEventIndex(body);
    const sessionId = body.string("session_id") || undefined;
    const scoped = scopedUserId(c);
    if (scoped !== undefined && !sessionId) {
      throw httpError(400, "session_id is required for this action");
    }
    const notFound = () => httpError(404, "Run not found");
    const unsupported = () =>
      httpError(400, `Stream resumption is not supported for factory ${kind.plural}`);
    const owns = (owner: RunOwner) =>
      owner.kind === kind.type &&
      owner.componentId === entry.id &&
      (scoped === undefined || (owner.userId ?? "") === scoped) &&
      (sessionId === undefined || owner.sessionId === sessionId);
    const answer = (frames: Iterable<string> | AsyncIterable<string>) =>
      heartbeatResponse(toAsync(frames), heartbeatMs);

    const held = await buffer.read(runId, afterIndex);
    if (held && owns(held.owner)) {
      if (entry.factory) throw unsupported();
      if (held.status === "running") return answer(followLive(buffer, runId, afterIndex));
      return answer(replayBuffered(runId, held, afterIndex));
    }
    if (!sessionId) {
      if (entry.factory) throw unsupported();
      return answer(notFoundAnywhere(runId));
    }
    const db = entry.factory ? entry.factory.db : entry.component.db;
    const record = await readableSession(c, kind, { id: entry.id, db }, sessionId, "Run not found");
    const run = (record.runs ?? []).find((r) => r.run_id === runId && kind.ownsRun(r, entry.id));
    if (!run || (scoped !== undefined && (run.user_id ?? record.user_id ?? "") !== scoped)) {
      if (scoped !== undefined) throw notFound();
      if (entry.factory) throw unsupported();
      return answer(notFoundAnywhere(runId));
    }
    if (entry.factory) throw unsupported();
    const events = Array.isArray(run.events) ? (run.events as Array<Record<string, unknown>>) : [];
    return answer(replayStored(runId, run.status, events));
  };
}

async function* toAsync<T>(items: Iterable<T> | AsyncIterable<T>): AsyncGenerator<T> {
  yield* items;
}
