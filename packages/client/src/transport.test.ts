import { createServer, type Server, type Socket } from "node:net";
import { AgnoError } from "@agno/core";
import { afterEach, describe, expect, it } from "vitest";
import { AgentOSClient } from "./client/agentos-client.js";
import { AgentOSHttpError, AgnoClientError, RemoteServerUnavailableError } from "./errors.js";

type Captured = { url: string; init: RequestInit };

function fakeFetch(respond: (url: string, init: RequestInit) => Response) {
  const calls: Captured[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return respond(url, init);
  };
  return { calls, fetch };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("requests", () => {
  it("sends the client's headers, the call's headers and the bearer token", async () => {
    const { calls, fetch } = fakeFetch(() =>
      json({ os_id: "x", agents: [], teams: [], workflows: [] }),
    );
    const client = new AgentOSClient({
      baseUrl: "http://os.test/",
      headers: { "X-App": "demo" },
      fetch,
    });
    await client.getConfig({ headers: { "X-Call": "1" }, authToken: "tok" });
    expect(calls[0]?.url).toBe("http://os.test/config");
    expect(calls[0]?.init.headers).toMatchObject({
      "X-App": "demo",
      "X-Call": "1",
      Authorization: "Bearer tok",
    });
  });

  it("builds query strings: snake_case keys, lists joined with commas, empty values left out", async () => {
    const { calls, fetch } = fakeFetch(() => json({ data: [], meta: {} }));
    const client = new AgentOSClient({ baseUrl: "http://os.test", fetch });
    await client.listMemories({ userId: "u 1", topics: ["a", "b"], limit: 5, sortOrder: "asc" });
    const url = new URL(calls[0]!.url);
    expect(url.pathname).toBe("/memories");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      user_id: "u 1",
      topics: "a,b",
      limit: "5",
      sort_order: "asc",
    });
  });

  it("posts runs as multipart form data with the wire's field names", async () => {
    const { calls, fetch } = fakeFetch(() =>
      json({ run_id: "r", content: "ok", status: "COMPLETED" }),
    );
    const client = new AgentOSClient({ baseUrl: "http://os.test", fetch });
    const out = await client.runAgent("my agent", "Hi", {
      sessionId: "s1",
      userId: "u1",
      sessionState: { n: 1 },
      factoryInput: { tenant: "acme" },
      addHistoryToContext: true,
      files: [new Blob(["hello"], { type: "text/plain" })],
      images: [{ url: "https://example.com/a.png" }],
      extraFields: { custom_flag: false },
    });
    expect(out.content).toBe("ok");
    expect(out.status).toBe("COMPLETED");
    const { url, init } = calls[0]!;
    expect(url).toBe("http://os.test/agents/my%20agent/runs");
    expect(init.method).toBe("POST");
    const form = init.body as FormData;
    expect(form.get("message")).toBe("Hi");
    expect(form.get("stream")).toBe("false");
    expect(form.get("session_id")).toBe("s1");
    expect(form.get("user_id")).toBe("u1");
    expect(JSON.parse(String(form.get("session_state")))).toEqual({ n: 1 });
    expect(JSON.parse(String(form.get("factory_input")))).toEqual({ tenant: "acme" });
    expect(form.get("add_history_to_context")).toBe("true");
    expect(form.get("custom_flag")).toBe("false");
    expect(JSON.parse(String(form.get("images")))).toEqual([{ url: "https://example.com/a.png" }]);
    const file = form.get("files") as File;
    expect(await file.text()).toBe("hello");
  });

  it("posts continue and resume forms with the wire's field names", async () => {
    const { calls, fetch } = fakeFetch(() => json({ run_id: "r", status: "COMPLETED" }));
    const client = new AgentOSClient({ baseUrl: "http://os.test", fetch });
    const tools = [{ tool_call_id: "t1", tool_name: "x", confirmed: true }];
    await client.continueAgentRun("a", "r1", { tools, sessionId: "s", continueFrom: "last_user" });
    const form = calls[0]!.init.body as FormData;
    expect(calls[0]!.url).toBe("http://os.test/agents/a/runs/r1/continue");
    expect(JSON.parse(String(form.get("tools")))).toEqual(tools);
    expect(form.get("session_id")).toBe("s");
    expect(form.get("continue_from")).toBe("last_user");
    expect(form.get("stream")).toBe("false");
    expect(form.has("message")).toBe(false);

    await client.continueWorkflowRun("w", "r2", { stepRequirements: [{ step_id: "x" }] });
    const wf = calls[1]!.init.body as FormData;
    expect(JSON.parse(String(wf.get("step_requirements")))).toEqual([{ step_id: "x" }]);

    const resumed = client.resumeAgentRun("a", "r3", { lastEventIndex: 4, sessionId: "s" });
    await resumed.next().catch(() => undefined);
    const rf = calls[2]!.init.body as FormData;
    expect(calls[2]!.url).toBe("http://os.test/agents/a/runs/r3/resume");
    expect(rf.get("last_event_index")).toBe("4");
    expect(rf.get("session_id")).toBe("s");
  });

  it("turns 4xx and 5xx answers into AgentOSHttpError with the server's detail", async () => {
    const answers = [
      json({ detail: "Agent not found" }, 404),
      json({ detail: [{ loc: ["body", "memory"], msg: "required" }] }, 422),
      new Response("boom", { status: 500 }),
    ];
    const { fetch } = fakeFetch(() => answers.shift()!);
    const client = new AgentOSClient({ baseUrl: "http://os.test", fetch });
    const e1 = await client.getAgent("nope").catch((e) => e);
    expect(AgentOSHttpError.isInstance(e1)).toBe(true);
    expect(e1).toMatchObject({ status: 404, detail: "Agent not found", code: "not_found" });
    expect(e1.message).toContain("404");
    expect(e1.message).toContain("Agent not found");
    const e2 = await client.getAgent("x").catch((e) => e);
    expect(e2).toMatchObject({ status: 422, code: "validation_error" });
    expect(e2.detail).toEqual([{ loc: ["body", "memory"], msg: "required" }]);
    const e3 = await client.getAgent("x").catch((e) => e);
    expect(e3).toMatchObject({ status: 500, detail: "boom", code: "server_error" });
  });

  it("resolves to undefined for empty answers (204)", async () => {
    const { fetch } = fakeFetch(() => new Response(null, { status: 204 }));
    const client = new AgentOSClient({ baseUrl: "http://os.test", fetch });
    await expect(client.deleteSession("s")).resolves.toBeUndefined();
  });

  it("passes the caller's abort through unchanged", async () => {
    const fetch = (_url: string, init: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init.signal?.addEventListener("abort", () => reject(init.signal?.reason));
      });
    const client = new AgentOSClient({ baseUrl: "http://os.test", fetch });
    const controller = new AbortController();
    const pending = client.getConfig({ signal: controller.signal }).catch((e) => e);
    controller.abort(new Error("user gave up"));
    const error = await pending;
    expect(error.message).toBe("user gave up");
    expect(RemoteServerUnavailableError.isInstance(error)).toBe(false);
  });
});

describe("errors", () => {
  it("carry stable codes and markers that survive duplicate installs", () => {
    const unavailable = new RemoteServerUnavailableError("down", { baseUrl: "http://x" });
    expect(unavailable.code).toBe("remote_server_unavailable");
    expect(unavailable.baseUrl).toBe("http://x");
    expect(RemoteServerUnavailableError.isInstance(unavailable)).toBe(true);
    expect(AgentOSHttpError.isInstance(unavailable)).toBe(false);
    expect(AgnoClientError.isInstance(unavailable)).toBe(true);
    // core's AgnoError recognises client errors through the shared Symbol.for marker
    expect(AgnoError.isInstance(unavailable)).toBe(true);
    const lookalike = { [Symbol.for("agno.client.remote_server_unavailable")]: true };
    expect(RemoteServerUnavailableError.isInstance(lookalike)).toBe(true);
    expect(RemoteServerUnavailableError.isInstance(new Error("x"))).toBe(false);
  });
});

describe("a server that is down", () => {
  let server: Server | undefined;
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  async function listen(onConnection?: (socket: Socket) => void): Promise<number> {
    server = createServer((socket) => {
      sockets.push(socket);
      onConnection?.(socket);
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    return (server!.address() as { port: number }).port;
  }

  it("throws RemoteServerUnavailableError when nothing listens", async () => {
    const port = await listen();
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    const baseUrl = `http://127.0.0.1:${port}`;
    const client = new AgentOSClient({ baseUrl, timeout: 5 });
    const error = await client.getConfig().catch((e) => e);
    expect(RemoteServerUnavailableError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ baseUrl, timedOut: false });
    expect(error.message).toBe(`Failed to connect to remote server at ${baseUrl}.`);
  });

  it("throws RemoteServerUnavailableError within the timeout when the server never answers", async () => {
    const port = await listen(); // accepts connections, never answers
    const baseUrl = `http://127.0.0.1:${port}`;
    const client = new AgentOSClient({ baseUrl, timeout: 0.2 });
    const started = Date.now();
    const error = await client.getConfig().catch((e) => e);
    expect(RemoteServerUnavailableError.isInstance(error)).toBe(true);
    expect(error.timedOut).toBe(true);
    expect(error.message).toContain("timed out after 0.2 seconds");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("times a stream out when the server stops sending", async () => {
    const port = await listen((socket) => {
      socket.once("data", () => {
        socket.write(
          "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n",
        );
        const chunk = 'event: RunStarted\ndata: {"event":"RunStarted","run_id":"r1"}\n\n';
        socket.write(`${Buffer.byteLength(chunk).toString(16)}\r\n${chunk}\r\n`);
      });
    });
    const client = new AgentOSClient({ baseUrl: `http://127.0.0.1:${port}`, timeout: 0.3 });
    const stream = client.runAgentStream("a", "hi");
    const seen: string[] = [];
    const error = await (async () => {
      for await (const event of stream) seen.push(event.event);
    })().catch((e) => e);
    expect(seen).toEqual(["RunStarted"]);
    expect(stream.runId).toBe("r1");
    expect(RemoteServerUnavailableError.isInstance(error)).toBe(true);
    expect(error.timedOut).toBe(true);
    await expect(stream.output).rejects.toBe(error);
  });
});
