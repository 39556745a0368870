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
} from "../index.js";

/** A leader that delegates `task` to `memberId` once, then answers with the member's result. */
function leader(memberId: string, task = "Find the facts"): FunctionModel {
  return new FunctionModel((messages: Message[]): ModelResponse | string => {
    const last = messages.at(-1)!;
    if (last.role === "tool") return `Leader summary: ${last.content}`;
    return {
      content: null,
      toolCalls: [
        {
          id: "d1",
          type: "function",
          function: {
            name: "delegate_task_to_member",
            arguments: JSON.stringify({ member_id: memberId, task }),
          },
        },
      ],
    };
  });
}

async function collect(stream: AsyncIterable<RunOutputEvent>): Promise<RunOutputEvent[]> {
  const out: RunOutputEvent[] = [];
  for await (const e of stream) out.push(e);
  return out;
}

function names(events: RunOutputEvent[]): string[] {
  const out: string[] = [];
  for (const e of events)
    if (!(e.event.endsWith("RunContent") && out.at(-1) === e.event)) out.push(e.event);
  return out;
}

describe("Team", () => {
  it("streams the exact events of a run with one delegation, member events included", async () => {
    const researcher = new Agent({
      id: "researcher",
      name: "Researcher",
      model: new TestModel({ text: "Batteries are improving." }),
    });
    const team = new Team({
      id: "research-team",
      name: "Research Team",
      model: leader("researcher"),
      members: [researcher],
    });
    const events = await collect(
      team.run("Tell me about batteries", { stream: true, streamEvents: true }),
    );
    expect(names(events)).toEqual([
      "TeamRunStarted",
      "TeamModelRequestStarted",
      "TeamModelRequestCompleted",
      "TeamToolCallStarted",
      "RunStarted",
      "ModelRequestStarted",
      "RunContent",
      "ModelRequestCompleted",
      "RunContentCompleted",
      "RunCompleted",
      "TeamToolCallCompleted",
      "TeamModelRequestStarted",
      "TeamRunContent",
      "TeamModelRequestCompleted",
      "TeamRunContentCompleted",
      "TeamRunCompleted",
    ]);
    expect(events[0]).toMatchObject({
      event: "TeamRunStarted",
      team_id: "research-team",
      team_name: "Research Team",
    });
    expect(events[0]).not.toHaveProperty("agent_id");
    const memberStart = events.find((e) => e.event === "RunStarted") as unknown as Record<
      string,
      unknown
    >;
    expect(memberStart).toMatchObject({ agent_id: "researcher", parent_run_id: events[0]?.run_id });
    expect(events.at(-1)).toMatchObject({ content: "Leader summary: Batteries are improving." });
  });

  it("streams only the team's content without streamEvents", async () => {
    const member = new Agent({ id: "m", model: new TestModel({ text: "hi" }) });
    const team = new Team({ model: leader("m"), members: [member] });
    const events = await collect(team.run("x", { stream: true }));
    expect(new Set(events.map((e) => e.event))).toEqual(new Set(["TeamRunContent"]));
  });

  it("returns a TeamRunOutput with member responses and metrics of leader and members", async () => {
    const member = new Agent({
      id: "writer",
      name: "Writer",
      model: new TestModel({ text: "Draft text." }),
    });
    const team = new Team({
      name: "T",
      model: leader("writer"),
      members: [member],
      storeMemberResponses: true,
    });
    const output = (await team.run("Write")) as TeamRunOutput;
    expect(output.status).toBe("COMPLETED");
    expect(output.team_id).toBe(team.id);
    expect(output.member_responses).toHaveLength(1);
    expect(output.member_responses[0]).toMatchObject({
      agent_id: "writer",
      content: "Draft text.",
      parent_run_id: output.run_id,
    });
    const memberTokens = output.member_responses[0]?.metrics?.total_tokens ?? 0;
    expect(memberTokens).toBeGreaterThan(0);
    expect(output.metrics?.total_tokens).toBe(
      memberTokens +
        (output.messages ?? []).reduce((n, m) => n + (m.metrics?.total_tokens ?? 0), 0),
    );
    const dict = JSON.parse(JSON.stringify(output));
    expect(dict).toMatchObject({
      team_id: team.id,
      team_name: "T",
      member_responses: [{ agent_id: "writer" }],
    });
  });

  it("returns the member's answer as the team's with respondDirectly", async () => {
    const model = leader("support");
    const member = new Agent({ id: "support", model: new TestModel({ text: "Bonjour !" }) });
    const team = new Team({ model, members: [member], respondDirectly: true });
    const output = await team.run("Say hello in French");
    expect(output.content).toBe("Bonjour !");
    expect((model as FunctionModel).requests).toHaveLength(1);
  });

  it("passes the run input untouched with determineInputForMembers: false", async () => {
    const memberModel = new TestModel({ text: "ok" });
    const member = new Agent({ id: "m", model: memberModel });
    const team = new Team({
      model: leader("m", "rewritten task"),
      members: [member],
      determineInputForMembers: false,
    });
    await team.run("the original question");
    expect(memberModel.lastRequest?.messages.at(-1)?.content).toBe("the original question");
    const rewriting = new Team({ model: leader("m", "rewritten task"), members: [member] });
    await rewriting.run("the original question");
    expect(memberModel.lastRequest?.messages.at(-1)?.content).toBe("rewritten task");
  });

  it("delegates to every member with delegateToAllMembers", async () => {
    const a = new Agent({ id: "a", name: "A", model: new TestModel({ text: "from A" }) });
    const b = new Agent({ id: "b", name: "B", model: new TestModel({ text: "from B" }) });
    const model = new FunctionModel((messages) => {
      const last = messages.at(-1)!;
      if (last.role === "tool") return String(last.content);
      return {
        content: null,
        toolCalls: [
          {
            id: "x",
            type: "function",
            function: { name: "delegate_task_to_members", arguments: '{"task":"go"}' },
          },
        ],
      };
    });
    const team = new Team({
      model,
      members: [a, b],
      delegateToAllMembers: true,
      storeMemberResponses: true,
    });
    const output = (await team.run("go")) as TeamRunOutput;
    expect(output.content).toBe("A: from A\n\nB: from B");
    expect(output.member_responses.map((m) => m.agent_id).sort()).toEqual(["a", "b"]);
  });

  it("shares earlier member interactions with later members", async () => {
    const first = new Agent({ id: "first", model: new TestModel({ text: "fact one" }) });
    const secondModel = new TestModel({ text: "done" });
    const second = new Agent({ id: "second", model: secondModel });
    let turn = 0;
    const model = new FunctionModel(() => {
      turn++;
      const target = turn === 1 ? "first" : turn === 2 ? "second" : undefined;
      if (!target) return "finished";
      return {
        content: null,
        toolCalls: [
          {
            id: `t${turn}`,
            type: "function",
            function: {
              name: "delegate_task_to_member",
              arguments: JSON.stringify({ member_id: target, task: `task ${turn}` }),
            },
          },
        ],
      };
    });
    await new Team({ model, members: [first, second], shareMemberInteractions: true }).run("go");
    expect(secondModel.lastRequest?.messages.at(-1)?.content).toContain(
      "<member_interaction_context>",
    );
    expect(secondModel.lastRequest?.messages.at(-1)?.content).toContain("Response: fact one");
  });

  it("lists members in the leader's context, and nests teams", async () => {
    const inner = new Team({
      id: "inner",
      name: "Inner Team",
      role: "Handles details",
      model: leader("worker"),
      members: [new Agent({ id: "worker", model: new TestModel({ text: "detail" }) })],
    });
    const outerModel = leader("inner");
    const outer = new Team({
      name: "Outer",
      model: outerModel,
      members: [inner],
      addMemberToolsToContext: true,
    });
    const events = await collect(outer.run("go", { stream: true, streamEvents: true }));
    const system = outerModel.requests[0]?.messages[0]?.content ?? "";
    expect(system).toContain("<team_members>");
    expect(system).toContain("ID: inner");
    expect(system).toContain("Role: Handles details");
    expect(
      events
        .filter((e) => e.event === "TeamRunStarted")
        .map((e) => (e as { team_id?: string }).team_id),
    ).toEqual([outer.id, "inner"]);
    expect(events.some((e) => e.event === "RunStarted" && e.agent_id === "worker")).toBe(true);
    expect(events.at(-1)).toMatchObject({
      event: "TeamRunCompleted",
      content: "Leader summary: Leader summary: detail",
    });
  });

  it("stores team sessions with member runs, and keeps member messages out of the team history", async () => {
    const db = new InMemoryDb();
    const member = new Agent({ id: "m", model: new TestModel({ text: "member says" }) });
    const model = leader("m");
    const team = new Team({ id: "t", model, members: [member], db, addHistoryToContext: true });
    await team.run("first", { sessionId: "ts", userId: "u" });
    const stored = await db.getSession("ts");
    expect(stored).toMatchObject({
      session_type: "team",
      team_id: "t",
      team_data: { team_id: "t" },
    });
    expect(stored?.runs?.map((r) => Boolean(r.parent_run_id))).toEqual([true, false]);
    expect((await team.getChatHistory("ts")).map((m) => m.content)).toEqual([
      "first",
      "Leader summary: member says",
    ]);
    await team.run("second", { sessionId: "ts", userId: "u" });
    const history = (model.requests.at(-2)?.messages ?? [])
      .filter((m) => m.from_history)
      .map((m) => m.content);
    expect(history).toContain("first");
    expect(history).toContain("member says"); // the delegation's result, as the leader saw it
    expect(history).not.toContain("Find the facts"); // the member's own messages stay out
  });

  it("cancels the running member when the team run is cancelled", async () => {
    const slow = new Agent({ id: "slow", model: new TestModel({ latencyMs: 10_000 }) });
    const team = new Team({ model: leader("slow"), members: [slow] });
    const pending = team.run("go", { runId: "team-cancel" });
    await new Promise((r) => setTimeout(r, 30));
    expect(team.cancelRun("team-cancel")).toBe(true);
    const output = await pending;
    expect(output.status).toBe("CANCELLED");
  });

  it("lets the offline TestModel delegate to a real member", async () => {
    const member = new Agent({ id: "helper", model: new TestModel({ text: "helped" }) });
    const output = await new Team({ model: new TestModel(), members: [member] }).run("help");
    expect(output.tools?.[0]?.tool_args).toMatchObject({ member_id: "helper" });
    expect(output.content).toContain("helped");
  });
});
