import type { Context } from "hono";
import { detach, sseResponse } from "../http/sse.js";
import { bufferedEvents, indexedEvent } from "../streams/buffered-events.js";
import type { RunEventBuffer } from "../streams/run-event-buffer.js";

/** `events`, with the run's owner released once the stream ended, however it ended. */
async function* releasingAfter<T>(
  events: AsyncIterable<T>,
  release: () => void,
): AsyncGenerator<T> {
  try {
    yield* events;
  } finally {
    release();
  }
}

type Events = AsyncIterable<Record<string, unknown>>;

/**
 * What the answers of a run need: its id, its owner's release, its terminal error event, and the
 * buffer its streamed events are kept in (opened for the run by the caller).
 */
export interface RunAnswer {
  runId: string;
  release: () => void;
  errorEvent: (error: unknown) => Record<string, unknown>;
  buffer: RunEventBuffer;
}

async function* plain(
  events: AsyncIterable<{ event: Record<string, unknown> }>,
): AsyncGenerator<Record<string, unknown>> {
  for await (const { event } of events) yield event;
}

async function* indexed(
  events: AsyncIterable<{ event: Record<string, unknown>; index: number }>,
  runId: string,
): AsyncGenerator<Record<string, unknown>> {
  for await (const { event, index } of events) yield indexedEvent(event, index, runId);
}

/** Reads a background run's events to their end (into its buffer), with nobody listening. */
export async function drainBuffered(events: Events, run: RunAnswer): Promise<void> {
  for await (const _ of releasingAfter(bufferedEvents(events, run), run.release)) {
    // the buffer keeps them
  }
}

/**
 * The SSE answer of a run started with `start(signal)`: a client that goes away cancels it (the
 * run records its cancellation); the owner is released when the stream ended. The events are
 * buffered (a resume replays them) but, as in the reference, carry no `event_index` here.
 */
export function streamedRun(
  c: Context,
  start: (signal: AbortSignal) => Events,
  run: RunAnswer,
): Response {
  const controller = new AbortController();
  const events = plain(bufferedEvents(start(controller.signal), run));
  return sseResponse(releasingAfter(events, run.release), {
    signal: c.req.raw.signal,
    onDisconnect: () => controller.abort(`Run ${run.runId} was cancelled: the client disconnected`),
    errorEvent: run.errorEvent,
  });
}

/**
 * The SSE answer of a background run: the run goes on when the client goes away, and each event
 * carries its `event_index` and the `run_id`.
 */
export function detachedRun(events: Events, run: RunAnswer): Response {
  const source = indexed(bufferedEvents(events, run), run.runId);
  return sseResponse(detach(releasingAfter(source, run.release)), {
    errorEvent: run.errorEvent,
  });
}

/** The JSON answer of a run: its output, once finished; the owner is released however it ended. */
export async function jsonRun(
  c: Context,
  output: Promise<{ toDict(): Record<string, unknown> }>,
  release: () => void,
): Promise<Response> {
  try {
    return c.json((await output).toDict());
  } finally {
    release();
  }
}
