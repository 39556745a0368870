import { request as httpRequest } from "node:http";
import { Agent, InMemoryDb, TestModel } from "@agno/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AgentOS } from "../agent-os.js";
import { DEFAULT_LIMITS } from "../http/limits.js";
import type { AgentOSServer } from "../options.js";
import { form, serveOnLoopback } from "../test-helpers.js";

const MIB = 1024 * 1024;
const db = new InMemoryDb({ id: "limits-db" });
const os = new AgentOS({
  id: "limits-os",
  db,
  agents: [new Agent({ id: "echo", model: new TestModel(), db })],
});
const app = os.getApp();
let server: AgentOSServer;

beforeAll(async () => {
  server = await serveOnLoopback(os);
});
afterAll(async () => {
  await server.close();
});

interface SentBody {
  status: number;
  body: string;
  /** Bytes the client managed to write before the answer came. */
  written: number;
}

/**
 * POSTs `total` bytes of a multipart body over a real socket, written in 64 KiB chunks of one
 * reused buffer (the client allocates nothing per chunk), with or without a Content-Length.
 */
function sendHugeMultipart(
  path: string,
  total: number,
  chunked: boolean,
  /** Keep writing the whole body after the answer came, as a hostile client would. */
  stubborn = false,
): Promise<SentBody> {
  const boundary = "----agnoLimitBoundary";
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="message"\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const chunk = Buffer.alloc(64 * 1024, "a");
  const headers: Record<string, string | number> = {
    "content-type": `multipart/form-data; boundary=${boundary}`,
  };
  if (!chunked) headers["content-length"] = total;
  return new Promise((resolve, reject) => {
    const url = new URL(path, server.url);
    let written = 0;
    let answered = false;
    const req = httpRequest(url, { method: "POST", headers }, (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => {
        body += d;
      });
      res.on("end", () => {
        const answer = () => resolve({ status: res.statusCode ?? 0, body, written });
        if (!stubborn || finished) answer();
        else req.once("finish", answer).once("close", answer);
      });
    });
    let finished = false;
    req.on("error", (error) => {
      if (!answered) reject(error);
      finished = true;
    });
    const write = () => {
      if (written === 0) {
        req.write(head);
        written += head.length;
      }
      while ((stubborn || !answered) && !finished && written < total - tail.length) {
        const n = Math.min(chunk.length, total - tail.length - written);
        written += n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          req.once("drain", write);
          return;
        }
      }
      if (!finished)
        req.end(answered && !stubborn ? undefined : tail, () => {
          finished = true;
        });
    };
    write();
  });
}

const rssMiB = () => process.memoryUsage().rss / MIB;

describe("defect 1: no request size limit", () => {
  it("answers a 100 MB multipart body with 413 and stays within 50 MiB of its idle RSS", async () => {
    // Warm up the route so first-request allocations are not counted.
    await app.request("/agents/echo/runs", {
      method: "POST",
      body: form({ message: "hi", stream: "false" }),
    });
    globalThis.gc?.();
    const idle = rssMiB();
    let peak = idle;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMiB());
    }, 5);
    try {
      const sized = await sendHugeMultipart("/agents/echo/runs", 100 * 1000 * 1000, false, true);
      expect(sized.status).toBe(413);
      expect(JSON.parse(sized.body).detail).toMatch(
        /request body exceeds the limit of 10 MiB.*limits\.maxBodyBytes/,
      );
      const streamed = await sendHugeMultipart("/agents/echo/runs", 100 * 1000 * 1000, true);
      expect(streamed.status).toBe(413);
      expect(JSON.parse(streamed.body).detail).toMatch(/maxBodyBytes/);
      // Refused while streaming: far less than the whole body was read.
      expect(streamed.written).toBeLessThan(100 * 1000 * 1000);
    } finally {
      clearInterval(sampler);
    }
    expect(peak - idle).toBeLessThan(50);
    // The server is still up and serving.
    const ok = await fetch(`${server.url}/health`);
    expect(ok.status).toBe(200);
  });

  it("refuses a 10 MB message (under the body limit) with 413 naming the field, and stores nothing", async () => {
    const before = (await db.getSessions({})).total;
    const res = await fetch(`${server.url}/agents/echo/runs`, {
      method: "POST",
      body: form({ message: "m".repeat(10_000_000), stream: "false" }),
    });
    expect(res.status).toBe(413);
    const { detail } = (await res.json()) as { detail: string };
    expect(detail).toContain('"message"');
    expect(detail).toContain(`${DEFAULT_LIMITS.maxMessageChars} characters`);
    expect(detail).toContain("limits.maxMessageChars");
    expect(detail.length).toBeLessThan(300);
    expect((await db.getSessions({})).total).toBe(before);
  });
});

describe("configurable limits", () => {
  const small = new AgentOS({
    id: "small-limits",
    agents: [new Agent({ id: "echo", model: new TestModel() })],
    limits: {
      maxBodyBytes: 4096,
      maxFileBytes: 100,
      maxFiles: 2,
      maxFormFields: 8,
      maxMessageChars: 50,
      maxJsonDepth: 5,
      maxJsonFieldBytes: 200,
      maxPageSize: 10,
    },
  }).getApp();
  const run = (fields: Record<string, string | Blob | Array<string | Blob>>) =>
    small.request("/agents/echo/runs", {
      method: "POST",
      body: form({ stream: "false", ...fields }),
    });
  const detail = async (res: Response) => ((await res.json()) as { detail: string }).detail;

  it("applies each limit with a 4xx naming the field, the limit and the option", async () => {
    const big = await small.request("/agents/echo/runs", {
      method: "POST",
      body: form({ message: "x".repeat(5000) }),
    });
    expect(big.status).toBe(413);
    expect(await detail(big)).toMatch(/4 KiB.*maxBodyBytes/);

    const file = new File([new Uint8Array(101)], "big.png", { type: "image/png" });
    const fileRes = await run({ message: "hi", files: file });
    expect(fileRes.status).toBe(413);
    expect(await detail(fileRes)).toMatch(/"big\.png".*100 bytes.*maxFileBytes/);

    const tiny = () => new File([new Uint8Array(3)], "a.png", { type: "image/png" });
    const many = await run({ message: "hi", files: [tiny(), tiny(), tiny()] });
    expect(many.status).toBe(413);
    expect(await detail(many)).toMatch(/3 files.*2 files.*maxFiles/);

    const fields: Record<string, string> = { message: "hi" };
    for (let i = 0; i < 10; i++) fields[`extra_${i}`] = "1";
    const fieldsRes = await run(fields);
    expect(fieldsRes.status).toBe(413);
    expect(await detail(fieldsRes)).toMatch(/8 fields.*maxFormFields/);

    const long = await run({ message: "y".repeat(51) });
    expect(long.status).toBe(413);
    expect(await detail(long)).toMatch(/"message".*50 characters.*maxMessageChars/);

    const deep = await run({ message: "hi", session_state: `${"[".repeat(6)}${"]".repeat(6)}` });
    expect(deep.status).toBe(422);
    expect(await detail(deep)).toMatch(/"session_state".*5 levels.*maxJsonDepth/);

    const wide = await run({ message: "hi", metadata: JSON.stringify({ k: "v".repeat(300) }) });
    expect(wide.status).toBe(413);
    expect(await detail(wide)).toMatch(/"metadata".*200 bytes.*maxJsonFieldBytes/);

    const page = await small.request("/sessions?limit=11");
    expect(page.status).toBe(422);

    expect((await run({ message: "hi" })).status).toBe(200);
  });

  it("checks JSON bodies too: depth before parsing, and the fields' limits", async () => {
    const deep = await small.request("/agents/echo/runs", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        message: "hi",
        stream: false,
        metadata: { a: { b: { c: { d: { e: {} } } } } },
      }),
    });
    expect(deep.status).toBe(422);
    expect(await detail(deep)).toMatch(/JSON body nests deeper than 5 levels/);
  });

  it("refuses invalid limits at construction, naming them", () => {
    expect(() => new AgentOS({ limits: { maxBodyBytes: 0 } })).toThrow(
      /maxBodyBytes must be a positive integer/,
    );
    expect(() => new AgentOS({ limits: { maxFiles: 1.5 } })).toThrow(/maxFiles/);
    expect(() => new AgentOS({ limits: { maxBody: 1 } as never })).toThrow(
      /unknown limit "maxBody"/,
    );
  });
});
