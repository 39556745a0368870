import { describe, expect, it } from "vitest";
import {
  Agent,
  FunctionModel,
  InMemoryDb,
  type Message,
  type ModelResponse,
  type RunOutputEvent,
  Team,
  type TeamRunOutput,
  TestModel,
  tool,
  Workflow,
} from "../index.js";

const deleteRecords = tool({
  name: "delete_records",
  description: "Delete a customer's records.",
  inputSchema: { type: "object", properties: { customer_id: { type: "string" } } },
  requiresConfirmation: true,
  execute: (args: Record<string, unknown>) => `Deleted records of ${String(args.customer_id)}`,
});

const call = (id: string, name: string, args: Record<string, unknown>) => ({
  id,
  type: "function" as const,
  function: { name, arguments: JSON.stringify(args) },
});

/** A leader that delegates to `memberId` once, then answers with the member's result. */
function leader(memberId: string): FunctionModel {
  return new FunctionModel((messages: Message[]): ModelResponse | string => {
    const last = messages.at(-1)!;
    if (last.role === "tool" && last.tool_name === "delegate_task_to_member")
      return `Leader summary: ${last.content}`;
    return {
      content: null,
      toolCalls: [call("d1", "delegate_task_to_member", { member_id: memberId, task: "Go" })],
    };
  });
}

async function collect(stream: AsyncIterable<RunOutputEvent>): Promise<RunOutputEvent[]> {
  const out: RunOutputEvent[] = [];
  for await (const e of stream) out.push(e);
  return out;
}

describe("Team runs", () => {
  it("keeps member responses, metrics and stored member runs across continueRun", async () => {
    const db = new InMemoryDb();
    const member = new Agent({ id: "m", model: new TestModel({ text: "member says" }) });
    // The leader first asks to confirm its own tool, then (continued) delegates, then answers.
    const model = new FunctionModel((messages: Message[]): ModelResponse | string => {
      const last = messages.at(-1)!;
      if (last.role === "tool" && last.tool_name === "delete_records")
        return {
          content: null,
          toolCalls: [call("d1", "delegate_task_to_member", { member_id: "m", task: "Go" })],
        };
      if (last.role === "tool") return `Leader summary: ${last.content}`;
      return { content: null, toolCalls: [call("c1", "delete_records", { customer_id: "c-1" })] };
    });
    const team = new Team({
      id: "t",
      model,
      members: [member],
      tools: [deleteRecords],
      db,
      storeMemberResponses: true,
    });
    const paused = await team.run("clean up", { sessionId: "s1" });
    expect(paused.status).toBe("PAUSED");
    const tools = (paused.tools ?? []).map((t) => ({ ...t, confirmed: true }));
    const done = (await team.continueRun({
      runId: paused.run_id!,
      sessionId: "s1",
      updatedTools: tools,
    })) as TeamRunOutput;
    expect(done.status).toBe("COMPLETED");
    expect(done.content).toBe("Leader summary: member says");
    expect(done.member_responses).toHaveLength(1);
    expect(done.member_responses[0]!.content).toBe("member says");
    expect(done.metrics?.input_tokens ?? 0).toBeGreaterThan(paused.metrics?.input_tokens ?? 0);
    const stored = await db.getSession("s1");
    expect(stored?.runs?.filter((r) => r.parent_run_id === paused.run_id)).toHaveLength(1);
  });

  it("runs members in the team's session, in the stream and in storage", async () => {
    const db = new InMemoryDb();
    const member = new Agent({ id: "m", model: new TestModel({ text: "member says" }), db });
    const team = new Team({ id: "t", model: leader("m"), members: [member], db });
    const events = await collect(
      team.run("hi", { stream: true, streamEvents: true, sessionId: "team-s" }),
    );
    const sessions = new Set(
      events
        .filter((e) => e.event === "RunStarted" || e.event === "TeamRunStarted")
        .map((e) => e.session_id),
    );
    expect(sessions).toEqual(new Set(["team-s"]));
    // One session, the team's: the member's run is in it, not in a session of its own.
    const { items } = await db.getSessions({});
    expect(items.map((s) => [s.session_id, s.session_type])).toEqual([["team-s", "team"]]);
    expect(items[0]!.runs?.map((r) => r.agent_id ?? null)).toEqual(["m", null]);
    // A second message continues the same team session.
    await team.run("again", { sessionId: "team-s" });
    expect((await db.getSessions({})).items).toHaveLength(1);
  });

  it("puts member_responses on TeamRunCompleted", async () => {
    const member = new Agent({ id: "m", model: new TestModel({ text: "member says" }) });
    const team = new Team({ model: leader("m"), members: [member], storeMemberResponses: true });
    const events = await collect(team.run("hi", { stream: true, streamEvents: true }));
    const completed = events.find((e) => e.event === "TeamRunCompleted") as unknown as {
      member_responses: Array<{ content: string; agent_id: string }>;
    };
    expect(completed.member_responses).toEqual([
      expect.objectContaining({ agent_id: "m", content: "member says" }),
    ]);
  });

  it("pauses the team when a member's tool needs confirmation, and continueRun resumes the member", async () => {
    const db = new InMemoryDb();
    const member = new Agent({
      id: "clerk",
      name: "Clerk",
      model: new TestModel(),
      tools: [deleteRecords],
    });
    const team = new Team({ id: "t", model: leader("clerk"), members: [member], db });
    const events = await collect(
      team.run("clean up", { stream: true, streamEvents: true, sessionId: "s2" }),
    );
    expect(events.at(-1)?.event).toBe("TeamRunPaused");
    const paused = (await team.getRunOutput(events.at(-1)!.run_id!, "s2"))!;
    expect(paused.status).toBe("PAUSED");
    const waiting = paused.tools ?? [];
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatchObject({
      tool_name: "delete_records",
      requires_confirmation: true,
      member_agent_id: "clerk",
      member_agent_name: "Clerk",
    });
    const resumed = await collect(
      team.continueRun({
        runId: paused.run_id!,
        sessionId: "s2",
        updatedTools: waiting.map((t) => ({ ...t, confirmed: true })),
        stream: true,
        streamEvents: true,
      }),
    );
    const names = resumed.map((e) => e.event);
    expect(names).toContain("RunContinued"); // the member's
    expect(names).toContain("ToolCallCompleted");
    expect(names.at(-1)).toBe("TeamRunCompleted");
    const done = (await team.getRunOutput(paused.run_id!, "s2"))!;
    expect(done.status).toBe("COMPLETED");
    expect(String(done.content)).toContain("Deleted records of");
    const memberRun = (await db.getSession("s2"))?.runs?.find(
      (r) => r.parent_run_id === paused.run_id,
    );
    expect(memberRun).toMatchObject({ status: "COMPLETED", agent_id: "clerk" });
  });

  it("completes the team run with the member's answer when its tool is rejected", async () => {
    const member = new Agent({ id: "clerk", model: new TestModel(), tools: [deleteRecords] });
    const team = new Team({ model: leader("clerk"), members: [member] });
    const paused = await team.run("clean up");
    expect(paused.status).toBe("PAUSED");
    const rejected = await team.continueRun({
      runOutput: paused,
      updatedTools: (paused.tools ?? []).map((t) => ({ ...t, confirmed: false })),
    });
    expect(rejected.status).toBe("COMPLETED");
    expect(String(rejected.content)).toMatch(/Leader summary/);
  });

  it("derives ids from names, the same in every process", () => {
    expect(new Agent({ name: "Web Agent" }).id).toBe("web-agent");
    expect(new Agent({ name: "Web Agent" }).id).toBe(new Agent({ name: "Web Agent" }).id);
    expect(new Team({ name: "Research_Team", members: [] }).id).toBe("research-team");
    expect(new Workflow({ name: "Blog Post", steps: [] }).id).toBe("blog-post");
    expect(new Agent({ id: "explicit", name: "Web Agent" }).id).toBe("explicit");
    expect(new Agent({}).id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
