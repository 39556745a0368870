import { describe, expect, it } from "vitest";
import { readSse, type SseMessage, SseParser } from "./sse.js";

const encoder = new TextEncoder();

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

async function collect(chunks: Uint8Array[]): Promise<SseMessage[]> {
  const out: SseMessage[] = [];
  for await (const message of readSse(streamOf(chunks))) out.push(message);
  return out;
}

/** The AgentOS framing (`event: X\ndata: <json>\n\n`), with multi-byte characters. */
const events = [
  { event: "RunStarted", run_id: "r1", model: "test" },
  { event: "RunContent", content: "Olá, ça va? 日本語 🚀" },
  { event: "RunContent", content: 'line1\nline2 "quoted"' },
  { event: "RunCompleted", content: "Olá, ça va? 日本語 🚀line1\nline2" },
];
const wire = events.map((e) => `event: ${e.event}\ndata: ${JSON.stringify(e)}\n\n`).join("");
const expected = events.map((e) => ({ event: e.event, data: JSON.stringify(e) }));

describe("SseParser", () => {
  it("parses the AgentOS framing in one chunk", () => {
    const parser = new SseParser();
    expect(parser.feed(wire)).toEqual(expected);
  });

  it("accepts \\r\\n and \\r line endings, comments, and default event names", () => {
    const parser = new SseParser();
    const text =
      ": heartbeat\r\n\r\nevent: A\r\ndata: 1\r\n\r\ndata: 2\rdata: 3\r\r" + "event:B\ndata:x\n\n";
    expect(parser.feed(text)).toEqual([
      { event: "A", data: "1" },
      { event: "message", data: "2\n3" },
      { event: "B", data: "x" },
    ]);
  });

  it("keeps \\r\\n as one line break when split between \\r and \\n", () => {
    const parser = new SseParser();
    const out = [
      ...parser.feed("event: A\r"),
      ...parser.feed("\ndata: 1\r"),
      ...parser.feed("\n\r"),
      ...parser.feed("\n"),
    ];
    expect(out).toEqual([{ event: "A", data: "1" }]);
  });

  it("drops an event left without its blank line when the stream ends", () => {
    const parser = new SseParser();
    expect(parser.feed("event: A\ndata: 1\n")).toEqual([]);
    expect(parser.end()).toEqual([]);
  });

  it("ignores a leading byte order mark and events without data", () => {
    const parser = new SseParser();
    expect(parser.feed("\ufeffevent: A\n\nevent: B\ndata: ok\n\n")).toEqual([
      { event: "B", data: "ok" },
    ]);
  });
});

describe("readSse", () => {
  const bytes = encoder.encode(wire);
  const crlfBytes = encoder.encode(wire.replaceAll("\n", "\r\n"));

  it("yields the same events for every split of the bytes into two chunks", async () => {
    for (const source of [bytes, crlfBytes]) {
      for (let i = 0; i <= source.length; i++) {
        const got = await collect([source.slice(0, i), source.slice(i)]);
        expect(got, `split at byte ${i}`).toEqual(expected);
      }
    }
  });

  it("yields the same events when every byte is its own chunk", async () => {
    for (const source of [bytes, crlfBytes]) {
      const chunks = Array.from(source, (b) => Uint8Array.of(b));
      expect(await collect(chunks)).toEqual(expected);
    }
  });

  it("yields the same events for every split into three chunks around a multi-byte character", async () => {
    const rocket = wire.indexOf("🚀");
    const start = encoder.encode(wire.slice(0, rocket)).length - 2;
    for (let i = start; i < start + 8; i++) {
      for (let j = i; j < start + 12; j++) {
        const got = await collect([bytes.slice(0, i), bytes.slice(i, j), bytes.slice(j)]);
        expect(got).toEqual(expected);
      }
    }
  });

  it("yields each event as soon as its chunk arrives", async () => {
    let push!: (chunk: string) => void;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (chunk) => controller.enqueue(encoder.encode(chunk));
      },
    });
    const it = readSse(body);
    push("event: A\ndata: 1\n\n");
    expect((await it.next()).value).toEqual({ event: "A", data: "1" });
    push("event: B\ndata: 2\n");
    push("\n");
    expect((await it.next()).value).toEqual({ event: "B", data: "2" });
    await it.return(undefined);
  });

  it("cancels the body when the reader stops early", async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode("event: A\ndata: 1\n\n"));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const _ of readSse(body)) break;
    expect(cancelled).toBe(true);
  });
});
