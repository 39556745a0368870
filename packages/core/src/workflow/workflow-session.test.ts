import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Agent } from "../agent/agent.js";
import { InMemoryDb } from "../db/in-memory-db.js";
import { ConfigurationError } from "../errors.js";
import { FunctionModel } from "../models/function-model.js";
import { TestModel } from "../models/test-model.js";
import { RunStatus } from "../run/status.js";
import { tool } from "../tools/tool.js";
import { Condition } from "./condition.js";
import type { WorkflowStreamEvent } from "./events.js";
import { Step } from "./step.js";
import type { StepInput } from "./types.js";
import { Workflow } from "./workflow.js";

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Resolves once `check` returns a truthy value (polling the event loop, no fixed delay). */
async function until<T>(check: () => T | Promise<T>, what: string): Promise<NonNullable<T>> {
  for (let i = 0; i < 2000; i++) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

const fn = (name: string, content: unknown) => new Step({ name, executor: () => content });

describe("Session state", () => {
  it("is shared by functions, agents and conditions, and persisted with the session", async () => {
    const db = new InMemoryDb();
    const remember = tool({
      name: "remember",
      description: "Remember the current count",
      inputSchema: z.object({}),
      execute: (_args, ctx) => {
        ctx.sessionState.agent_saw = ctx.sessionState.count;
        return "remembered";
      },
    });
    const workflow = new Workflow({
      name: "Stateful",
      db,
      sessionId: "state-session",
      sessionState: { count: 0 },
      steps: [
        new Step({
          name: "Count",
          executor: (_input, ctx) => {
            ctx.sessionState.count = (ctx.sessionState.count as number) + 1;
            return "counted";
          },
        }),
        new Agent({ name: "Rememberer", model: new TestModel(), tools: [remember] }),
        new Condition({
          name: "Premium",
          evaluator: (_input, ctx) => ctx.sessionState.tier === "premium",
          steps: [fn("Deep dive", "deep")],
        }),
        new Step({ name: "Read", executor: (_input, ctx) => ({ ...ctx.sessionState }) }),
      ],
    });
    const first = await workflow.run("go", { sessionState: { tier: "premium" } });
    expect(first.content).toEqual({ count: 1, tier: "premium", agent_saw: 1 });
    expect(first.step_results.map((s) => s.step_name)).toContain("Premium");
    expect(await workflow.getSessionState()).toEqual({ count: 1, tier: "premium", agent_saw: 1 });

    const second = await workflow.run("again");
    expect(second.content).toEqual({ count: 2, tier: "premium", agent_saw: 2 });

    await workflow.updateSessionState({ tier: "free" });
    const third = await workflow.run("third");
    expect(third.step_results.map((s) => s.step_name)).not.toContain("Premium");

    const record = await db.getSession("state-session");
    expect(record?.session_type).toBe("workflow");
    expect(record?.workflow_id).toBe(workflow.id);
    expect(record?.workflow_data).toEqual({
      workflow_id: workflow.id,
      name: "Stateful",
      steps: [
        { name: "Count", description: null, type: "Step" },
        { name: "Rememberer", description: null, type: "Step" },
        { name: "Premium", description: null, type: "Condition" },
        { name: "Read", description: null, type: "Step" },
      ],
    });
    expect(record?.runs?.map((r) => r.status)).toEqual(["COMPLETED", "COMPLETED", "COMPLETED"]);
  });

  it("keeps an agent with the workflow's db out of the workflow session", async () => {
    const db = new InMemoryDb();
    const agent = new Agent({
      name: "Stored",
      db,
      model: new TestModel({ text: "stored answer" }),
    });
    const workflow = new Workflow({ db, sessionId: "wf", steps: [agent] });
    const output = await workflow.run("x");
    expect(output.content).toBe("stored answer");
    const record = await db.getSession("wf");
    expect(record?.session_type).toBe("workflow");
    expect(record?.runs).toHaveLength(1);
    const agentRun = output.step_executor_runs![0]!;
    expect(agentRun.session_id).not.toBe("wf");
    expect((await db.getSession(agentRun.session_id!))?.session_type).toBe("agent");
    // Streamed, the agent's full run (messages included) is read back from its db.
    const streamed = new Workflow({ db, sessionId: "wf", steps: [agent], storeEvents: true });
    const out = await streamed.run("y");
    expect(
      (out.step_executor_runs![0] as { messages?: unknown[] }).messages?.length,
    ).toBeGreaterThan(0);
  });

  it("refuses a session of another kind", async () => {
    const db = new InMemoryDb();
    await new Agent({ db, model: new TestModel() }).run("hi", { sessionId: "agent-session" });
    const workflow = new Workflow({ db, steps: [fn("A", "a")] });
    await expect(workflow.run("x", { sessionId: "agent-session" })).rejects.toBeInstanceOf(
      ConfigurationError,
    );
  });
});

describe("Workflow sessions and history", () => {
  it("gives steps the workflow history and reads the session back", async () => {
    const db = new InMemoryDb();
    const model = new FunctionModel((messages) => `answer to: ${messages.at(-1)?.content}`);
    let history: Array<[string, string]> = [];
    const workflow = new Workflow({
      name: "Chat",
      db,
      steps: [
        new Step({
          name: "History",
          executor: (input: StepInput) => {
            history = input.getWorkflowHistory();
            return input.input;
          },
        }),
        new Step({
          name: "Answer",
          agent: new Agent({ name: "Answerer", model }),
          addWorkflowHistory: true,
        }),
      ],
    });
    const first = await workflow.run("first question");
    expect(first.content).toBe("answer to: first question");
    expect(history).toEqual([]);

    await workflow.run("second question");
    expect(history).toEqual([["first question", "answer to: first question"]]);
    const sent = String(model.requests.at(-1)?.messages.at(-1)?.content);
    expect(sent).toBe(
      [
        "<workflow_history_context>",
        "[Workflow Run-1]",
        "User input: first question",
        "Workflow output: answer to: first question",
        "",
        "</workflow_history_context>",
        "second question",
      ].join("\n"),
    );

    const session = await workflow.getSession();
    expect(session?.workflow_name).toBe("Chat");
    expect(session?.runs).toHaveLength(2);
    expect(session?.getWorkflowHistory(1)).toEqual([
      ["second question", expect.stringContaining("answer to:")],
    ]);
    expect(session?.getWorkflowHistoryContext(1)).toContain(
      "[Workflow Run-1]\nUser input: second question",
    );
    expect(await workflow.getChatHistory(undefined, { lastNRuns: 1 })).toEqual([
      { input: "second question", output: session?.runs[1]?.content },
    ]);
    expect(await workflow.getWorkflowHistory()).toHaveLength(2);
    const messages = session!.getMessages({ skipRoles: ["system"] });
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant", "user", "assistant"]);

    const last = await workflow.getLastRunOutput();
    expect(await workflow.getRunOutput(last!.run_id!)).toMatchObject({ run_id: last!.run_id });
    expect(last?.step_results.map((s) => s.step_name)).toEqual(["History", "Answer"]);
    const metrics = await workflow.getSessionMetrics();
    expect(metrics?.duration).toBeGreaterThan(0);

    const renamed = await workflow.setSessionName({ sessionName: "Support chat" });
    expect(renamed.sessionName).toBe("Support chat");
    expect(await workflow.getSessionName()).toBe("Support chat");
    expect(await workflow.deleteSession(workflow.sessionId!)).toBe(true);
    expect(await workflow.getSession()).toBeNull();
  });

  it("limits the history given to agents with numHistoryRuns", async () => {
    const model = new FunctionModel(
      (messages) => `seen ${String(messages.at(-1)?.content).split("\n").at(-1)}`,
    );
    const workflow = new Workflow({
      db: new InMemoryDb(),
      addWorkflowHistoryToSteps: true,
      numHistoryRuns: 1,
      steps: [new Agent({ model })],
    });
    await workflow.run("one");
    await workflow.run("two");
    await workflow.run("three");
    const sent = String(model.requests.at(-1)?.messages.at(-1)?.content);
    expect(sent).toContain("User input: two");
    expect(sent).not.toContain("User input: one");
  });

  it("stores the events with storeEvents, minus eventsToSkip", async () => {
    const db = new InMemoryDb();
    const workflow = new Workflow({
      db,
      storeEvents: true,
      eventsToSkip: ["StepStarted"],
      steps: [fn("Prep", "p"), new Agent({ name: "Bot", model: new TestModel({ text: "done" }) })],
    });
    const output = await workflow.run("x");
    const names = output.events!.map((e) => e.event);
    expect(names).toEqual([
      "WorkflowStarted",
      "StepCompleted",
      "StepOutput",
      "RunStarted",
      "ModelRequestStarted",
      "RunContent",
      "ModelRequestCompleted",
      "RunContentCompleted",
      "RunCompleted",
      "StepCompleted",
      "WorkflowCompleted",
    ]);
    const stored = await workflow.getRunOutput(output.run_id!);
    const storedEvents = stored!.events as Array<Record<string, any>>;
    expect(storedEvents.map((e) => e.event)).toEqual(names);
    expect(storedEvents[1]!.step_response).toMatchObject({ step_name: "Prep", content: "p" });
  });
});

describe("Background runs and cancellation", () => {
  it("returns at once, runs in the background and reports progress", async () => {
    const db = new InMemoryDb();
    const gate = deferred();
    const workflow = new Workflow({
      db,
      steps: [
        fn("Fast", "fast"),
        new Step({
          name: "Gated",
          executor: async () => {
            await gate.promise;
            return "done";
          },
        }),
      ],
    });
    const output = await workflow.run("x", { background: true });
    expect([RunStatus.pending, RunStatus.running]).toContain(output.status);
    expect(output.run_id).toBeTruthy();

    await until(
      async () => (await workflow.getRun(output.run_id!))?.step_results.length === 1,
      "first step",
    );
    // Progress is stored: another instance (same id and db) reads it from the db.
    const reader = new Workflow({ id: workflow.id, db, steps: [] });
    const stored = await until(async () => {
      const run = await reader.getRun(output.run_id!);
      return run?.step_results.length === 1 ? run : null;
    }, "stored progress");
    expect(stored.status).toBe(RunStatus.running);

    gate.resolve();
    const done = await until(async () => {
      const run = await reader.getRun(output.run_id!, output.session_id);
      return run?.status === RunStatus.completed ? run : null;
    }, "completion");
    expect(done.content).toBe("done");
    expect((await workflow.getRun(output.run_id!))?.status).toBe(RunStatus.completed);
  });

  it("cancels a background run inside its agent step, storing it as CANCELLED", async () => {
    const db = new InMemoryDb();
    const slow = new TestModel({ latencyMs: 10_000 });
    let after = 0;
    const workflow = new Workflow({
      db,
      steps: [
        fn("Intro", "intro"),
        new Step({ name: "Slow", agent: new Agent({ name: "Slowpoke", model: slow }) }),
        () => ++after,
      ],
    });
    const output = await workflow.run("x", { background: true });
    await until(() => slow.requests.length === 1, "the agent's model call");
    expect(workflow.cancelRun(output.run_id!)).toBe(true);

    const reader = new Workflow({ id: workflow.id, db, steps: [] });
    const stored = await until(async () => {
      const run = await reader.getRun(output.run_id!, output.session_id);
      return run?.status === RunStatus.cancelled ? run : null;
    }, "the cancelled run");
    expect(stored.step_results.map((s) => [s.step_name, s.content])).toEqual([["Intro", "intro"]]);
    expect(stored.step_executor_runs?.map((r) => r.status)).toEqual([RunStatus.cancelled]);
    expect(stored.content).toBe(`Run ${output.run_id} was cancelled`);
    expect(after).toBe(0);
    expect(output.status).toBe(RunStatus.cancelled);
  });

  it("cancels a streamed run, ending with WorkflowCancelled", async () => {
    const slow = new TestModel({ latencyMs: 10_000 });
    const workflow = new Workflow({ steps: [fn("Intro", "intro"), new Agent({ model: slow })] });
    const stream = workflow.run("x", { stream: true, streamEvents: true });
    const events: WorkflowStreamEvent[] = [];
    for await (const event of stream) {
      events.push(event);
      if (event.event === "RunStarted") workflow.cancelRun(stream.runId, "user pressed stop");
    }
    expect(events.map((e) => e.event).slice(-5)).toEqual([
      "StepStarted",
      "RunStarted",
      "RunCancelled",
      "RunCompleted",
      "WorkflowCancelled",
    ]);
    const last = events.at(-1) as Record<string, unknown>;
    expect(last).toMatchObject({ event: "WorkflowCancelled", reason: "user pressed stop" });
  });

  it("stores the run as cancelled when the stream's reader stops early", async () => {
    const db = new InMemoryDb();
    const workflow = new Workflow({
      db,
      steps: [fn("One", "1"), new Agent({ model: new TestModel({ latencyMs: 10_000 }) })],
    });
    const stream = workflow.run("x", { stream: true });
    for await (const event of stream) if (event.event === "StepOutput") break;
    const stored = await workflow.getRunOutput(stream.runId);
    expect(stored?.status).toBe(RunStatus.cancelled);
    expect(stored?.step_results.map((s) => s.step_name)).toEqual(["One"]);
  });
});
