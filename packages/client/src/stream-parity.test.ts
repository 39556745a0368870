import { Agent, InMemoryDb, Step, Team, TestModel, Workflow } from "@agno/core";
import type { AgentOSServer } from "@agno/os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AgentOSClient } from "./client/agentos-client.js";
import { add, startAgentOS } from "./test-helpers.js";

/** Values that differ between two runs of the same thing: ids and clocks. */
const VOLATILE = new Set([
  "run_id",
  "session_id",
  "parent_run_id",
  "workflow_run_id",
  "created_at",
  "updated_at",
  "tool_call_id",
  "child_run_id",
  "id",
  "step_id",
  "duration",
  "time_to_first_token",
  "start_time",
  "end_time",
  "event_index",
  "step_run_id",
  "workflow_step_id",
]);

function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!VOLATILE.has(k)) out[k] = normalize(v);
    return out;
  }
  // a tool call's wall time shows in the text the model reads back
  if (typeof value === "string") return value.replace(/ in \d+\.\d+s\b/g, " in <t>s");
  return value;
}

/** The wire form of an in-process event (what JSON serialization keeps). */
const wire = (event: unknown) => normalize(JSON.parse(JSON.stringify(event)));

function makeAgent() {
  return new Agent({
    id: "calc",
    name: "Calculator",
    model: new TestModel({ toolArgs: { add: { a: 2, b: 3 } }, chunkSize: 4 }),
    tools: [add],
    instructions: "Add numbers.",
    db: new InMemoryDb(),
  });
}

const remoteAgent = makeAgent();
const remoteTeam = new Team({
  id: "team",
  name: "Team",
  model: new TestModel({ callTools: ["delegate_task_to_member"], chunkSize: 7 }),
  members: [makeAgent()],
  db: new InMemoryDb(),
});
const remoteWorkflow = new Workflow({
  id: "wf",
  name: "Workflow",
  steps: [new Step({ name: "calc", agent: makeAgent() })],
  db: new InMemoryDb(),
});
let server: AgentOSServer;
let client: AgentOSClient;

beforeAll(async () => {
  server = await startAgentOS({
    agents: [remoteAgent],
    teams: [remoteTeam],
    workflows: [remoteWorkflow],
  });
  client = new AgentOSClient({ baseUrl: server.url });
});
afterAll(async () => {
  await server?.close();
});

describe("a streamed run over the wire equals the same run in-process", () => {
  it("agent: same event names and contents", async () => {
    const local: unknown[] = [];
    for await (const e of makeAgent().run("What is 2 + 3?", { stream: true, streamEvents: true }))
      local.push(wire(e));
    const remote: unknown[] = [];
    const stream = client.runAgentStream("calc", "What is 2 + 3?", { streamEvents: true });
    for await (const e of stream) remote.push(normalize(e));
    expect(remote.map((e) => (e as { event: string }).event)).toEqual(
      local.map((e) => (e as { event: string }).event),
    );
    expect(remote).toEqual(local);
    expect((await stream.output).content).toBe((local.at(-1) as { content?: unknown }).content);
  });

  it("team: same event names and contents (members' events included)", async () => {
    const localTeam = new Team({
      id: "team",
      name: "Team",
      model: new TestModel({ callTools: ["delegate_task_to_member"], chunkSize: 7 }),
      members: [makeAgent()],
      db: new InMemoryDb(),
    });
    const local: unknown[] = [];
    for await (const e of localTeam.run("What is 2 + 3?", { stream: true, streamEvents: true }))
      local.push(wire(e));
    const remote: unknown[] = [];
    for await (const e of client.runTeamStream("team", "What is 2 + 3?", { streamEvents: true }))
      remote.push(normalize(e));
    expect(remote.map((e) => (e as { event: string }).event)).toEqual(
      local.map((e) => (e as { event: string }).event),
    );
    expect(remote).toEqual(local);
  });

  it("workflow: same event names and contents", async () => {
    const localWorkflow = new Workflow({
      id: "wf",
      name: "Workflow",
      steps: [new Step({ name: "calc", agent: makeAgent() })],
      db: new InMemoryDb(),
    });
    const local: unknown[] = [];
    for await (const e of localWorkflow.run("What is 2 + 3?", { stream: true, streamEvents: true }))
      local.push(wire(e));
    const remote: unknown[] = [];
    for await (const e of client.runWorkflowStream("wf", "What is 2 + 3?", { streamEvents: true }))
      remote.push(normalize(e));
    expect(remote.map((e) => (e as { event: string }).event)).toEqual(
      local.map((e) => (e as { event: string }).event),
    );
    expect(remote).toEqual(local);
  });
});
