import {
  Agent,
  FunctionModel,
  getLogger,
  InMemoryDb,
  setLogger,
  TestModel,
  tool,
} from "@agno/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AgentOS } from "../agent-os.js";
import type { AgentOSServer } from "../options.js";
import { eventually, form, parseSse, serveOnLoopback } from "../test-helpers.js";

const db = new InMemoryDb({ id: "agents-db" });
const add = tool({
  name: "add",
  description: "Add two numbers.",
  inputSchema: {
    type: "object",
    properties: { a: { type: "number" }, b: { type: "number" } },
    required: ["a", "b"],
  },
  execute: (args: Record<string, any>) => String(args.a + args.b),
});
const deleteRecords = tool({
  name: "delete_records",
  description: "Delete a customer's records.",
  inputSchema: { type: "object", properties: { customer_id: { type: "string" } } },
  requiresConfirmation: true,
  execute: (args: Record<string, any>) => `Deleted records of ${args.customer_id}`,
});

const calculator = new Agent({
  name: "Calculator",
  model: new TestModel({ toolArgs: { add: { a: 2, b: 3 } } }),
  tools: [add],
  instructions: "Add numbers.",
});
const slow = new Agent({
  id: "slow",
  model: new TestModel({ latencyMs: 40, chunkSize: 1, text: "a rather long answer, slowly" }),
});
const guarded = new Agent({
  id: "guarded",
  model: new TestModel({ toolArgs: { delete_records: { customer_id: "c-42" } } }),
  tools: [deleteRecords],
});
const nodb = new Agent({ id: "nodb", model: new TestModel() });
const failing = new Agent({
  id: "failing",
  model: new FunctionModel(() => {
    throw new Error("the model is down");
  }),
});
const misconfigured = new Agent({ id: "misconfigured", model: "nosuchprovider:model-x" });

const os = new AgentOS({ agents: [calculator, slow, guarded, failing, misconfigured], db });
const osNoDb = new AgentOS({ agents: [nodb] });
let server: AgentOSServer;

beforeAll(async () => {
  server = await serveOnLoopback(os);
});
afterAll(async () => {
  await server.close();
});

async function post(path: string, fields: Record<string, string | Blob | Array<string | Blob>>) {
  return fetch(`${server.url}${path}`, { method: "POST", body: form(fields) });
}

describe("POST /agents/{id}/runs over HTTP", () => {
  it("streams SSE frames in the reference's order by default (stream and stream_events on)", async () => {
    const res = await post("/agents/calculator/runs", {
      message: "What is 2 + 3?",
      session_id: "s-sse",
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const frames = parseSse(await res.text());
    const names = frames.map((f) => f.event);
    const contentCount = names.filter((n) => n === "RunContent").length;
    expect(contentCount).toBeGreaterThan(0);
    expect(names).toEqual([
      "RunStarted",
      "ModelRequestStarted",
      "ModelRequestCompleted",
      "ToolCallStarted",
      "ToolCallCompleted",
      "ModelRequestStarted",
      ...Array(contentCount).fill("RunContent"),
      "ModelRequestCompleted",
      "RunContentCompleted",
      "RunCompleted",
    ]);
    const started = frames[0]!.data;
    expect(started).toMatchObject({
      agent_id: "calculator",
      agent_name: "Calculator",
      session_id: "s-sse",
      nested_depth: 0,
      model: "test",
      model_provider: "Test",
    });
    expect(frames.find((f) => f.event === "ToolCallCompleted")!.data.tool).toMatchObject({
      tool_name: "add",
      result: "5",
    });
    const deltas = frames.filter((f) => f.event === "RunContent").map((f) => f.data.content);
    const completed = frames.at(-1)!.data;
    expect(completed.content).toBe(deltas.join(""));
    expect(new Set(frames.map((f) => f.data.run_id)).size).toBe(1);
  });

  it("streams content only with stream_events=false", async () => {
    const res = await post("/agents/calculator/runs", {
      message: "2 + 3",
      stream_events: "false",
    });
    const names = parseSse(await res.text()).map((f) => f.event);
    expect(new Set(names)).toEqual(new Set(["RunContent"]));
  });

  it("answers the run's JSON with stream=false, and accepts url-encoded forms", async () => {
    const res = await fetch(`${server.url}/agents/calculator/runs`, {
      method: "POST",
      body: new URLSearchParams({ message: "2 + 3", stream: "false", user_id: "ada" }),
    });
    expect(res.status).toBe(200);
    const run = (await res.json()) as Record<string, any>;
    expect(run).toMatchObject({ agent_id: "calculator", status: "COMPLETED", user_id: "ada" });
    expect(run.content).toContain("5");
    expect(run.tools[0]).toMatchObject({ tool_name: "add" });
    expect(typeof run.session_id).toBe("string");
  });

  it("requires message (422 with the reference's validation shape)", async () => {
    const res = await post("/agents/calculator/runs", { stream: "false" });
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      detail: [{ type: "missing", loc: ["body", "message"], msg: "Field required", input: null }],
    });
  });

  it("rejects an unreadable boolean with 422", async () => {
    const res = await post("/agents/calculator/runs", { message: "x", stream: "maybe" });
    expect(res.status).toBe(422);
  });

  it("404s an unknown agent", async () => {
    const res = await post("/agents/nope/runs", { message: "hi" });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ detail: "Agent not found" });
  });

  it("400s JSON bodies that are not objects or not JSON", async () => {
    const bad = await fetch(`${server.url}/agents/calculator/runs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{nope",
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { detail: string }).detail).toMatch(/^Invalid JSON body/);
    const list = await fetch(`${server.url}/agents/calculator/runs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "[1]",
    });
    expect(list.status).toBe(400);
    expect(await list.json()).toEqual({ detail: "The JSON body must be an object, got array" });
    const ok = await fetch(`${server.url}/agents/calculator/runs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ message: "2 + 3", stream: false }),
    });
    expect(ok.status).toBe(200);
  });
});

describe("run failures", () => {
  it("answers 200 with status ERROR when the model fails (not an HTTP error)", async () => {
    const res = await post("/agents/failing/runs", { message: "hi", stream: "false" });
    expect(res.status).toBe(200);
    const out = (await res.json()) as { status: string; content: string };
    expect(out.status).toBe("ERROR");
    expect(out.content).toContain("the model is down");
  });

  it("streams one terminal RunError when the model fails", async () => {
    const frames = parseSse(await (await post("/agents/failing/runs", { message: "hi" })).text());
    expect(frames.at(-1)!.event).toBe("RunError");
    expect(frames.at(-1)!.data.content).toContain("the model is down");
  });

  it("turns an exception before the run starts into a single RunError event, its internals logged", async () => {
    const logged: string[] = [];
    const previous = getLogger();
    setLogger({ ...previous, error: (m: string) => logged.push(m) });
    try {
      const frames = parseSse(
        await (await post("/agents/misconfigured/runs", { message: "hi" })).text(),
      );
      expect(frames.map((f) => f.event)).toEqual(["RunError"]);
      expect(frames[0]!.data).toMatchObject({ agent_id: "misconfigured", nested_depth: 0 });
      const content = String(frames[0]!.data.content);
      expect(content).toMatch(/^Internal server error \(request_id [0-9a-f-]{36}\)$/);
      expect(content).not.toMatch(/nosuchprovider/);
      const json = await post("/agents/misconfigured/runs", { message: "hi", stream: "false" });
      expect(json.status).toBe(500);
      const body = (await json.json()) as { detail: string; request_id: string };
      expect(body).toEqual({ detail: "Internal server error", request_id: body.request_id });
      expect(json.headers.get("x-request-id")).toBe(body.request_id);
      // The whole error is in the log, under the same request id.
      const line = logged.find((l) => l.includes(body.request_id));
      expect(line).toMatch(/nosuchprovider/);
    } finally {
      setLogger(previous);
    }
  });
});

describe("file uploads", () => {
  it("classifies an image upload and gives it to the run", async () => {
    const png = new File([new Uint8Array([137, 80, 78, 71, 1, 2, 3])], "pixel.png", {
      type: "image/png",
    });
    const res = await post("/agents/calculator/runs", {
      message: "Describe the image",
      stream: "false",
      files: png,
    });
    expect(res.status).toBe(200);
    const run = (await res.json()) as Record<string, any>;
    expect(run.input.images).toHaveLength(1);
    expect(run.input.images[0]).toMatchObject({ mime_type: "image/png", format: "png" });
  });

  it("classifies documents by extension when the type is octet-stream", async () => {
    const pdf = new File([new Uint8Array([37, 80, 68, 70])], "report.pdf", {
      type: "application/octet-stream",
    });
    const res = await post("/agents/calculator/runs", {
      message: "Read",
      stream: "false",
      files: pdf,
    });
    expect(res.status).toBe(200);
    const run = (await res.json()) as Record<string, any>;
    expect(run.input.files[0]).toMatchObject({
      mime_type: "application/pdf",
      filename: "report.pdf",
    });
  });

  it("400s an unsupported file type", async () => {
    const exe = new File([new Uint8Array([1, 2])], "tool.exe", {
      type: "application/x-msdownload",
    });
    const res = await post("/agents/calculator/runs", { message: "x", files: exe });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ detail: "Unsupported file type" });
  });

  it("400s an empty file", async () => {
    const empty = new File([], "empty.png", { type: "image/png" });
    const res = await post("/agents/calculator/runs", { message: "x", files: empty });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ detail: "Empty file" });
  });
});

describe("cancellation", () => {
  it("cancels the run when the client disconnects, and stores it CANCELLED", async () => {
    const controller = new AbortController();
    const res = await fetch(`${server.url}/agents/slow/runs`, {
      method: "POST",
      body: form({ message: "Tell me a story", session_id: "s-disconnect" }),
      signal: controller.signal,
    });
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first.startsWith("event: RunStarted\n")).toBe(true);
    controller.abort();
    const run = await eventually(async () => {
      const session = await db.getSession("s-disconnect");
      const stored = session?.runs?.[0];
      return stored?.status === "CANCELLED" ? stored : undefined;
    });
    expect(run.agent_id).toBe("slow");
  });

  it("cancels a running run through the cancel route (200 {}), ending its stream", async () => {
    const res = await post("/agents/slow/runs", { message: "Story", session_id: "s-cancel" });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    const first = decoder.decode((await reader.read()).value);
    const runId = /"run_id":"([^"]+)"/.exec(first)![1]!;
    const cancel = await fetch(`${server.url}/agents/slow/runs/${runId}/cancel`, {
      method: "POST",
    });
    expect(cancel.status).toBe(200);
    expect(await cancel.json()).toEqual({});
    let rest = first;
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      rest += decoder.decode(chunk.value);
    }
    const names = parseSse(rest).map((f) => f.event);
    expect(names.slice(-2)).toEqual(["RunCancelled", "RunCompleted"]);
    const stored = (await db.getSession("s-cancel"))?.runs?.find((r) => r.run_id === runId);
    expect(stored?.status).toBe("CANCELLED");
  });

  it("404s a cancel for an unknown agent", async () => {
    const res = await fetch(`${server.url}/agents/nope/runs/r1/cancel`, { method: "POST" });
    expect(res.status).toBe(404);
  });
});

describe("background runs", () => {
  it("answers 202 {run_id, session_id, status} and keeps running after the response", async () => {
    const res = await post("/agents/calculator/runs", {
      message: "2 + 3",
      stream: "false",
      background: "true",
      session_id: "s-bg",
    });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { run_id: string; session_id: string; status: string };
    expect(body).toEqual({ run_id: body.run_id, session_id: "s-bg", status: "PENDING" });
    const run = await eventually(async () => {
      const r = await fetch(`${server.url}/agents/calculator/runs/${body.run_id}?session_id=s-bg`);
      const json = (await r.json()) as Record<string, unknown>;
      return json.status === "COMPLETED" ? json : undefined;
    });
    expect(run.content).toContain("5");
  });

  it("stores a background run that fails before starting as ERROR, not PENDING forever", async () => {
    const res = await post("/agents/misconfigured/runs", {
      message: "hi",
      stream: "false",
      background: "true",
      session_id: "s-bg-fail",
    });
    expect(res.status).toBe(202);
    const { run_id } = (await res.json()) as { run_id: string };
    const stored = await eventually(async () => {
      const run = (await db.getSession("s-bg-fail"))?.runs?.find((r) => r.run_id === run_id);
      return run?.status === "ERROR" ? run : undefined;
    });
    expect(stored.content).toMatch(/nosuchprovider/);
  });

  it("needs a database (400, the reference's message)", async () => {
    const res = await osNoDb.getApp().request("/agents/nodb/runs", {
      method: "POST",
      body: form({ message: "x", background: "true", stream: "false" }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      detail: "Background execution requires a database to be configured on the agent",
    });
  });

  it("streams a background run with event_index and run_id on every event", async () => {
    const res = await post("/agents/calculator/runs", { message: "2 + 3", background: "true" });
    expect(res.status).toBe(200);
    const frames = parseSse(await res.text());
    frames.forEach((f, i) => {
      expect(f.data.event_index).toBe(i);
      expect(typeof f.data.run_id).toBe("string");
    });
    expect(frames.at(-1)!.event).toBe("RunCompleted");
  });
});

describe("runs: get, list, continue", () => {
  it("lists a session's runs (RunSchema) and gets one run (full dict)", async () => {
    const first = await post("/agents/calculator/runs", {
      message: "2 + 3",
      stream: "false",
      session_id: "s-list",
    });
    const run = (await first.json()) as { run_id: string };
    const list = await fetch(`${server.url}/agents/calculator/runs?session_id=s-list`);
    expect(list.status).toBe(200);
    const runs = (await list.json()) as Array<Record<string, unknown>>;
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      run_id: run.run_id,
      agent_id: "calculator",
      status: "COMPLETED",
      run_input: "2 + 3",
      run_response_format: "text",
    });
    expect(runs[0]!.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const one = await fetch(`${server.url}/agents/calculator/runs/${run.run_id}?session_id=s-list`);
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({
      run_id: run.run_id,
      input: { input_content: "2 + 3" },
    });
    const filtered = await fetch(
      `${server.url}/agents/calculator/runs?session_id=s-list&status=ERROR`,
    );
    expect(await filtered.json()).toEqual([]);
  });

  it("404s missing sessions and runs; 422 without session_id", async () => {
    expect((await fetch(`${server.url}/agents/calculator/runs?session_id=none`)).status).toBe(404);
    const missing = await fetch(`${server.url}/agents/calculator/runs/x?session_id=s-list`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ detail: "Run not found" });
    expect((await fetch(`${server.url}/agents/calculator/runs`)).status).toBe(422);
  });

  it("continues a paused run with the confirmed tools", async () => {
    const paused = (await (
      await post("/agents/guarded/runs", {
        message: "Delete c-42",
        stream: "false",
        session_id: "s-hitl",
      })
    ).json()) as Record<string, any>;
    expect(paused.status).toBe("PAUSED");
    const tools = paused.tools.map((t: Record<string, unknown>) => ({ ...t, confirmed: true }));
    const res = await post(`/agents/guarded/runs/${paused.run_id}/continue`, {
      tools: JSON.stringify(tools),
      session_id: "s-hitl",
      stream: "false",
    });
    expect(res.status).toBe(200);
    const done = (await res.json()) as Record<string, any>;
    expect(done.status).toBe("COMPLETED");
    expect(done.tools[0].result).toBe("Deleted records of c-42");
    const again = await post(`/agents/guarded/runs/${paused.run_id}/continue`, {
      session_id: "s-hitl",
      stream: "false",
    });
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({ detail: "run is already completed" });
  });

  it("streams a continued run", async () => {
    const paused = (await (
      await post("/agents/guarded/runs", {
        message: "Delete",
        stream: "false",
        session_id: "s-hitl2",
      })
    ).json()) as Record<string, any>;
    const tools = paused.tools.map((t: Record<string, unknown>) => ({ ...t, confirmed: true }));
    const res = await post(`/agents/guarded/runs/${paused.run_id}/continue`, {
      tools: JSON.stringify(tools),
      session_id: "s-hitl2",
    });
    const names = parseSse(await res.text()).map((f) => f.event);
    expect(names.at(-1)).toBe("RunCompleted");
  });

  it("validates continue requests", async () => {
    const noSession = await post("/agents/guarded/runs/r1/continue", { tools: "[]" });
    expect(noSession.status).toBe(400);
    expect(await noSession.json()).toEqual({ detail: "session_id is required for this action" });
    const badJson = await post("/agents/guarded/runs/r1/continue", { tools: "[", session_id: "s" });
    expect(await badJson.json()).toEqual({ detail: "Invalid JSON in tools field" });
    const badShape = await post("/agents/guarded/runs/r1/continue", {
      tools: '{"a":1}',
      session_id: "s",
    });
    expect(badShape.status).toBe(400);
    const unknownRun = await post("/agents/guarded/runs/r1/continue", { session_id: "s-hitl" });
    expect(unknownRun.status).toBe(404);
    const fork = await post("/agents/guarded/runs/r1/continue", { session_id: "s", fork: "true" });
    expect(fork.status).toBe(501);
    expect(await fork.json()).toEqual({
      detail: "Forking runs is not available yet in this AgentOS",
    });
  });
});
