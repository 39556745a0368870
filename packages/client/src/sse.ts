/** One server-sent event: its name (`event:` field, `"message"` by default) and its data. */
export interface SseMessage {
  event: string;
  data: string;
  id?: string;
}

/**
 * An incremental parser of the `text/event-stream` format. Feed it text in chunks of any size
 * (split anywhere, including between `\r` and `\n`); it returns the events each chunk completes.
 * Comments (`: heartbeat`) are skipped; several `data:` lines join with `\n`.
 *
 * @example
 * const parser = new SseParser();
 * parser.feed("event: RunContent\ndata: {\"content\":\"Hi\"}\n");
 * parser.feed("\n"); // -> [{ event: "RunContent", data: "{\"content\":\"Hi\"}" }]
 */
export class SseParser {
  #buffer = "";
  #skipLeadingLf = false;
  #event = "";
  #data: string[] = [];
  #id: string | undefined;
  #started = false;

  /** Parses a chunk of text; returns the events it completes. */
  feed(chunk: string): SseMessage[] {
    const out: SseMessage[] = [];
    let text = chunk;
    if (!this.#started && text.length > 0) {
      this.#started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.#skipLeadingLf && text.length > 0) {
      this.#skipLeadingLf = false;
      if (text[0] === "\n") text = text.slice(1);
    }
    const buffer = this.#buffer + text;
    let start = 0;
    for (let i = 0; i < buffer.length; i++) {
      const ch = buffer[i];
      if (ch !== "\n" && ch !== "\r") continue;
      this.#line(buffer.slice(start, i), out);
      if (ch === "\r") {
        if (i + 1 < buffer.length) {
          if (buffer[i + 1] === "\n") i++;
        } else {
          this.#skipLeadingLf = true;
        }
      }
      start = i + 1;
    }
    this.#buffer = buffer.slice(start);
    return out;
  }

  /**
   * Ends the stream. An event without its terminating blank line is incomplete and dropped, as
   * the SSE specification says.
   */
  end(): SseMessage[] {
    this.#buffer = "";
    this.#reset();
    return [];
  }

  #line(line: string, out: SseMessage[]): void {
    if (line === "") {
      if (this.#data.length > 0) {
        const message: SseMessage = {
          event: this.#event || "message",
          data: this.#data.join("\n"),
        };
        if (this.#id !== undefined) message.id = this.#id;
        out.push(message);
      }
      this.#reset();
      return;
    }
    if (line.charCodeAt(0) === 0x3a) return; // ":" comment
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.charCodeAt(0) === 0x20) value = value.slice(1);
    switch (field) {
      case "event":
        this.#event = value;
        break;
      case "data":
        this.#data.push(value);
        break;
      case "id":
        if (!value.includes("\0")) this.#id = value;
        break;
      default:
        break; // "retry" and unknown fields do not matter to a one-shot stream
    }
  }

  #reset(): void {
    this.#event = "";
    this.#data = [];
  }
}

/**
 * Reads a byte stream of server-sent events, yielding each event as it completes. UTF-8
 * characters split across chunks are decoded correctly. `hooks` run around each read (to arm
 * an idle timeout only while waiting for the server). Returning early (a `break` in
 * `for await`) cancels the underlying stream.
 */
export async function* readSse(
  body: ReadableStream<Uint8Array>,
  hooks: { beforeRead?: () => void; afterRead?: () => void; signal?: AbortSignal } = {},
): AsyncGenerator<SseMessage> {
  const reader = body.getReader();
  const decoder = new TextDecoder("utf-8");
  const parser = new SseParser();
  const { signal } = hooks;
  let onAbort: (() => void) | undefined;
  // A pending read ends when the signal aborts, whatever the fetch implementation does.
  const aborted = new Promise<never>((_resolve, reject) => {
    if (!signal) return;
    onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  });
  aborted.catch(() => {});
  let done = false;
  try {
    for (;;) {
      hooks.beforeRead?.();
      const next = signal ? await Promise.race([reader.read(), aborted]) : await reader.read();
      hooks.afterRead?.();
      if (next.done) {
        done = true;
        const tail = decoder.decode();
        if (tail) yield* parser.feed(tail);
        yield* parser.end();
        return;
      }
      const events = parser.feed(decoder.decode(next.value, { stream: true }));
      for (const event of events) yield event;
    }
  } finally {
    if (onAbort) signal?.removeEventListener("abort", onAbort);
    if (!done) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}
