import type { Context } from "hono";
import { detach, sseResponse } from "../http/sse.js";

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

/** What the three answers of a run need: its id, its owner's release, its terminal error event. */
export interface RunAnswer {
  runId: string;
  release: () => void;
  errorEvent: (error: unknown) => Record<string, unknown>;
}

/**
 * The SSE answer of a run started with `start(signal)`: a client that goes away cancels it (the
 * run records its cancellation); the owner is released when the stream ended.
 */
export function streamedRun(
  c: Context,
  start: (signal: AbortSignal) => Events,
  run: RunAnswer,
): Response {
  const controller = new AbortController();
  return sseResponse(releasingAfter(start(controller.signal), run.release), {
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
  return sseResponse(detach(releasingAfter(events, run.release)), {
    errorEvent: run.errorEvent,
    decorate: (event, index) => ({
      ...event,
      event_index: index,
      run_id: event.run_id ?? run.runId,
    }),
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
