import {
  COMPONENT_BRAND as CORE_BRAND,
  type Component,
  componentKind,
  isComponent,
} from "@agno/core";
import type { AgentOSServer } from "@agno/os";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RemoteRunOutput, RemoteTeamRunOutput, RemoteWorkflowRunOutput } from "../run-output.js";
import { demoComponents, startAgentOS } from "../test-helpers.js";
import { COMPONENT_BRAND, REMOTE_COMPONENT } from "./brand.js";
import { RemoteAgent } from "./remote-agent.js";
import { RemoteTeam } from "./remote-team.js";
import { RemoteWorkflow } from "./remote-workflow.js";

/** The contract, less what only a local component can have: core's brand type and a `BaseDb`. */
type RemoteContract = Omit<Component, typeof CORE_BRAND | "db">;

const SECRET = "a-contract-test-secret-long-enough-for-hs256";
const c = demoComponents();
let server: AgentOSServer;
let secured: AgentOSServer;

beforeAll(async () => {
  server = await startAgentOS({
    agents: [c.assistant, c.writer],
    teams: [c.team],
    workflows: [c.workflow],
    db: c.db,
  });
  secured = await startAgentOS({
    agents: [c.slow],
    db: c.db,
    authorization: true,
    authorizationConfig: { verificationKeys: [SECRET], algorithm: "HS256" },
  });
});
afterAll(async () => {
  await server?.close();
  await secured?.close();
});

describe("remote components are Components", () => {
  it("carry the Symbol.for('agno.component') brand, recognised by core's isComponent", () => {
    const agent = new RemoteAgent({ baseUrl: server.url, agentId: "assistant" });
    const team = new RemoteTeam({ baseUrl: server.url, teamId: "research-team" });
    const workflow = new RemoteWorkflow({ baseUrl: server.url, workflowId: "qa-workflow" });
    expect(COMPONENT_BRAND).toBe(CORE_BRAND);
    expect([agent.kind, team.kind, workflow.kind]).toEqual(["agent", "team", "workflow"]);
    expect([agent, team, workflow].map(componentKind)).toEqual(["agent", "team", "workflow"]);
    expect([agent, team, workflow].every(isComponent)).toBe(true);
    expect(agent[COMPONENT_BRAND]).toBe("agent");
    // the gateway's descriptor is still there
    expect(team[REMOTE_COMPONENT]).toMatchObject({ type: "team", id: "research-team" });
    const contracts: RemoteContract[] = [agent, team, workflow];
    expect(contracts).toHaveLength(3);
  });

  it("session methods need a session: the sessionId option, a run's, or an argument", async () => {
    const agent = new RemoteAgent({ baseUrl: server.url, agentId: "assistant" });
    await expect(agent.getSession()).rejects.toMatchObject({ code: "no_session" });
    await expect(agent.getChatHistory()).rejects.toThrow(
      'RemoteAgent "assistant" has no session yet',
    );
    const named = new RemoteAgent({ baseUrl: server.url, agentId: "writer", sessionId: "cc-opt" });
    expect(named.sessionId).toBe("cc-opt");
    const out = await named.run("Write");
    expect(out.session_id).toBe("cc-opt");
    expect((await named.getLastRunOutput())?.run_id).toBe(out.run_id);
  });

  it("RemoteAgent reads, updates and deletes its sessions over the session routes", async () => {
    const agent = new RemoteAgent({ baseUrl: server.url, agentId: "assistant" });
    const out = await agent.run("What is 2 + 3?", { sessionId: "cc-agent", userId: "ada" });
    expect(agent.sessionId).toBe("cc-agent");

    expect(await agent.getSession()).toMatchObject({
      session_id: "cc-agent",
      agent_id: "assistant",
      user_id: "ada",
    });
    expect(await agent.getSession("cc-agent", { userId: "bob" })).toBeNull();
    expect(await agent.getSession("no-such-session")).toBeNull();
    expect(await agent.getSessionName()).toBe("What is 2 + 3?");

    expect(await agent.getSessionState()).toEqual({});
    expect(await agent.updateSessionState({ theme: "dark" })).toEqual({ theme: "dark" });
    expect(await agent.updateSessionState({ lang: "en" })).toEqual({ theme: "dark", lang: "en" });
    expect(await agent.getSessionState("cc-agent")).toEqual({ theme: "dark", lang: "en" });

    const run = await agent.getRunOutput(out.run_id!);
    expect(run).toBeInstanceOf(RemoteRunOutput);
    expect(run).toMatchObject({ run_id: out.run_id, session_id: "cc-agent", status: "COMPLETED" });
    expect(String(run?.content)).toContain("5");
    expect(typeof run?.created_at).toBe("number");
    expect(run?.toDict()).toMatchObject({ input: { input_content: "What is 2 + 3?" } });
    expect(await agent.getRunOutput("no-such-run")).toBeNull();
    expect((await agent.getLastRunOutput())?.run_id).toBe(out.run_id);

    const history = (await agent.getChatHistory()) as Array<{ role: string; content: unknown }>;
    expect(history.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(history[0]?.content).toBe("What is 2 + 3?");

    expect(await agent.deleteSession("cc-agent")).toBe(true);
    expect(await agent.getSession("cc-agent")).toBeNull();
    expect(await agent.deleteSession("cc-agent")).toBe(false);
    expect(await agent.getLastRunOutput("cc-agent")).toBeNull();
  });

  it("updateSessionState creates a session that does not exist yet", async () => {
    const agent = new RemoteAgent({ baseUrl: server.url, agentId: "writer" });
    expect(await agent.updateSessionState({ step: 1 }, "cc-fresh")).toEqual({ step: 1 });
    expect(await agent.getSession("cc-fresh")).toMatchObject({
      agent_id: "writer",
      session_state: { step: 1 },
    });
  });

  it("a streamed run makes its session the current one", async () => {
    const agent = new RemoteAgent({ baseUrl: server.url, agentId: "writer" });
    const stream = agent.run("Write", { stream: true });
    for await (const _ of stream) {
      // read to the end
    }
    expect(stream.sessionId).toBeDefined();
    expect(agent.sessionId).toBe(stream.sessionId);
    expect((await agent.getLastRunOutput())?.run_id).toBe(stream.runId);
  });

  it("RemoteTeam's session methods read the team's own runs", async () => {
    const team = new RemoteTeam({ baseUrl: server.url, teamId: "research-team" });
    const out = await team.run("What is 2 + 3?", { sessionId: "cc-team" });
    expect(await team.getSession()).toMatchObject({
      session_id: "cc-team",
      team_id: "research-team",
    });
    const last = await team.getLastRunOutput();
    expect(last).toBeInstanceOf(RemoteTeamRunOutput);
    expect(last).toMatchObject({ run_id: out.run_id, team_id: "research-team" });
    expect(await team.getRunOutput(out.run_id!)).toMatchObject({ run_id: out.run_id });
    expect((await team.getChatHistory()).length).toBeGreaterThan(0);
    expect(await team.deleteSession("cc-team")).toBe(true);
  });

  it("RemoteWorkflow's session methods: runs, and the input and output of each as history", async () => {
    const workflow = new RemoteWorkflow({ baseUrl: server.url, workflowId: "qa-workflow" });
    const out = await workflow.run("Write", { sessionId: "cc-workflow" });
    const last = await workflow.getLastRunOutput();
    expect(last).toBeInstanceOf(RemoteWorkflowRunOutput);
    expect(last).toMatchObject({ run_id: out.run_id, status: "COMPLETED" });
    expect(await workflow.getChatHistory()).toEqual([
      { input: "Write", output: "A short poem about numbers." },
    ]);
    expect(await workflow.updateSessionState({ round: 2 })).toEqual({ round: 2 });
    expect(await workflow.getSessionState()).toEqual({ round: 2 });
    expect(await workflow.deleteSession("cc-workflow")).toBe(true);
  });

  it("cancelRun names the session of a run it streams (needed where users are isolated)", async () => {
    const user = await new SignJWT({ scopes: ["agents:read", "agents:run"] })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("user-7")
      .setIssuedAt()
      .setExpirationTime("10m")
      .sign(new TextEncoder().encode(SECRET));
    const agent = new RemoteAgent({ baseUrl: secured.url, agentId: "slow", authToken: user });
    expect(await agent.cancelRun("unknown-run")).toBe(false); // 400: session_id is required
    const stream = agent.run("Go", { stream: true });
    let cancelled: boolean | undefined;
    for await (const event of stream) {
      if (event.event === "RunStarted") cancelled = await agent.cancelRun(stream.runId!);
    }
    expect(cancelled).toBe(true);
    expect((await stream.output).status).toBe("CANCELLED");
  });
});
