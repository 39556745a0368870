import { createServer, Socket } from "node:net";
import { Agent, InMemoryDb, Step, Team, TestModel, Workflow } from "@agno/core";
import type { AgentOSServer } from "@agno/os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AgentOSClient } from "./client/agentos-client.js";
import { RemoteAgent } from "./remote/remote-agent.js";
import { startAgentOS } from "./test-helpers.js";

const slow = (text: string) => new TestModel({ latencyMs: 15, chunkSize: 2, text });

/**
 * A TCP proxy on 127.0.0.1 that cuts the first response's socket after `cutAfter` bytes from
 * the server have passed; later connections pass through whole.
 */
async function cuttingProxy(target: URL, cutAfter: number) {
  const sockets = new Set<Socket>();
  let first = true;
  const server = createServer((client) => {
    sockets.add(client);
    const cut = first;
    first = false;
    const upstream = new Socket();
    sockets.add(upstream);
    upstream.connect(Number(target.port), target.hostname);
    let passed = 0;
    client.on("data", (d) => upstream.write(d));
    upstream.on("data", (d: Buffer) => {
      if (!cut) return void client.write(d);
      const room = cutAfter - passed;
      if (room <= 0) return;
      client.write(d.subarray(0, room));
      passed += Math.min(room, d.length);
      if (passed >= cutAfter) {
        client.destroy();
        upstream.destroy();
      }
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end);
    upstream.on("error", end);
    client.on("close", end);
    upstream.on("close", end);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

describe("resumable streams through @agno/client", () => {
  let server: AgentOSServer;
  const db = new InMemoryDb();
  beforeAll(async () => {
    server = await startAgentOS({
      db,
      agents: [
        new Agent({ id: "slow", model: slow("a slow answer, word by word, to be cut"), db }),
      ],
      teams: [
        new Team({
          id: "team",
          model: new TestModel({
            callTools: false,
            latencyMs: 15,
            chunkSize: 2,
            text: "team words, slowly",
          }),
          members: [new Agent({ id: "m", model: new TestModel() })],
          db,
        }),
      ],
      workflows: [
        new Workflow({
          id: "flow",
          db,
          steps: [
            new Step({
              name: "s",
              agent: new Agent({ id: "w", model: slow("step words, slowly") }),
            }),
          ],
        }),
      ],
    });
  });
  afterAll(async () => {
    await server.close();
  });

  const kinds = [
    {
      name: "agent",
      completed: "RunCompleted",
      start: (c: AgentOSClient, opts: Record<string, unknown>) =>
        c.runAgentStream("slow", "go", { background: true, ...opts }),
      resume: (c: AgentOSClient, runId: string, last: number) =>
        c.resumeAgentRun("slow", runId, { lastEventIndex: last }),
    },
    {
      name: "team",
      completed: "TeamRunCompleted",
      start: (c: AgentOSClient, opts: Record<string, unknown>) =>
        c.runTeamStream("team", "go", { background: true, ...opts }),
      resume: (c: AgentOSClient, runId: string, last: number) =>
        c.resumeTeamRun("team", runId, { lastEventIndex: last }),
    },
    {
      name: "workflow",
      completed: "WorkflowCompleted",
      start: (c: AgentOSClient, opts: Record<string, unknown>) =>
        c.runWorkflowStream("flow", "go", { background: true, ...opts }),
      resume: (c: AgentOSClient, runId: string, last: number) =>
        c.resumeWorkflowRun("flow", runId, { lastEventIndex: last }),
    },
  ] as const;

  for (const kind of kinds) {
    it(`${kind.name}: a stream cut mid-run reconnects by itself, each event once`, async () => {
      const proxy = await cuttingProxy(new URL(server.url), 900);
      try {
        const client = new AgentOSClient({ baseUrl: proxy.url });
        const stream = kind.start(client, {});
        const events: Array<Record<string, unknown>> = [];
        for await (const event of stream) events.push(event as Record<string, unknown>);
        const indexes = events.map((e) => e.event_index);
        expect(indexes).toEqual(events.map((_, i) => i));
        expect(events.at(-1)?.event).toBe(kind.completed);
        expect((await stream.output).status).toBe("COMPLETED");
      } finally {
        await proxy.close();
      }
    });

    it(`${kind.name}: with reconnect: false, the cut stream fails`, async () => {
      const proxy = await cuttingProxy(new URL(server.url), 900);
      try {
        const client = new AgentOSClient({ baseUrl: proxy.url });
        const stream = kind.start(client, { reconnect: false });
        await expect(
          (async () => {
            for await (const _ of stream);
          })(),
        ).rejects.toThrow();
      } finally {
        await proxy.close();
      }
    });

    it(`${kind.name}: resume*Run replays a finished run after lastEventIndex`, async () => {
      const client = new AgentOSClient({ baseUrl: server.url });
      const stream = kind.start(client, {});
      const all: Array<Record<string, unknown>> = [];
      for await (const event of stream) all.push(event as Record<string, unknown>);
      const resumed: Array<Record<string, unknown>> = [];
      for await (const e of kind.resume(client, stream.runId!, 1)) resumed.push(e as never);
      expect(resumed).toEqual(all.slice(2));
    });
  }

  it("RemoteAgent.resumeRun replays the run", async () => {
    const client = new AgentOSClient({ baseUrl: server.url });
    const stream = client.runAgentStream("slow", "go", { background: true });
    const all: unknown[] = [];
    for await (const e of stream) all.push(e);
    const agent = new RemoteAgent({ baseUrl: server.url, agentId: "slow" });
    const resumed: unknown[] = [];
    for await (const e of agent.resumeRun(stream.runId!, { lastEventIndex: -1 })) resumed.push(e);
    expect(resumed).toEqual(all);
  });
});
