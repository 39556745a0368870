import { Agent, InMemoryDb, Step, Team, TestModel, Workflow } from "@agno/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AgentOS } from "../agent-os.js";
import type { AgentOSServer } from "../options.js";
import { eventually, form, parseSse, serveOnLoopback } from "../test-helpers.js";

// The run routes are the same for agents, teams and workflows; these tests pin where the wire of
// one kind differs from the others.

const db = new InMemoryDb({ id: "kinds-db" });
const writer = new Agent({ id: "writer", model: new TestModel({ text: "Written." }) });
const crew = new Team({
  id: "crew",
  model: new TestModel({ callTools: false, text: "Crew answer." }),
  members: [writer],
});
const flow = new Workflow({
  id: "flow",
  steps: [new Step({ name: "write", agent: writer })],
});
const os = new AgentOS({ agents: [writer], teams: [crew], workflows: [flow], db });
let server: AgentOSServer;

beforeAll(async () => {
  server = await serveOnLoopback(os);
});
afterAll(async () => {
  await server.close();
});

const post = (path: string, fields: Record<string, string | Blob>) =>
  fetch(`${server.url}${path}`, { method: "POST", body: form(fields) });
const get = (path: string) => fetch(`${server.url}${path}`);

async function seedRun(
  type: "agent" | "team" | "workflow",
  sessionId: string,
  run: Record<string, unknown>,
  owner: Record<string, unknown> = {},
) {
  await db.upsertSession({
    session_id: sessionId,
    session_type: type,
    created_at: 1_700_000_000,
    ...owner,
    runs: [{ created_at: 1_700_000_001, ...run }],
  } as never);
}

describe("workflow continue", () => {
  it("answers 501 for a paused workflow run, after the 404 and 409 checks", async () => {
    await seedRun(
      "workflow",
      "wf-paused",
      { run_id: "wf-run-paused", workflow_id: "flow", status: "PAUSED" },
      { workflow_id: "flow" },
    );
    const paused = await post("/workflows/flow/runs/wf-run-paused/continue", {
      session_id: "wf-paused",
    });
    expect(paused.status).toBe(501);
    expect(await paused.json()).toEqual({
      detail: "Continuing paused workflow runs is not available yet in this AgentOS",
    });
    const unknown = await post("/workflows/flow/runs/nope/continue", { session_id: "wf-paused" });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ detail: "Run not found" });
  });

  it("reads step_requirements (a JSON array), not tools", async () => {
    const badJson = await post("/workflows/flow/runs/r1/continue", {
      step_requirements: "[",
      session_id: "wf-paused",
    });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toEqual({ detail: "Invalid JSON in step_requirements field" });
    const notArray = await post("/workflows/flow/runs/r1/continue", {
      step_requirements: '{"a":1}',
      session_id: "wf-paused",
    });
    expect(notArray.status).toBe(400);
    expect(await notArray.json()).toEqual({
      detail: "Invalid structure or content for step_requirements: expected a JSON array",
    });
    // `tools` and the agent-only options mean nothing to a workflow.
    const tools = await post("/workflows/flow/runs/wf-run-paused/continue", {
      tools: "[",
      fork: "true",
      session_id: "wf-paused",
    });
    expect(tools.status).toBe(501);
    const noSession = await post("/workflows/flow/runs/r1/continue", {});
    expect(noSession.status).toBe(400);
    expect(await noSession.json()).toEqual({ detail: "session_id is required for this action" });
  });

  it("teams read requirements (with their tool_execution) for continue", async () => {
    const bad = await post("/teams/crew/runs/r1/continue", {
      requirements: '[{"tool_execution":{"tool_name":"x"}}]',
      session_id: "s",
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      detail:
        "Invalid structure or content for requirements: each entry needs a tool_call_id (send complete tool executions)",
    });
  });
});

describe("workflow runs", () => {
  it("ignores uploaded files (workflows take no uploads; agents 400 an unknown type)", async () => {
    const file = new File([new Uint8Array([1, 2, 3])], "blob.weird", {
      type: "application/x-weird",
    });
    const agent = await post("/agents/writer/runs", {
      message: "hi",
      stream: "false",
      files: file,
    });
    expect(agent.status).toBe(400);
    const workflow = await post("/workflows/flow/runs", {
      message: "hi",
      stream: "false",
      files: file,
    });
    expect(workflow.status).toBe(200);
    expect(((await workflow.json()) as { status: string }).status).toBe("COMPLETED");
  });

  it("streams a detached background run with event_index and run_id", async () => {
    const res = await post("/workflows/flow/runs", {
      message: "hi",
      background: "true",
      session_id: "wf-bg-stream",
    });
    const frames = parseSse(await res.text());
    expect(frames[0]!.event).toBe("WorkflowStarted");
    expect(frames.at(-1)!.event).toBe("WorkflowCompleted");
    frames.forEach((f, i) => {
      expect(f.data.event_index).toBe(i);
      expect(typeof f.data.run_id).toBe("string");
    });
  });

  it("gets a background run while it is live, then from the database", async () => {
    const accepted = (await (
      await post("/workflows/flow/runs", {
        message: "hi",
        stream: "false",
        background: "true",
        session_id: "wf-bg-get",
      })
    ).json()) as { run_id: string; status: string };
    expect(accepted.status).toBe("PENDING");
    const done = await eventually(async () => {
      const r = await get(`/workflows/flow/runs/${accepted.run_id}?session_id=wf-bg-get`);
      if (r.status !== 200) return undefined;
      const json = (await r.json()) as Record<string, unknown>;
      return json.status === "COMPLETED" ? json : undefined;
    });
    expect(done).toMatchObject({ run_id: accepted.run_id, workflow_id: "flow" });
  });

  it("needs a database for background runs (400, naming the workflow)", async () => {
    const bare = new AgentOS({ workflows: [new Workflow({ id: "bare", steps: [] })] });
    const res = await bare.getApp().request("/workflows/bare/runs", {
      method: "POST",
      body: form({ message: "hi", background: "true", stream: "false" }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      detail: "Background execution requires a database to be configured on the workflow",
    });
  });

  it("lists stored runs that carry no workflow_id, and filters by status", async () => {
    await seedRun(
      "workflow",
      "wf-legacy",
      { run_id: "legacy-run", status: "COMPLETED", input: { input_content: "old" } },
      { workflow_id: "flow" },
    );
    const runs = (await (await get("/workflows/flow/runs?session_id=wf-legacy")).json()) as Array<
      Record<string, unknown>
    >;
    expect(runs.map((r) => r.run_id)).toEqual(["legacy-run"]);
    const none = (await (
      await get("/workflows/flow/runs?session_id=wf-legacy&status=ERROR")
    ).json()) as unknown[];
    expect(none).toEqual([]);
    const one = await get("/workflows/flow/runs/legacy-run?session_id=wf-legacy");
    expect(((await one.json()) as { run_id: string }).run_id).toBe("legacy-run");
  });

  it("answers the workflow WebSocket path with 501, not as a workflow id", async () => {
    const res = await get("/workflows/ws");
    expect(res.status).toBe(501);
    expect(await res.json()).toEqual({
      detail: "The workflow WebSocket is not available yet in this AgentOS",
    });
  });
});

describe("terminal error events", () => {
  it("ends a workflow stream that throws with WorkflowError carrying `error`", async () => {
    await seedRun(
      "workflow",
      "wf-owned",
      { run_id: "other", workflow_id: "flow", status: "COMPLETED" },
      { workflow_id: "flow", user_id: "alice" },
    );
    const res = await post("/workflows/flow/runs", {
      message: "hi",
      session_id: "wf-owned",
      user_id: "bob",
    });
    const last = parseSse(await res.text()).at(-1)!;
    expect(last.event).toBe("WorkflowError");
    expect(last.data).toMatchObject({ workflow_id: "flow", session_id: "wf-owned" });
    expect(typeof last.data.error).toBe("string");
    expect(last.data.content).toBeUndefined();
  });

  it("ends a team stream that throws with TeamRunError carrying `content`", async () => {
    await seedRun(
      "team",
      "team-owned",
      { run_id: "other", team_id: "crew", status: "COMPLETED" },
      { team_id: "crew", user_id: "alice" },
    );
    const res = await post("/teams/crew/runs", {
      message: "hi",
      session_id: "team-owned",
      user_id: "bob",
    });
    const last = parseSse(await res.text()).at(-1)!;
    expect(last.event).toBe("TeamRunError");
    expect(last.data).toMatchObject({ team_id: "crew", session_id: "team-owned" });
    expect(typeof last.data.content).toBe("string");
  });
});

describe("team run list", () => {
  it("lists the team's own runs, not its members' runs", async () => {
    const res = await post("/teams/crew/runs", {
      message: "hi",
      stream: "false",
      session_id: "team-list",
    });
    const run = (await res.json()) as { run_id: string };
    await seedRun(
      "team",
      "team-list-seeded",
      { run_id: "member-run", team_id: "crew", parent_run_id: run.run_id, status: "COMPLETED" },
      { team_id: "crew" },
    );
    const runs = (await (await get("/teams/crew/runs?session_id=team-list")).json()) as Array<
      Record<string, unknown>
    >;
    expect(runs.map((r) => r.run_id)).toEqual([run.run_id]);
    const seeded = (await (
      await get("/teams/crew/runs?session_id=team-list-seeded")
    ).json()) as unknown[];
    expect(seeded).toEqual([]);
  });
});
