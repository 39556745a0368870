// AgentOS as a gateway: RemoteAgent / RemoteTeam / RemoteWorkflow served next to local
// components, against real AgentOS servers on 127.0.0.1.
import net from "node:net";
import { Agent, ConfigurationError, InMemoryDb, TestModel } from "@agno/core";
import { AgentOS, type AgentOSServer } from "@agno/os";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AgentOSClient } from "./client/agentos-client.js";
import { RemoteAgent } from "./remote/remote-agent.js";
import { RemoteTeam } from "./remote/remote-team.js";
import { RemoteWorkflow } from "./remote/remote-workflow.js";
import { demoComponents, startAgentOS } from "./test-helpers.js";

const SECRET = "a-gateway-test-secret-long-enough-for-hs256";

/** A TCP relay in front of a server, whose `kill()` drops every connection (a remote dying). */
async function relay(target: string): Promise<{ url: string; kill(): void }> {
  const { port: targetPort } = new URL(target);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((inbound) => {
    const outbound = net.connect(Number(targetPort), "127.0.0.1");
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on("error", () => {});
      s.on("close", () => sockets.delete(s));
    }
    inbound.pipe(outbound);
    outbound.pipe(inbound);
    inbound.on("close", () => outbound.destroy());
    outbound.on("close", () => inbound.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    kill() {
      server.close();
      for (const s of sockets) s.destroy();
    },
  };
}

/** A URL nothing listens on. */
async function deadUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

async function token(sub: string): Promise<string> {
  return new SignJWT({ scopes: ["agent_os:admin"] })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime("10m")
    .sign(new TextEncoder().encode(SECRET));
}

/** Parses an SSE body into events. */
function sseEvents(body: string): Array<Record<string, unknown>> {
  return body
    .split("\n\n")
    .filter((frame) => frame.trim())
    .map((frame) => {
      const data = frame.split("\n").find((l) => l.startsWith("data: "));
      return JSON.parse(data?.slice(6) ?? "{}") as Record<string, unknown>;
    });
}

function runForm(fields: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}

const c = demoComponents();
const secureWriter = new Agent({
  id: "secure-writer",
  name: "Secure Writer",
  model: new TestModel({ text: "A secret poem." }),
  db: new InMemoryDb({ id: "secure-db" }),
});
const local = new Agent({
  id: "local-helper",
  name: "Local Helper",
  model: new TestModel({ text: "Answered locally." }),
});

let remote: AgentOSServer;
let secure: AgentOSServer;
let gateway: AgentOSServer;
let flaky: { url: string; kill(): void };
let dead: string;
let client: AgentOSClient;
let direct: AgentOSClient;

beforeAll(async () => {
  remote = await startAgentOS({
    id: "remote-os",
    agents: [c.assistant, c.writer, c.slow],
    teams: [c.team],
    workflows: [c.workflow],
    db: c.db,
  });
  secure = await startAgentOS({
    id: "secure-os",
    agents: [secureWriter],
    authorization: true,
    authorizationConfig: { verificationKeys: [SECRET], algorithm: "HS256" },
  });
  flaky = await relay(remote.url);
  dead = await deadUrl();
  gateway = await startAgentOS({
    id: "gateway-os",
    agents: [
      local,
      new RemoteAgent({ baseUrl: remote.url, agentId: "assistant" }),
      new RemoteAgent({ baseUrl: remote.url, agentId: "writer" }),
      new RemoteAgent({ baseUrl: flaky.url, agentId: "slow" }),
      new RemoteAgent({ baseUrl: secure.url, agentId: "secure-writer" }),
      new RemoteAgent({ baseUrl: dead, agentId: "gone", timeout: 5 }),
    ],
    teams: [new RemoteTeam({ baseUrl: remote.url, teamId: "research-team" })],
    workflows: [new RemoteWorkflow({ baseUrl: remote.url, workflowId: "qa-workflow" })],
  });
  client = new AgentOSClient({ baseUrl: gateway.url });
  direct = new AgentOSClient({ baseUrl: remote.url });
});

afterAll(async () => {
  flaky?.kill();
  await gateway?.close();
  await secure?.close();
  await remote?.close();
});

describe("AgentOS gateway", () => {
  it("lists remote components next to local ones; an unreachable remote is left out", async () => {
    const agents = await client.listAgents();
    const ids = agents.map((a) => a.id);
    expect(ids).toEqual(["local-helper", "assistant", "writer", "slow"]);
    // The remote's own listing entry, as the remote AgentOS answers it.
    const remoteAgents = await direct.listAgents();
    expect(agents.find((a) => a.id === "assistant")).toEqual(
      remoteAgents.find((a) => a.id === "assistant"),
    );
    const teams = await client.listTeams();
    expect(teams.map((t) => t.id)).toEqual(["research-team"]);
    const workflows = await client.listWorkflows();
    expect(workflows.map((w) => w.id)).toEqual(["qa-workflow"]);
    const info = (await (await fetch(`${gateway.url}/info`)).json()) as Record<string, unknown>;
    expect(info).toMatchObject({ agent_count: 6, team_count: 1, workflow_count: 1 });
  });

  it("answers a remote component's details from the remote AgentOS", async () => {
    expect(await client.getAgent("assistant")).toEqual(await direct.getAgent("assistant"));
    expect(await client.getTeam("research-team")).toEqual(await direct.getTeam("research-team"));
    expect(await client.getWorkflow("qa-workflow")).toEqual(
      await direct.getWorkflow("qa-workflow"),
    );
  });

  it("proxies non-streamed runs of agents, teams and workflows", async () => {
    const out = await client.runAgent("assistant", "What is 2 + 3?", {
      sessionId: "gw-s1",
      userId: "ada",
    });
    expect(out).toMatchObject({ status: "COMPLETED", session_id: "gw-s1", user_id: "ada" });
    expect(String(out.content)).toContain("5");
    const team = await client.runTeam("research-team", "Add 2 and 3");
    expect(team.status).toBe("COMPLETED");
    expect(team.team_id).toBe("research-team");
    const workflow = await client.runWorkflow("qa-workflow", "Write");
    expect(workflow.status).toBe("COMPLETED");
    expect(workflow.workflow_id).toBe("qa-workflow");
  });

  it("streams remote runs through, with the events of a direct run", async () => {
    const names = async (stream: AsyncIterable<{ event: string }>) => {
      const out: string[] = [];
      for await (const event of stream) out.push(event.event);
      return out;
    };
    const viaGateway = await names(client.runAgentStream("assistant", "What is 2 + 3?"));
    const viaRemote = await names(direct.runAgentStream("assistant", "What is 2 + 3?"));
    expect(viaGateway).toEqual(viaRemote);
    expect(viaGateway.at(-1)).toBe("RunCompleted");
    const team = await names(client.runTeamStream("research-team", "Add 2 and 3"));
    expect(team).toEqual(await names(direct.runTeamStream("research-team", "Add 2 and 3")));
    expect(team.at(-1)).toBe("TeamRunCompleted");
    const workflow = await names(client.runWorkflowStream("qa-workflow", "Write"));
    expect(workflow).toEqual(await names(direct.runWorkflowStream("qa-workflow", "Write")));
    expect(workflow.at(-1)).toBe("WorkflowCompleted");
  });

  it("proxies run reads and cancel", async () => {
    const out = await client.runAgent("writer", "Write", { sessionId: "gw-reads" });
    const run = await client.getAgentRun("writer", out.run_id!, { sessionId: "gw-reads" });
    expect(run).toMatchObject({ run_id: out.run_id, content: "A short poem about numbers." });
    const runs = await client.listAgentRuns("writer", { sessionId: "gw-reads" });
    expect(runs.map((r) => r.run_id)).toContain(out.run_id);
    const missing = await fetch(`${gateway.url}/agents/writer/runs/nope?session_id=gw-reads`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ detail: "Run not found" });
    const cancel = await fetch(`${gateway.url}/agents/writer/runs/${out.run_id}/cancel`, {
      method: "POST",
    });
    expect(cancel.status).toBe(200);
    expect(await cancel.json()).toEqual({});
    const unknown = await fetch(`${gateway.url}/agents/writer/runs/some-run/cancel`, {
      method: "POST",
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ detail: "Run not found" });
  });

  it("refuses background runs of remote components", async () => {
    const res = await fetch(`${gateway.url}/agents/assistant/runs`, {
      method: "POST",
      body: runForm({ message: "Hi", stream: "false", background: "true" }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      detail: "Background execution is not supported for remote agents",
    });
  });

  it("forwards the caller's Authorization; the remote's 401 passes through", async () => {
    const denied = await fetch(`${gateway.url}/agents/secure-writer/runs`, {
      method: "POST",
      body: runForm({ message: "Write", stream: "false" }),
    });
    expect(denied.status).toBe(401);
    expect(((await denied.json()) as { detail: string }).detail).toBeTruthy();
    const jwt = await token("grace");
    const out = await client.runAgent("secure-writer", "Write", { authToken: jwt });
    expect(out).toMatchObject({ status: "COMPLETED", content: "A secret poem.", user_id: "grace" });
    const stream = client.runAgentStream("secure-writer", "Write", { authToken: jwt });
    const names: string[] = [];
    for await (const event of stream) names.push(event.event);
    expect(names.at(-1)).toBe("RunCompleted");
    // Listed only for a caller the remote accepts.
    expect((await client.listAgents()).map((a) => a.id)).not.toContain("secure-writer");
    expect((await client.listAgents({ authToken: jwt })).map((a) => a.id)).toContain(
      "secure-writer",
    );
  });

  it("answers 502 for a remote that is down, and keeps serving local components", async () => {
    const detail = await fetch(`${gateway.url}/agents/gone`);
    expect(detail.status).toBe(502);
    const body = (await detail.json()) as { detail: string };
    expect(body.detail).toMatch(new RegExp(`^Remote AgentOS at ${dead} is unavailable: `));
    const run = await fetch(`${gateway.url}/agents/gone/runs`, {
      method: "POST",
      body: runForm({ message: "Hi" }),
    });
    expect(run.status).toBe(502);
    const out = await client.runAgent("local-helper", "Hi");
    expect(out).toMatchObject({ status: "COMPLETED", content: "Answered locally." });
  });

  it("ends the stream with a RunError when the remote dies mid-stream", async () => {
    const res = await fetch(`${gateway.url}/agents/slow/runs`, {
      method: "POST",
      body: runForm({ message: "Go", session_id: "gw-slow" }),
    });
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = "";
    let killed = false;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      if (!killed && text.includes("event: RunContent")) {
        killed = true;
        flaky.kill();
      }
    }
    const events = sseEvents(text);
    const names = events.map((e) => e.event);
    expect(names[0]).toBe("RunStarted");
    expect(names).toContain("RunContent");
    expect(names.filter((n) => n === "RunError")).toHaveLength(1);
    const last = events.at(-1)!;
    expect(last).toMatchObject({ event: "RunError", agent_id: "slow", session_id: "gw-slow" });
    expect(last.run_id).toBe(events[0]!.run_id);
    expect(String(last.content)).toContain(`Connection to remote AgentOS at ${flaky.url} was lost`);
    // The gateway still serves.
    expect((await client.runAgent("local-helper", "Hi")).status).toBe("COMPLETED");
    expect((await client.runAgent("writer", "Write")).status).toBe("COMPLETED");
    const after = await fetch(`${gateway.url}/agents/slow`);
    expect(after.status).toBe(502);
  });

  it("rejects duplicate ids and remote components in the wrong list", () => {
    expect(
      () =>
        new AgentOS({
          agents: [
            new Agent({ id: "assistant", model: new TestModel() }),
            new RemoteAgent({ baseUrl: remote.url, agentId: "assistant" }),
          ],
        }),
    ).toThrow(ConfigurationError);
    expect(
      () =>
        new AgentOS({
          agents: [new RemoteTeam({ baseUrl: remote.url, teamId: "research-team" }) as never],
        }),
    ).toThrow(/remote team/);
  });
});
