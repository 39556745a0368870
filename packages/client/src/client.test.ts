import type { AgentOSServer } from "@agno/os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AgentOSClient } from "./client/agentos-client.js";
import { AgentOSHttpError } from "./errors.js";
import { demoComponents, startAgentOS } from "./test-helpers.js";

const c = demoComponents();
let server: AgentOSServer;
let client: AgentOSClient;

beforeAll(async () => {
  server = await startAgentOS({
    id: "client-test-os",
    name: "Client Test OS",
    agents: [c.assistant, c.guarded, c.slow, c.writer, c.tenantAgent],
    teams: [c.team],
    workflows: [c.workflow],
    db: c.db,
  });
  client = new AgentOSClient({ baseUrl: server.url });
});
afterAll(async () => {
  await server?.close();
});

async function httpError(promise: Promise<unknown>): Promise<AgentOSHttpError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!AgentOSHttpError.isInstance(error))
    throw new Error(`expected an AgentOSHttpError, got ${error}`);
  return error;
}

describe("discovery", () => {
  it("getConfig lists the agents, teams and workflows", async () => {
    const config = await client.getConfig();
    expect(config.os_id).toBe("client-test-os");
    // As the reference, /config carries no name (GET / does).
    expect(config.name).toBeUndefined();
    expect(config.agents.map((a) => a.id)).toEqual(
      expect.arrayContaining(["assistant", "guarded", "slow", "writer", "tenant-agent"]),
    );
    expect(config.teams.map((t) => t.id)).toEqual(["research-team"]);
    expect(config.workflows.map((w) => w.id)).toEqual(["qa-workflow"]);
  });

  it("getHealth and getModels", async () => {
    expect(await client.getHealth()).toMatchObject({ status: "ok" });
    const models = await client.getModels();
    expect(models).toEqual(expect.arrayContaining([expect.objectContaining({ id: "test" })]));
  });

  it("listAgents and getAgent (404 for an unknown agent)", async () => {
    const agents = await client.listAgents();
    expect(agents.map((a) => a.id)).toContain("assistant");
    const agent = await client.getAgent("assistant");
    expect(agent).toMatchObject({
      id: "assistant",
      name: "Assistant",
      description: "Adds numbers.",
    });
    const factory = await client.getAgent("tenant-agent");
    expect(factory).toMatchObject({ id: "tenant-agent", is_factory: true });
    expect(factory.factory_input_schema).toMatchObject({ type: "object" });
    const error = await httpError(client.getAgent("nope"));
    expect(error.status).toBe(404);
    expect(error.detail).toBe("Agent not found");
  });

  it("listTeams and getTeam", async () => {
    expect((await client.listTeams()).map((t) => t.id)).toEqual(["research-team"]);
    const team = await client.getTeam("research-team");
    expect(team).toMatchObject({ id: "research-team", name: "Research Team" });
    expect(team.members?.map((m) => m.id)).toEqual(["assistant"]);
    expect((await httpError(client.getTeam("nope"))).status).toBe(404);
  });

  it("listWorkflows and getWorkflow", async () => {
    expect((await client.listWorkflows()).map((w) => w.id)).toEqual(["qa-workflow"]);
    const workflow = await client.getWorkflow("qa-workflow");
    expect(workflow).toMatchObject({ id: "qa-workflow", name: "QA Workflow" });
    expect((await httpError(client.getWorkflow("nope"))).status).toBe(404);
  });
});

describe("agent runs", () => {
  it("runAgent resolves to the run's output", async () => {
    const out = await client.runAgent("assistant", "What is 2 + 3?", {
      sessionId: "s-agent",
      userId: "ada",
    });
    expect(out.status).toBe("COMPLETED");
    expect(out.agent_id).toBe("assistant");
    expect(out.session_id).toBe("s-agent");
    expect(out.user_id).toBe("ada");
    expect(String(out.content)).toContain("5");
    expect(out.tools?.[0]).toMatchObject({ tool_name: "add", result: "5" });
    expect(out.metrics?.total_tokens).toBeGreaterThan(0);
  });

  it("runAgentStream yields the run's events and its output", async () => {
    const stream = client.runAgentStream("assistant", "What is 2 + 3?", { sessionId: "s-agent" });
    const names: string[] = [];
    let text = "";
    for await (const event of stream) {
      names.push(event.event);
      if (event.event === "RunContent" && typeof event.content === "string") text += event.content;
    }
    expect(names[0]).toBe("RunStarted");
    expect(names).toContain("ToolCallStarted");
    expect(names).toContain("ToolCallCompleted");
    expect(names.at(-1)).toBe("RunCompleted");
    const output = await stream.output;
    expect(output.run_id).toBe(stream.runId);
    expect(output.status).toBe("COMPLETED");
    expect(output.content).toBe(text);
    expect(output.session_id).toBe("s-agent");
  });

  it("streamEvents: false streams content only", async () => {
    const names: string[] = [];
    const stream = client.runAgentStream("writer", "Write", { streamEvents: false });
    for await (const event of stream) names.push(event.event);
    expect(new Set(names)).toEqual(new Set(["RunContent"]));
    // No RunCompleted: the output is built from the deltas of a stream that ended cleanly.
    const output = await stream.output;
    expect(output).toMatchObject({ status: "COMPLETED", content: "A short poem about numbers." });
    expect(output.run_id).toBeDefined();
    expect(output.run_id).toBe(stream.runId);
  });

  it("getAgentRun and listAgentRuns read stored runs", async () => {
    const out = await client.runAgent("writer", "Write", { sessionId: "s-writer" });
    const run = await client.getAgentRun("writer", out.run_id!, { sessionId: "s-writer" });
    expect(run).toMatchObject({ run_id: out.run_id, content: "A short poem about numbers." });
    const runs = await client.listAgentRuns("writer", { sessionId: "s-writer" });
    expect(runs.map((r) => r.run_id)).toContain(out.run_id);
    const missing = await httpError(
      client.getAgentRun("writer", "nope", { sessionId: "s-writer" }),
    );
    expect(missing.status).toBe(404);
  });

  it("continueAgentRun continues a paused run", async () => {
    const paused = await client.runAgent("guarded", "Delete c-42", { sessionId: "s-guarded" });
    expect(paused.status).toBe("PAUSED");
    expect(paused.activeRequirements).toHaveLength(1);
    const tools = (paused.tools ?? []).map((t) => ({ ...t, confirmed: true }));
    const done = await client.continueAgentRun("guarded", paused.run_id!, {
      tools,
      sessionId: "s-guarded",
    });
    expect(done.status).toBe("COMPLETED");
    expect(done.tools?.[0]).toMatchObject({ result: "Deleted records of c-42" });
  });

  it("continueAgentRunStream streams the continuation", async () => {
    const paused = await client.runAgent("guarded", "Delete c-42", { sessionId: "s-guarded-2" });
    const tools = (paused.tools ?? []).map((t) => ({ ...t, confirmed: true }));
    const stream = client.continueAgentRunStream("guarded", paused.run_id!, {
      tools,
      sessionId: "s-guarded-2",
    });
    const names: string[] = [];
    for await (const event of stream) names.push(event.event);
    expect(names[0]).toBe("RunContinued");
    expect(names.at(-1)).toBe("RunCompleted");
    expect((await stream.output).status).toBe("COMPLETED");
  });

  it("cancelAgentRun cancels a running run", async () => {
    const stream = client.runAgentStream("slow", "Go", { sessionId: "s-slow" });
    const names: string[] = [];
    for await (const event of stream) {
      names.push(event.event);
      if (event.event === "RunStarted") await client.cancelAgentRun("slow", stream.runId!);
    }
    expect(names).toContain("RunCancelled");
    expect((await stream.output).status).toBe("CANCELLED");
  });

  it("leaving a stream early aborts the request, and the AgentOS cancels the run", async () => {
    const stream = client.runAgentStream("slow", "Go", { sessionId: "s-slow-break" });
    for await (const event of stream) {
      if (event.event === "RunContent") break;
    }
    await expect(stream.output).rejects.toMatchObject({ code: "stream_closed" });
    const runId = stream.runId!;
    let status: string | undefined;
    for (let i = 0; i < 200 && status !== "CANCELLED"; i++) {
      const run = await client
        .getAgentRun("slow", runId, { sessionId: "s-slow-break" })
        .catch(() => undefined);
      status = run?.status;
      if (status !== "CANCELLED") await new Promise((r) => setTimeout(r, 10));
    }
    expect(status).toBe("CANCELLED");
  });

  it("a background stream carries event_index on every event", async () => {
    const stream = client.runAgentStream("writer", "Write", {
      background: true,
      sessionId: "s-bgs",
    });
    const indexes: unknown[] = [];
    for await (const event of stream) indexes.push((event as { event_index?: number }).event_index);
    expect(indexes).toEqual(indexes.map((_, i) => i));
    const output = await stream.output;
    expect(output).toMatchObject({ status: "COMPLETED", content: "A short poem about numbers." });
    expect(output.toDict()).not.toHaveProperty("event_index");
  });

  it("background runs answer 202 with the run's id", async () => {
    const accepted = await client.runAgent("writer", "Write", {
      background: true,
      sessionId: "s-bg",
    });
    expect(accepted).toMatchObject({ session_id: "s-bg" });
    expect(typeof accepted.run_id).toBe("string");
  });
});

describe("team runs", () => {
  it("runTeam, runTeamStream, getTeamRun, listTeamRuns", async () => {
    const out = await client.runTeam("research-team", "What is 2 + 3?", { sessionId: "s-team" });
    expect(out.status).toBe("COMPLETED");
    expect(out.team_id).toBe("research-team");

    const stream = client.runTeamStream("research-team", "What is 2 + 3?", { sessionId: "s-team" });
    const names: string[] = [];
    for await (const event of stream) names.push(event.event);
    expect(names[0]).toBe("TeamRunStarted");
    expect(names).toContain("RunStarted"); // the member's events are forwarded
    expect(names.at(-1)).toBe("TeamRunCompleted");
    const output = await stream.output;
    expect(output).toMatchObject({ team_id: "research-team", status: "COMPLETED" });

    const run = await client.getTeamRun("research-team", out.run_id!, { sessionId: "s-team" });
    expect(run.run_id).toBe(out.run_id);
    const runs = await client.listTeamRuns("research-team", { sessionId: "s-team" });
    expect(runs.map((r) => r.run_id)).toEqual(expect.arrayContaining([out.run_id, output.run_id]));
  });

  it("cancelTeamRun accepts a cancellation of a known run; an unknown run is a 404", async () => {
    const out = await client.runTeam("research-team", "What is 2 + 3?", { sessionId: "s-team-c" });
    await expect(client.cancelTeamRun("research-team", out.run_id!)).resolves.toBeUndefined();
    await expect(client.cancelTeamRun("research-team", "some-run")).rejects.toMatchObject({
      status: 404,
      detail: "Run not found",
    });
  });
});

describe("workflow runs", () => {
  it("runWorkflow, runWorkflowStream, getWorkflowRun, listWorkflowRuns, cancelWorkflowRun", async () => {
    const out = await client.runWorkflow("qa-workflow", "Write a poem", { sessionId: "s-wf" });
    expect(out.status).toBe("COMPLETED");
    expect(out.content).toBe("A short poem about numbers.");
    expect(out.workflow_id).toBe("qa-workflow");

    const stream = client.runWorkflowStream("qa-workflow", "Write a poem", { sessionId: "s-wf" });
    const names: string[] = [];
    for await (const event of stream) names.push(event.event);
    expect(names[0]).toBe("WorkflowStarted");
    expect(names).toContain("StepStarted");
    expect(names.at(-1)).toBe("WorkflowCompleted");
    const output = await stream.output;
    expect(output).toMatchObject({ status: "COMPLETED", content: "A short poem about numbers." });
    expect(output.run_id).toBe(stream.runId);

    const run = await client.getWorkflowRun("qa-workflow", out.run_id!, { sessionId: "s-wf" });
    expect(run).toMatchObject({ run_id: out.run_id, content: "A short poem about numbers." });
    const runs = await client.listWorkflowRuns("qa-workflow", { sessionId: "s-wf" });
    expect(runs.map((r) => r.run_id)).toEqual(expect.arrayContaining([out.run_id, output.run_id]));
    await expect(client.cancelWorkflowRun("qa-workflow", out.run_id!)).resolves.toBeUndefined();
    await expect(client.cancelWorkflowRun("qa-workflow", "some-run")).rejects.toMatchObject({
      status: 404,
    });
  });
});

describe("memories", () => {
  it("create, get, list with filters and pages, update, topics, stats, delete", async () => {
    const m1 = await client.createMemory({
      memory: "Prefers dark mode",
      userId: "mem-user",
      topics: ["preferences", "ui"],
    });
    expect(m1).toMatchObject({ memory: "Prefers dark mode", user_id: "mem-user" });
    const m2 = await client.createMemory({
      memory: "Lives in Lisbon",
      userId: "mem-user",
      topics: ["home"],
    });
    await client.createMemory({ memory: "Likes tea", userId: "other-user", topics: ["food"] });

    expect(await client.getMemory(m1.memory_id, { userId: "mem-user" })).toMatchObject({
      memory_id: m1.memory_id,
      topics: ["preferences", "ui"],
    });

    const byUser = await client.listMemories({ userId: "mem-user" });
    expect(byUser.data.map((m) => m.memory_id).sort()).toEqual([m1.memory_id, m2.memory_id].sort());
    expect(byUser.meta).toMatchObject({ page: 1, limit: 20, total_count: 2, total_pages: 1 });

    const byTopic = await client.listMemories({ userId: "mem-user", topics: ["preferences"] });
    expect(byTopic.data.map((m) => m.memory_id)).toEqual([m1.memory_id]);
    const bySearch = await client.listMemories({ searchContent: "lisbon" });
    expect(bySearch.data.map((m) => m.memory_id)).toEqual([m2.memory_id]);
    const page2 = await client.listMemories({ userId: "mem-user", limit: 1, page: 2 });
    expect(page2.data).toHaveLength(1);
    expect(page2.meta).toMatchObject({ page: 2, limit: 1, total_pages: 2, total_count: 2 });

    const updated = await client.updateMemory(m1.memory_id, {
      memory: "Strongly prefers dark mode",
      userId: "mem-user",
      topics: ["preferences", "ui", "accessibility"],
    });
    expect(updated).toMatchObject({ memory: "Strongly prefers dark mode" });
    expect(await client.getMemoryTopics({ userId: "mem-user" })).toEqual(
      expect.arrayContaining(["preferences", "ui", "accessibility", "home"]),
    );
    const stats = await client.getUserMemoryStats();
    expect(stats.data).toEqual(
      expect.arrayContaining([expect.objectContaining({ user_id: "mem-user", total_memories: 2 })]),
    );

    await client.deleteMemory(m1.memory_id, { userId: "mem-user" });
    expect((await httpError(client.getMemory(m1.memory_id))).status).toBe(404);
    await client.deleteMemories([m2.memory_id], { userId: "mem-user" });
    expect((await client.listMemories({ userId: "mem-user" })).data).toEqual([]);
  });

  it("surfaces validation errors as AgentOSHttpError", async () => {
    const error = await httpError(client.createMemory({ memory: "No user" }));
    expect(error.status).toBe(400);
    expect(error.detail).toBe("User ID is required");
  });
});

describe("sessions", () => {
  it("create, list with filters and pages, get, runs, rename, update, delete", async () => {
    const created = await client.createSession({
      sessionType: "agent",
      sessionId: "s-created",
      agentId: "writer",
      userId: "sess-user",
      sessionName: "My chat",
      sessionState: { theme: "dark" },
    });
    expect(created).toMatchObject({ session_id: "s-created", session_name: "My chat" });
    const conflict = await httpError(
      client.createSession({ sessionId: "s-created", agentId: "writer" }),
    );
    expect(conflict.status).toBe(409);

    const run = await client.runAgent("writer", "Write", {
      sessionId: "s-created",
      userId: "sess-user",
    });
    await client.runAgent("writer", "Write", { sessionId: "s-other", userId: "sess-user" });

    const listed = await client.getSessions({ sessionType: "agent", userId: "sess-user" });
    expect(listed.data.map((s) => s.session_id).sort()).toEqual(["s-created", "s-other"]);
    const named = await client.listSessions({ sessionName: "my ch" });
    expect(named.data.map((s) => s.session_id)).toEqual(["s-created"]);
    const page = await client.getSessions({
      userId: "sess-user",
      limit: 1,
      page: 1,
      sortOrder: "asc",
    });
    expect(page.data).toHaveLength(1);
    expect(page.meta).toMatchObject({ total_count: 2, total_pages: 2 });
    const byComponent = await client.getSessions({ sessionType: "agent", componentId: "writer" });
    expect(byComponent.data.map((s) => s.session_id)).toContain("s-created");

    const detail = await client.getSession("s-created", { sessionType: "agent" });
    expect(detail).toMatchObject({
      session_id: "s-created",
      agent_id: "writer",
      user_id: "sess-user",
    });
    const runs = await client.getSessionRuns("s-created");
    expect(runs.map((r) => r.run_id)).toEqual([run.run_id]);
    expect(await client.getSessionRun("s-created", run.run_id!)).toMatchObject({
      run_id: run.run_id,
    });

    expect(await client.renameSession("s-created", "Renamed")).toMatchObject({
      session_name: "Renamed",
    });
    const patched = await client.updateSession("s-created", { sessionState: { theme: "light" } });
    expect(patched.session_state).toMatchObject({ theme: "light" });

    await client.deleteSession("s-created");
    expect((await httpError(client.getSession("s-created"))).status).toBe(404);
    await client.deleteSessions(["s-other"], ["agent"]);
    expect((await client.getSessions({ userId: "sess-user" })).data).toEqual([]);
  });
});

describe("knowledge", () => {
  it("lists, reads, updates and deletes contents; uploads and search answer the server's status", async () => {
    await c.db.upsertKnowledgeContent({
      id: "doc-1",
      name: "Guide",
      description: "The guide",
      status: "completed",
      size: 42,
    });
    const list = await client.listKnowledgeContent({ limit: 10 });
    expect(list.data.map((k) => k.id)).toContain("doc-1");
    expect(await client.getKnowledgeContent("doc-1")).toMatchObject({ id: "doc-1", name: "Guide" });
    expect(await client.getKnowledgeContentStatus("doc-1")).toMatchObject({ status: "completed" });
    const updated = await client.updateKnowledgeContent("doc-1", {
      name: "Guide v2",
      metadata: { v: 2 },
    });
    expect(updated).toMatchObject({ name: "Guide v2", metadata: { v: 2 } });
    const config = await client.getKnowledgeConfig();
    expect(config).toHaveProperty("readers");
    expect(await client.deleteKnowledgeContent("doc-1")).toMatchObject({ id: "doc-1" });
    expect((await httpError(client.getKnowledgeContent("doc-1"))).status).toBe(404);
    await client.deleteAllKnowledgeContent();

    // Ingestion is not available in this AgentOS yet: the client surfaces its 501.
    const upload = await httpError(
      client.uploadKnowledgeContent({ name: "Notes", textContent: "Agno is an agent framework." }),
    );
    expect(upload.status).toBe(501);
    expect((await httpError(client.searchKnowledge("What is Agno?"))).status).toBe(501);
  });
});

describe("traces, metrics and evals", () => {
  it("getTraces filters and pages; getTrace answers the trace or 404", async () => {
    const t = (id: string, agent: string) => ({
      trace_id: id,
      name: `${agent}.run`,
      status: "OK",
      start_time: "2025-01-01T00:00:00.000Z",
      end_time: "2025-01-01T00:00:01.000Z",
      duration_ms: 1000,
      agent_id: agent,
      run_id: `run-${id}`,
      created_at: "2025-01-01T00:00:00.000Z",
    });
    await c.db.upsertTrace(t("trace-1", "assistant"));
    await c.db.upsertTrace(t("trace-2", "writer"));
    await c.db.createSpans([
      {
        span_id: "span-1",
        trace_id: "trace-1",
        name: "assistant.run",
        span_kind: "AGENT",
        status_code: "OK",
        start_time: "2025-01-01T00:00:00.000Z",
        end_time: "2025-01-01T00:00:01.000Z",
        duration_ms: 1000,
        created_at: "2025-01-01T00:00:00.000Z",
      },
    ]);
    const all = await client.getTraces();
    expect(all.data.map((x) => x.trace_id).sort()).toEqual(["trace-1", "trace-2"]);
    const byAgent = await client.listTraces({ agentId: "writer" });
    expect(byAgent.data.map((x) => x.trace_id)).toEqual(["trace-2"]);
    const page = await client.getTraces({ limit: 1, page: 2 });
    expect(page.data).toHaveLength(1);
    expect(page.meta).toMatchObject({ page: 2, total_count: 2 });
    const detail = await client.getTrace("trace-1");
    expect(detail).toMatchObject({ trace_id: "trace-1" });
    expect((await httpError(client.getTrace("nope"))).status).toBe(404);
  });

  it("refreshMetrics computes the daily metrics that getMetrics reads", async () => {
    const refreshed = await client.refreshMetrics();
    expect(Array.isArray(refreshed)).toBe(true);
    const today = new Date();
    const metrics = await client.getMetrics({ startingDate: "2000-01-01", endingDate: today });
    expect(metrics.metrics.length).toBeGreaterThan(0);
    expect(metrics.metrics[0]).toHaveProperty("agent_runs_count");
  });

  it("listEvalRuns answers a page", async () => {
    const evals = await client.listEvalRuns();
    expect(evals.meta).toMatchObject({ page: 1 });
    expect((await httpError(client.getEvalRun("nope"))).status).toBe(404);
  });
});
