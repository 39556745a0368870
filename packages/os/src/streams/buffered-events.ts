import type { RunEventBuffer } from "./run-event-buffer.js";
import { statusOfLastEvent } from "./run-event-buffer.js";

type Event = Record<string, unknown>;

/** What {@link bufferedEvents} needs of a run. */
export interface BufferedSource {
  runId: string;
  buffer: RunEventBuffer;
  /** The terminal event of a run whose events threw. */
  errorEvent: (error: unknown) => Event;
}

/**
 * The run's events, each appended to the run's buffer as it passes, with its `event_index` and
 * the `run_id` (when the event names none). A throw ends the events with one `errorEvent`
 * (buffered too); the run's buffer is finished however the events ended.
 */
export async function* bufferedEvents(
  events: AsyncIterable<Event>,
  run: BufferedSource,
): AsyncGenerator<{ event: Event; index: number }> {
  const { runId, buffer } = run;
  let last: unknown;
  let failed = false;
  let ended: "cancelled" | "error" | undefined;
  try {
    try {
      for await (const raw of events) {
        const event: Event = { ...raw, run_id: raw.run_id ?? runId };
        const index = await buffer.append(runId, event);
        last = event.event;
        // The run's own end (a cancelled run may still be followed by its RunCompleted).
        if (event.run_id === runId && !event.parent_run_id) {
          const status = statusOfLastEvent(event.event);
          if (status === "cancelled" || status === "error") ended = status;
        }
        yield { event: raw, index };
      }
    } catch (error) {
      failed = true;
      const event = run.errorEvent(error);
      const index = await buffer.append(runId, { ...event, run_id: event.run_id ?? runId });
      yield { event, index };
    }
  } finally {
    await buffer.finish(runId, failed ? "error" : (ended ?? statusOfLastEvent(last)));
  }
}

/** The frame of a buffered event on a resumable stream: the event, its index and run id. */
export function indexedEvent(event: Event, index: number, runId: string): Event {
  return { ...event, event_index: index, run_id: event.run_id ?? runId };
}
