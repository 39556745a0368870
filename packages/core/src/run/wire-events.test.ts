import { describe, expect, it } from "vitest";
import {
  Agent,
  FunctionModel,
  type Message,
  type ModelResponse,
  type RunOutputEvent,
  Team,
  TestModel,
  tool,
} from "../index.js";

async function collect(stream: AsyncIterable<RunOutputEvent>): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const e of stream) out.push(e as unknown as Record<string, unknown>);
  return out;
}

/** The event's JSON with the values that change from run to run replaced. */
function shape(event: Record<string, unknown>): string {
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(event)) {
    copy[k] = ["created_at", "run_id", "session_id", "time_to_first_token"].includes(k) ? "*" : v;
  }
  return JSON.stringify(copy);
}

describe("events on the wire, as the reference serializes them", () => {
  it("RunContent carries workflow_agent: false between content and content_type", async () => {
    const agent = new Agent({ name: "Web Agent", model: new TestModel({ text: "Hel" }) });
    const events = await collect(agent.run("hi", { stream: true, streamEvents: true }));
    const content = events.find((e) => e.event === "RunContent")!;
    expect(shape(content)).toBe(
      '{"created_at":"*","event":"RunContent","agent_id":"web-agent","agent_name":"Web Agent","run_id":"*","session_id":"*","nested_depth":0,"content":"Hel","workflow_agent":false,"content_type":"str"}',
    );
  });

  it("wraps each model request in ModelRequestStarted and ModelRequestCompleted", async () => {
    const agent = new Agent({ name: "Web Agent", model: new TestModel({ text: "ok" }) });
    const events = await collect(agent.run("hi", { stream: true, streamEvents: true }));
    expect(events.map((e) => e.event)).toEqual([
      "RunStarted",
      "ModelRequestStarted",
      "RunContent",
      "ModelRequestCompleted",
      "RunContentCompleted",
      "RunCompleted",
    ]);
    expect(shape(events[1]!)).toBe(
      '{"created_at":"*","event":"ModelRequestStarted","agent_id":"web-agent","agent_name":"Web Agent","run_id":"*","session_id":"*","nested_depth":0,"model":"test","model_provider":"Test"}',
    );
    const completed = events[3]!;
    expect(Object.keys(completed)).toEqual([
      "created_at",
      "event",
      "agent_id",
      "agent_name",
      "run_id",
      "session_id",
      "nested_depth",
      "model",
      "model_provider",
      "input_tokens",
      "output_tokens",
      "total_tokens",
      "time_to_first_token",
    ]);
    expect(completed.total_tokens).toBe(
      (completed.input_tokens as number) + (completed.output_tokens as number),
    );
  });

  it("names a team's model requests TeamModelRequest*, with its reasoning and cache tokens", async () => {
    const team = new Team({ name: "Desk", model: new TestModel({ text: "ok" }), members: [] });
    const events = await collect(team.run("hi", { stream: true, streamEvents: true }));
    const names = events.map((e) => e.event);
    expect(names).toContain("TeamModelRequestStarted");
    const completed = events.find((e) => e.event === "TeamModelRequestCompleted")!;
    expect(completed).toMatchObject({ team_id: "desk", model: "test", model_provider: "Test" });
    expect(events.find((e) => e.event === "TeamRunContent")).not.toHaveProperty("workflow_agent");
  });

  it("ends a cancelled run with RunCancelled then RunCompleted, both stored", async () => {
    const agent = new Agent({
      model: new TestModel({ text: "a long answer", chunkSize: 1, latencyMs: 5 }),
      storeEvents: true,
    });
    const stream = agent.run("go", { stream: true, streamEvents: true });
    const events: Record<string, unknown>[] = [];
    for await (const event of stream) {
      events.push(event as unknown as Record<string, unknown>);
      if (event.event === "RunContent") agent.cancelRun(stream.runId);
    }
    expect(events.slice(-2).map((e) => e.event)).toEqual(["RunCancelled", "RunCompleted"]);
    const output = await stream.output;
    expect(output.status).toBe("CANCELLED");
    expect(output.events?.slice(-2).map((e) => e.event)).toEqual(["RunCancelled", "RunCompleted"]);
  });

  it("puts the requirements on RunPaused and on the paused run", async () => {
    const confirmDelete = tool({
      name: "delete_file",
      description: "Delete a file.",
      inputSchema: { type: "object", properties: { path: { type: "string" } } },
      requiresConfirmation: true,
      execute: () => "deleted",
    });
    const model = new FunctionModel((messages: Message[]): ModelResponse | string =>
      messages.at(-1)?.role === "tool"
        ? "Done."
        : {
            content: null,
            toolCalls: [
              {
                id: "c1",
                type: "function",
                function: { name: "delete_file", arguments: '{"path":"/tmp/x"}' },
              },
            ],
          },
    );
    const agent = new Agent({ model, tools: [confirmDelete] });
    const events = await collect(agent.run("delete it", { stream: true, streamEvents: true }));
    const paused = events.at(-1)!;
    expect(paused.event).toBe("RunPaused");
    const requirements = paused.requirements as Array<Record<string, unknown>>;
    expect(requirements).toHaveLength(1);
    expect(Object.keys(requirements[0]!)).toEqual([
      "id",
      "created_at",
      "execute_pre_hooks",
      "tool_execution",
    ]);
    expect(requirements[0]!.tool_execution).toMatchObject({
      tool_call_id: "c1",
      tool_name: "delete_file",
      requires_confirmation: true,
    });
    const output = await agent.run("delete it");
    expect(output.toDict().requirements).toEqual([
      expect.objectContaining({ tool_execution: expect.objectContaining({ tool_call_id: "c1" }) }),
    ]);
    const done = await agent.continueRun({
      runOutput: output,
      updatedTools: output.tools!.map((t) => ({ ...t, confirmed: true })),
    });
    expect(done.status).toBe("COMPLETED");
    expect(done.toDict()).not.toHaveProperty("requirements");
  });
});
