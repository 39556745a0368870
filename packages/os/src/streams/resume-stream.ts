import { formatSseEvent } from "../http/sse.js";
import { indexedEvent } from "./buffered-events.js";
import type { BufferedEvent, BufferedRun, RunEventBuffer } from "./run-event-buffer.js";

type Event = Record<string, unknown>;

const encoder = new TextEncoder();
const HEARTBEAT = ": heartbeat\n\n";

/** The run statuses of the replay meta events, as stored runs name them. */
const RUN_STATUS = {
  running: "RUNNING",
  completed: "COMPLETED",
  error: "ERROR",
  cancelled: "CANCELLED",
  paused: "PAUSED",
} as const;

/**
 * A `text/event-stream` response of SSE `frames`, with a `: heartbeat` comment after every
 * `heartbeatMs` of silence. When the client goes away, the frames are left (`return`).
 */
export function heartbeatResponse(frames: AsyncIterable<string>, heartbeatMs: number): Response {
  const iterator = frames[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<string>> | undefined;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      pending ??= iterator.next();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const beat = new Promise<"beat">((resolve) => {
        timer = setTimeout(() => resolve("beat"), heartbeatMs);
      });
      try {
        const next = await Promise.race([pending, beat]);
        if (next === "beat") {
          controller.enqueue(encoder.encode(HEARTBEAT));
          return;
        }
        pending = undefined;
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        controller.error(error);
      } finally {
        clearTimeout(timer);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(body, {
    status: 200,
    headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
  });
}

function frame(event: Event): string {
  return formatSseEvent(event);
}

/** A finished run still buffered: `replay`, then its held events after `afterIndex`. */
export function* replayBuffered(runId: string, held: BufferedRun, afterIndex: number) {
  const status = RUN_STATUS[held.status];
  yield frame({
    event: "replay",
    run_id: runId,
    status,
    total_events: held.total,
    total_buffered: held.events.length,
    last_event_index_requested: afterIndex,
    message: `Run ${runId} has ended (${status}). Replaying ${held.events.length} buffered events after event ${afterIndex}.`,
  });
  for (const { event, index } of held.events) yield frame(indexedEvent(event, index, runId));
}

/** A stored run: `replay`, then its stored events (`event_index` is their position). */
export function* replayStored(runId: string, status: unknown, events: Event[]) {
  const total = events.length;
  yield frame({
    event: "replay",
    run_id: runId,
    status: status ?? "UNKNOWN",
    total_events: total,
    message:
      total > 0
        ? `Run ${runId} is no longer buffered. Replaying ${total} events from the database.`
        : `Run ${runId} is no longer buffered and has no stored events.`,
  });
  for (const [index, event] of events.entries()) yield frame(indexedEvent(event, index, runId));
}

/** The reference's answer for a run found nowhere. */
export function* notFoundAnywhere(runId: string) {
  yield frame({ event: "error", error: `Run ${runId} not found in buffer or database` });
}

/**
 * A run still going: `catch_up` and the held events after `afterIndex`, then `subscribed` and
 * its live events (each once, by index) until it ends. If it ended meanwhile, a `replay`.
 */
export async function* followLive(
  buffer: RunEventBuffer,
  runId: string,
  afterIndex: number,
): AsyncGenerator<string> {
  const queue: BufferedEvent[] = [];
  let ended = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const unsubscribe = buffer.subscribe(runId, {
    event: (e) => {
      queue.push(e);
      notify();
    },
    end: () => {
      ended = true;
      notify();
    },
  });
  try {
    const held = await buffer.read(runId, afterIndex);
    if (!held) return;
    if (held.status !== "running") {
      yield* replayBuffered(runId, held, afterIndex);
      return;
    }
    let last = afterIndex;
    yield frame({
      event: "catch_up",
      run_id: runId,
      status: "running",
      missed_events: held.events.length,
      current_event_count: held.total,
      message: `Run ${runId} is running. Sending ${held.events.length} missed events after event ${afterIndex}.`,
    });
    for (const { event, index } of held.events) {
      last = index;
      yield frame(indexedEvent(event, index, runId));
    }
    yield frame({
      event: "subscribed",
      run_id: runId,
      status: "running",
      current_event_count: held.total,
      message: `Subscribed to run ${runId}: live events follow.`,
    });
    for (;;) {
      const next = queue.shift();
      if (next) {
        if (next.index <= last) continue;
        last = next.index;
        yield frame(indexedEvent(next.event, next.index, runId));
        continue;
      }
      if (ended) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    unsubscribe();
  }
}
