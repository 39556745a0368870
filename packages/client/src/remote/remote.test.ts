import {
  InMemoryDb,
  type RunnableExecutor,
  type RunOutputEvent,
  Step,
  Team,
  type TeamMember,
  type TeamRunOutput,
  TestModel,
  Workflow,
} from "@agno/core";
import type { AgentOSServer } from "@agno/os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoComponents, startAgentOS } from "../test-helpers.js";
import { RemoteAgent } from "./remote-agent.js";
import { RemoteTeam } from "./remote-team.js";
import { RemoteWorkflow } from "./remote-workflow.js";

const c = demoComponents();
let server: AgentOSServer;

beforeAll(async () => {
  server = await startAgentOS({
    agents: [c.assistant, c.guarded, c.slow, c.writer],
    teams: [c.team],
    workflows: [c.workflow],
    db: c.db,
  });
});
afterAll(async () => {
  await server?.close();
});

describe("RemoteAgent", () => {
  it("knows its id at once and its configuration once loaded (cached for configTtl)", async () => {
    const agent = new RemoteAgent({ baseUrl: server.url, agentId: "assistant" });
    expect(agent.id).toBe("assistant");
    expect(agent.name).toBeUndefined();
    const config = await agent.getAgentConfig();
    expect(config).toMatchObject({ id: "assistant", name: "Assistant" });
    expect(agent.name).toBe("Assistant");
    expect(agent.description).toBe("Adds numbers.");
    expect(agent.role).toBe("calculator");
    expect(agent.tools?.map((t) => t.name)).toEqual(["add"]);
    expect(agent.resolvedTools().tools).toEqual([
      expect.objectContaining({ name: "add", description: "Add two numbers." }),
    ]);
    expect(agent.db?.id).toBe("client-test-db");
    expect(agent.knowledge).toBeUndefined();
    expect(await agent.refreshConfig()).toMatchObject({ id: "assistant" });
    expect(await agent.loadConfig()).toBe(agent.cachedConfig);
  });

  it("run resolves to the output; stream: true yields events with runId and output", async () => {
    const agent = new RemoteAgent({ baseUrl: server.url, agentId: "assistant" });
    const out = await agent.run("What is 2 + 3?", { userId: "ada", sessionId: "ra-1" });
    expect(out).toMatchObject({ status: "COMPLETED", user_id: "ada", session_id: "ra-1" });
    expect(String(out.content)).toContain("5");

    const stream = agent.run("What is 2 + 3?", { stream: true, sessionId: "ra-1" });
    const names: string[] = [];
    for await (const event of stream) names.push(event.event);
    expect(names[0]).toBe("RunStarted");
    expect(names.at(-1)).toBe("RunCompleted");
    expect(stream.runId).toBeDefined();
    const output = await stream.output;
    expect(output.run_id).toBe(stream.runId);
    // a run also loads the configuration in the background
    await agent.loadConfig();
    expect(agent.name).toBe("Assistant");
  });

  it("continueRun continues a paused run from its output", async () => {
    const agent = new RemoteAgent({ baseUrl: server.url, agentId: "guarded" });
    const paused = await agent.run("Delete c-42", { sessionId: "ra-guarded" });
    expect(paused.isPaused).toBe(true);
    for (const t of paused.tools ?? []) t.confirmed = true;
    const done = await agent.continueRun({ runOutput: paused });
    expect(done.status).toBe("COMPLETED");
    const paused2 = await agent.run("Delete c-42", { sessionId: "ra-guarded" });
    const stream = agent.continueRun({
      runId: paused2.run_id!,
      sessionId: "ra-guarded",
      updatedTools: (paused2.tools ?? []).map((t) => ({ ...t, confirmed: true })),
      stream: true,
    });
    for await (const _ of stream) {
      // read to the end
    }
    expect((await stream.output).status).toBe("COMPLETED");
  });

  it("cancelRun cancels a running run and answers true", async () => {
    const agent = new RemoteAgent({ baseUrl: server.url, agentId: "slow" });
    const stream = agent.run("Go", { stream: true });
    let cancelled: boolean | undefined;
    for await (const event of stream) {
      if (event.event === "RunStarted") cancelled = await agent.cancelRun(stream.runId!);
    }
    expect(cancelled).toBe(true);
    expect((await stream.output).status).toBe("CANCELLED");
  });

  it("cancelRun answers false when the AgentOS refuses", async () => {
    const agent = new RemoteAgent({ baseUrl: server.url, agentId: "unknown-agent" });
    expect(await agent.cancelRun("r")).toBe(false);
  });
});

describe("RemoteTeam", () => {
  it("loads its configuration and runs (plain and streamed)", async () => {
    const team = new RemoteTeam({ baseUrl: server.url, teamId: "research-team" });
    expect(team.id).toBe("research-team");
    const config = await team.getTeamConfig();
    expect(config.members?.map((m) => m.id)).toEqual(["assistant"]);
    expect(team.name).toBe("Research Team");
    expect(team.members?.[0]?.id).toBe("assistant");
    const out = await team.run("What is 2 + 3?");
    expect(out).toMatchObject({ team_id: "research-team", status: "COMPLETED" });
    const stream = team.run("What is 2 + 3?", { stream: true });
    const names: string[] = [];
    for await (const event of stream) names.push(event.event);
    expect(names.at(-1)).toBe("TeamRunCompleted");
    expect((await stream.output).run_id).toBe(stream.runId);
    expect(await team.cancelRun(out.run_id!)).toBe(true);
    expect(await team.cancelRun("some-run")).toBe(false);
  });
});

describe("RemoteWorkflow", () => {
  it("loads its configuration and runs (plain and streamed)", async () => {
    const workflow = new RemoteWorkflow({ baseUrl: server.url, workflowId: "qa-workflow" });
    const config = await workflow.getWorkflowConfig();
    expect(config).toMatchObject({ id: "qa-workflow", name: "QA Workflow" });
    expect(workflow.name).toBe("QA Workflow");
    expect(workflow.description).toBe("Writes, then adds.");
    expect(workflow.db?.id).toBe("client-test-db");
    const out = await workflow.run("Write", { userId: "ada", additionalData: { tone: "warm" } });
    expect(out).toMatchObject({ status: "COMPLETED", content: "A short poem about numbers." });
    const stream = workflow.run("Write", { stream: true });
    const names: string[] = [];
    for await (const event of stream) names.push(event.event);
    expect(names.at(-1)).toBe("WorkflowCompleted");
    expect((await stream.output).content).toBe("A short poem about numbers.");
    expect(await workflow.cancelRun(out.run_id!)).toBe(true);
    expect(await workflow.cancelRun("some-run")).toBe(false);
  });
});

describe("a remote agent in local components", () => {
  it("satisfies TeamMember and RunnableExecutor", () => {
    const agent = new RemoteAgent({ baseUrl: server.url, agentId: "assistant" });
    const team = new RemoteTeam({ baseUrl: server.url, teamId: "research-team" });
    const members: TeamMember[] = [agent, team];
    const executor: RunnableExecutor = agent;
    expect(members).toHaveLength(2);
    expect(executor.id).toBe("assistant");
  });

  it("works as a member of a local Team", async () => {
    const remote = new RemoteAgent({ baseUrl: server.url, agentId: "assistant" });
    await remote.refreshConfig();
    const team = new Team({
      id: "local-team",
      name: "Local Team",
      model: new TestModel({ callTools: ["delegate_task_to_member"] }),
      members: [remote],
      storeMemberResponses: true,
      db: new InMemoryDb(),
    });
    const events: RunOutputEvent[] = [];
    const stream = team.run("What is 2 + 3?", { stream: true, streamEvents: true });
    for await (const event of stream) events.push(event);
    const names = events.map((e) => e.event);
    expect(names[0]).toBe("TeamRunStarted");
    // the remote member's own events, forwarded into the local team's stream
    const memberEvents = events.filter(
      (e) => (e as { agent_id?: string }).agent_id === "assistant",
    );
    expect(memberEvents.map((e) => e.event)).toEqual(
      expect.arrayContaining(["RunStarted", "ToolCallCompleted", "RunCompleted"]),
    );
    expect(names).toContain("TeamToolCallCompleted");
    const output = (await stream.output) as TeamRunOutput;
    expect(output.status).toBe("COMPLETED");
    const member = output.member_responses[0]!;
    expect(member.agent_id).toBe("assistant");
    expect(String(member.content)).toContain("5");
    expect(JSON.stringify(output.content)).toContain("5");

    // the member's run happened on the remote AgentOS
    const remoteRun = await remote.client.getAgentRun("assistant", member.run_id!, {
      sessionId: member.session_id!,
    });
    expect(remoteRun.run_id).toBe(member.run_id);

    // non-streamed team runs work too
    const plain = await team.run("What is 2 + 3?");
    expect(plain.status).toBe("COMPLETED");
  });

  it("works as the agent of a workflow Step", async () => {
    const remote = new RemoteAgent({ baseUrl: server.url, agentId: "writer" });
    const workflow = new Workflow({
      name: "Local Workflow",
      steps: [new Step({ name: "remote-write", agent: remote })],
    });
    const out = await workflow.run("Write a poem");
    expect(out.status).toBe("COMPLETED");
    expect(out.content).toBe("A short poem about numbers.");

    const stream = workflow.run("Write a poem", { stream: true, streamEvents: true });
    const events: Array<{ event: string; agent_id?: string; step_name?: string }> = [];
    for await (const event of stream) events.push(event as (typeof events)[number]);
    const names = events.map((e) => e.event);
    expect(names[0]).toBe("WorkflowStarted");
    expect(names.at(-1)).toBe("WorkflowCompleted");
    const remoteCompleted = events.find((e) => e.event === "RunCompleted");
    expect(remoteCompleted).toMatchObject({ agent_id: "writer", step_name: "remote-write" });
    expect((await stream.output).content).toBe("A short poem about numbers.");
  });
});
