// The gateway without @agno/client: remote components recognized by shape or by descriptor.
import net from "node:net";
import { Agent, ConfigurationError, TestModel } from "@agno/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AgentOS } from "./agent-os.js";
import { REMOTE_COMPONENT, remoteRef } from "./gateway/remote.js";
import type { AgentOSServer } from "./options.js";
import { form, parseSse, serveOnLoopback } from "./test-helpers.js";

let remote: AgentOSServer;
let gateway: AgentOSServer;
let dead: string;

async function deadUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

beforeAll(async () => {
  remote = await serveOnLoopback(
    new AgentOS({
      agents: [new Agent({ id: "echo", name: "Echo", model: new TestModel({ text: "echo!" }) })],
    }),
  );
  dead = await deadUrl();
  gateway = await serveOnLoopback(
    new AgentOS({
      agents: [
        new Agent({ id: "mine", model: new TestModel({ text: "mine!" }) }),
        { baseUrl: `${remote.url}/`, agentId: "echo" },
        { baseUrl: dead, agentId: "gone", timeout: 2 },
      ],
    }),
  );
});
afterAll(async () => {
  await gateway?.close();
  await remote?.close();
});

describe("remoteRef", () => {
  it("reads a descriptor, or a baseUrl with an agentId / teamId / workflowId", () => {
    const described = {
      [REMOTE_COMPONENT]: { type: "team", id: "t", baseUrl: "http://x/", timeout: 5, headers: {} },
    };
    expect(remoteRef(described)).toMatchObject({ type: "team", id: "t", baseUrl: "http://x" });
    expect(remoteRef({ baseUrl: "http://y", workflowId: "w" })).toMatchObject({
      type: "workflow",
      id: "w",
      timeout: 60,
    });
    expect(remoteRef({ baseUrl: "http://y" })).toBeUndefined();
    expect(remoteRef(new Agent({ id: "a", model: new TestModel() }))).toBeUndefined();
  });

  it("rejects a remote id that a local agent already uses", () => {
    expect(
      () =>
        new AgentOS({
          agents: [
            new Agent({ id: "echo", model: new TestModel() }),
            { baseUrl: "http://x", agentId: "echo" },
          ],
        }),
    ).toThrow(ConfigurationError);
  });
});

describe("a gateway of remote agents given by shape", () => {
  it("lists, describes and runs them", async () => {
    const list = (await (await fetch(`${gateway.url}/agents`)).json()) as Array<{ id: string }>;
    expect(list.map((a) => a.id)).toEqual(["mine", "echo"]);
    const detail = await fetch(`${gateway.url}/agents/echo`);
    expect(await detail.json()).toMatchObject({ id: "echo", name: "Echo" });
    const run = await fetch(`${gateway.url}/agents/echo/runs`, {
      method: "POST",
      body: form({ message: "Hi", stream: "false" }),
    });
    expect(await run.json()).toMatchObject({ status: "COMPLETED", content: "echo!" });
    const stream = await fetch(`${gateway.url}/agents/echo/runs`, {
      method: "POST",
      body: form({ message: "Hi" }),
    });
    expect(stream.headers.get("content-type")).toContain("text/event-stream");
    const names = parseSse(await stream.text()).map((f) => f.event);
    expect(names[0]).toBe("RunStarted");
    expect(names.at(-1)).toBe("RunCompleted");
  });

  it("passes remote errors through and answers 502 for a remote that is down", async () => {
    const missing = await fetch(`${gateway.url}/agents/echo/runs`, {
      method: "POST",
      body: form({ stream: "false" }),
    });
    expect(missing.status).toBe(422);
    const down = await fetch(`${gateway.url}/agents/gone`);
    expect(down.status).toBe(502);
    expect(((await down.json()) as { detail: string }).detail).toContain(
      `Remote AgentOS at ${dead} is unavailable: `,
    );
    const mine = await fetch(`${gateway.url}/agents/mine/runs`, {
      method: "POST",
      body: form({ message: "Hi", stream: "false" }),
    });
    expect(await mine.json()).toMatchObject({ status: "COMPLETED", content: "mine!" });
  });
});
