import { AgnoClientError } from "./errors.js";
import type { OutputBuilder } from "./output-builder.js";
import { readSse } from "./sse.js";
import type { OpenResponse } from "./transport.js";

/** Opens the streaming request; the signal aborts it. */
export type StreamOpener = (signal: AbortSignal) => Promise<OpenResponse>;

/** Opens `POST .../runs/{run_id}/resume` for the run, after the last event received. */
export type StreamResumer = (
  runId: string,
  lastEventIndex: number,
  sessionId: string | undefined,
  signal: AbortSignal,
) => Promise<OpenResponse>;

/** Reconnections tried in a row (without an event in between) before the stream fails. */
const MAX_RECONNECTS = 3;
/** The meta events of a resumed stream, which are no events of the run. */
const RESUME_META = new Set(["replay", "catch_up", "subscribed"]);

/**
 * A streamed run: an async iterable (and iterator) of the run's events, parsed from the
 * AgentOS's server-sent events as they arrive. The request starts on the first `next()`.
 *
 * - `runId` / `sessionId` are known once the run's first event arrived.
 * - `output` resolves, once the stream has been read to its end, to the run's output built from
 *   its events (as a non-streamed run would answer); it rejects if the stream breaks or is left.
 * - Leaving the loop early (`break`, `return`, a throw) or `abort()` aborts the request.
 * - When the connection drops mid-run and the events carry `event_index` (background runs and
 *   resumed streams), the stream reconnects through `/resume` after the last event received and
 *   goes on, each event once (unless `reconnect: false` was asked).
 *
 * @example
 * const stream = client.runAgentStream("assistant", "Tell me a story");
 * for await (const event of stream) {
 *   if (event.event === "RunContent") process.stdout.write(String(event.content ?? ""));
 * }
 * const output = await stream.output;
 */
export class RunStream<TEvent, TOutput> implements AsyncIterableIterator<TEvent> {
  /** The run's output, once the stream has been read to its end. */
  readonly output: Promise<TOutput>;
  readonly #open: StreamOpener;
  readonly #resume: StreamResumer | undefined;
  readonly #builder: OutputBuilder<TOutput>;
  readonly #controller = new AbortController();
  #settle!: { resolve: (output: TOutput) => void; reject: (error: unknown) => void };
  #iterator: AsyncGenerator<TEvent, void, unknown> | undefined;
  #unlink: (() => void) | undefined;

  constructor(
    open: StreamOpener,
    builder: OutputBuilder<TOutput>,
    signal?: AbortSignal,
    resume?: StreamResumer,
  ) {
    this.#open = open;
    this.#resume = resume;
    this.#builder = builder;
    this.output = new Promise<TOutput>((resolve, reject) => {
      this.#settle = { resolve, reject };
    });
    this.output.catch(() => {});
    if (signal) {
      const onAbort = () => this.#controller.abort(signal.reason);
      if (signal.aborted) onAbort();
      else {
        signal.addEventListener("abort", onAbort, { once: true });
        this.#unlink = () => signal.removeEventListener("abort", onAbort);
      }
    }
  }

  /** The run's id, once the server named it (after the first event). */
  get runId(): string | undefined {
    return this.#builder.runId;
  }

  /** The run's session id, once the server named it. */
  get sessionId(): string | undefined {
    return this.#builder.sessionId;
  }

  /** Aborts the request (the server cancels the run when its client disconnects). */
  abort(reason?: unknown): void {
    this.#controller.abort(reason);
  }

  next(): Promise<IteratorResult<TEvent, void>> {
    return this.#events().next();
  }

  return(): Promise<IteratorResult<TEvent, void>> {
    return this.#events().return(undefined);
  }

  throw(error?: unknown): Promise<IteratorResult<TEvent, void>> {
    return this.#events().throw(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  #events(): AsyncGenerator<TEvent, void, unknown> {
    this.#iterator ??= this.#run();
    return this.#iterator;
  }

  async *#run(): AsyncGenerator<TEvent, void, unknown> {
    let open: OpenResponse | undefined;
    let ended = false;
    let received = 0;
    let lastIndex: number | undefined;
    let reconnects = 0;
    const signal = this.#controller.signal;
    try {
      open = await this.#open(signal);
      for (;;) {
        const body: ReadableStream<Uint8Array> | null = open.response.body;
        if (!body) break;
        const hooks = { beforeRead: open.touch, afterRead: open.pause, signal };
        try {
          for await (const message of readSse(body, hooks)) {
            const event = parseEvent(message.event, message.data);
            if (event === undefined || RESUME_META.has(String(event.event))) continue;
            if (event.event === "error" && typeof event.error === "string" && !event.run_id) {
              throw new AgnoClientError(event.error, { code: "resume_failed" });
            }
            const index = event.event_index;
            if (typeof index === "number") {
              if (lastIndex !== undefined && index <= lastIndex) continue;
              lastIndex = index;
              reconnects = 0;
            }
            received++;
            this.#builder.add(event);
            yield event as TEvent;
          }
          break;
        } catch (error) {
          const runId = this.runId;
          const resumable =
            this.#resume !== undefined &&
            AgnoClientError.isInstance(error) === false &&
            !signal.aborted &&
            !this.#builder.finished &&
            lastIndex !== undefined &&
            runId !== undefined &&
            reconnects < MAX_RECONNECTS;
          if (!resumable || !this.#resume || runId === undefined || lastIndex === undefined) {
            throw open.mapError(error);
          }
          reconnects++;
          open.close();
          open = await this.#resume(runId, lastIndex, this.sessionId, signal);
        }
      }
      ended = true;
      if (!this.#builder.finished && received > 0) {
        // A content-only stream (`streamEvents: false`) has no RunCompleted: errors, pauses and
        // cancellations are always streamed, so a stream that ends cleanly without them completed.
        this.#builder.complete();
      }
      if (this.#builder.finished) this.#settle.resolve(this.#builder.build());
      else
        this.#settle.reject(
          new AgnoClientError("The AgentOS stream ended without any event of the run.", {
            code: "incomplete_stream",
          }),
        );
    } catch (error) {
      this.#settle.reject(error);
      throw error;
    } finally {
      if (!ended) {
        this.#controller.abort();
        open?.abort();
      }
      open?.close();
      this.#unlink?.();
      if (!ended) {
        this.#settle.reject(
          new AgnoClientError("The stream was closed before the run finished.", {
            code: "stream_closed",
          }),
        );
      }
    }
  }
}

/** Parses one SSE message into an event object (its `event` filled from the SSE name). */
export function parseEvent(name: string, data: string): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch (error) {
    throw new AgnoClientError(
      `The AgentOS sent an event "${name}" whose data is not JSON: ${data.slice(0, 100)}`,
      { code: "invalid_event", cause: error },
    );
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const event = value as Record<string, unknown>;
  if (typeof event.event !== "string" && name !== "message") return { event: name, ...event };
  return event;
}
