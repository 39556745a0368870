const encoder = new TextEncoder();

/** One SSE frame: `event: <name>\ndata: <compact json>\n\n` (no ids, no sentinel), as the reference. */
export function formatSseEvent(event: Record<string, unknown>): string {
  const name = typeof event.event === "string" && event.event ? event.event : "message";
  return `event: ${name}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** Options of {@link sseResponse}. */
export interface SseOptions {
  /** Called once when the client goes away before the stream ended. */
  onDisconnect?: () => void;
  /** The terminal event sent when the event source throws. */
  errorEvent: (error: unknown) => Record<string, unknown>;
  /** The request's signal: its abort (client gone) counts as a disconnect. */
  signal?: AbortSignal;
  /** Added to every event (resumable background streams add `event_index` and `run_id`). */
  decorate?: (event: Record<string, unknown>, index: number) => Record<string, unknown>;
}

/**
 * A `text/event-stream` response of `events`, pulled as the client reads (backpressure). When
 * the client goes away, `onDisconnect` is called (where the caller cancels its run) and the
 * source is still read to its end, so that the run can record its cancellation. A throw from
 * the source ends the stream with one `errorEvent`.
 */
export function sseResponse(
  events: AsyncIterable<Record<string, unknown>>,
  options: SseOptions,
): Response {
  const iterator = events[Symbol.asyncIterator]();
  let index = 0;
  let finished = false;
  let disconnected = false;
  const frame = (event: Record<string, unknown>) => {
    const decorated = options.decorate ? options.decorate(event, index) : event;
    index++;
    return encoder.encode(formatSseEvent(decorated));
  };
  const finish = () => {
    finished = true;
    options.signal?.removeEventListener("abort", disconnect);
  };
  function disconnect() {
    if (finished || disconnected) return;
    disconnected = true;
    options.signal?.removeEventListener("abort", disconnect);
    options.onDisconnect?.();
    void (async () => {
      try {
        for (;;) if ((await iterator.next()).done) break;
      } catch {
        // the run's own error handling has recorded it
      }
    })();
  }
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (disconnected) return;
      let chunk: Uint8Array | undefined;
      let done = false;
      try {
        const next = await iterator.next();
        if (next.done) done = true;
        else chunk = frame(next.value);
      } catch (error) {
        chunk = frame(options.errorEvent(error));
        done = true;
      }
      if (disconnected) return;
      try {
        if (chunk) controller.enqueue(chunk);
        if (done) {
          finish();
          controller.close();
        }
      } catch {
        disconnect();
      }
    },
    cancel() {
      disconnect();
    },
  });
  options.signal?.addEventListener("abort", disconnect, { once: true });
  return new Response(body, {
    status: 200,
    headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
  });
}

/**
 * Reads `source` to its end in the background, whoever listens: the returned iterable yields its
 * items while it is read, and stops listening (without stopping the source) when abandoned.
 * Used for background streams, which survive a client disconnect.
 */
export function detach<T>(source: AsyncIterable<T>): AsyncIterable<T> {
  const buffer: T[] = [];
  let done = false;
  let failure: { error: unknown } | undefined;
  let listening = true;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  void (async () => {
    try {
      for await (const item of source) {
        if (listening) buffer.push(item);
        notify();
      }
    } catch (error) {
      failure = { error };
    } finally {
      done = true;
      notify();
    }
  })();
  return {
    async *[Symbol.asyncIterator]() {
      try {
        for (;;) {
          if (buffer.length > 0) {
            yield buffer.shift() as T;
            continue;
          }
          if (done) {
            if (failure) throw failure.error;
            return;
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
        }
      } finally {
        listening = false;
        buffer.length = 0;
      }
    },
  };
}
