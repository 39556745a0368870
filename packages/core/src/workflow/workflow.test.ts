import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Agent } from "../agent/agent.js";
import { InputValidationError } from "../errors.js";
import { Image } from "../media/media.js";
import { FunctionModel } from "../models/function-model.js";
import { TestModel } from "../models/test-model.js";
import { RunStatus } from "../run/status.js";
import { Team } from "../team/team.js";
import { Condition } from "./condition.js";
import type { WorkflowStreamEvent } from "./events.js";
import { Loop } from "./loop.js";
import { Parallel } from "./parallel.js";
import { Router } from "./router.js";
import { Step } from "./step.js";
import { Steps } from "./steps.js";
import { type StepInput, StepOutput } from "./types.js";
import { Workflow } from "./workflow.js";

async function collect(stream: AsyncIterable<WorkflowStreamEvent>): Promise<WorkflowStreamEvent[]> {
  const events: WorkflowStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

/** `Event(step name)` labels, consecutive content deltas collapsed into one. */
function labels(events: WorkflowStreamEvent[]): string[] {
  const out: string[] = [];
  for (const e of events) {
    const name = (e as { step_name?: string }).step_name;
    const label = name ? `${e.event}(${name})` : e.event;
    if (e.event === "RunContent" && out.at(-1) === label) continue;
    out.push(label);
  }
  return out;
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const fn = (name: string, content: unknown) => new Step({ name, executor: () => content });

/**
 * Prepare (function) -> Research (agent) -> Condition -> Parallel(A, B) -> Router -> Loop (two
 * iterations). Branch A finishes only after branch B, so the Parallel's order is forced.
 */
function pipeline() {
  const researchModel = new TestModel({ text: "facts about the topic" });
  const branchModel = new TestModel({ text: "branch b" });
  const bDone = deferred();
  let passes = 0;
  const workflow = new Workflow({
    name: "Pipeline",
    streamExecutorEvents: false,
    steps: [
      fn("Prepare", "prepared"),
      new Step({
        name: "Research",
        agent: new Agent({ name: "Researcher", model: researchModel }),
      }),
      new Condition({
        name: "Has topic",
        evaluator: async (input) => Boolean(input.input),
        steps: [fn("Outline", "outline")],
      }),
      new Parallel(
        new Step({
          name: "A",
          executor: async () => {
            await bDone.promise;
            return "branch a";
          },
        }),
        new Step({
          name: "B",
          agent: new Agent({
            name: "Brancher",
            model: branchModel,
            postHooks: [() => bDone.resolve()],
          }),
        }),
        { name: "Both" },
      ),
      new Router({
        name: "Pick",
        selector: async () => "Short",
        choices: [fn("Short", "short version"), fn("Long", "long version")],
      }),
      new Loop({
        name: "Polish",
        maxIterations: 5,
        steps: [new Step({ name: "Polish pass", executor: () => `pass ${++passes}` })],
        endCondition: async (outputs) => outputs[0]?.content === "pass 2",
      }),
    ],
  });
  return { workflow, researchModel };
}

describe("Workflow execution", () => {
  it("streams every event in order with streamEvents (executor events off)", async () => {
    const { workflow } = pipeline();
    const events = await collect(workflow.run("tide pools", { stream: true, streamEvents: true }));
    const all = labels(events);
    const start = all.indexOf("ParallelExecutionStarted(Both)");
    const end = all.indexOf("ParallelExecutionCompleted(Both)");
    // Branches run concurrently: check the window's content, and each branch's own order.
    const window = all.slice(start + 1, end);
    expect([...window].sort()).toEqual(
      ["StepCompleted(A)", "StepCompleted(B)", "StepStarted(A)", "StepStarted(B)"].sort(),
    );
    for (const branch of ["A", "B"])
      expect(window.filter((l) => l.endsWith(`(${branch})`))).toEqual([
        `StepStarted(${branch})`,
        `StepCompleted(${branch})`,
      ]);
    expect([...all.slice(0, start + 1), ...all.slice(end)]).toEqual([
      "WorkflowStarted",
      "StepStarted(Prepare)",
      "StepCompleted(Prepare)",
      "StepOutput(Prepare)",
      "StepStarted(Research)",
      "StepCompleted(Research)",
      "ConditionExecutionStarted(Has topic)",
      "StepStarted(Outline)",
      "StepCompleted(Outline)",
      "ConditionExecutionCompleted(Has topic)",
      "ParallelExecutionStarted(Both)",
      "ParallelExecutionCompleted(Both)",
      "RouterExecutionStarted(Pick)",
      "StepStarted(Short)",
      "StepCompleted(Short)",
      "RouterExecutionCompleted(Pick)",
      "LoopExecutionStarted(Polish)",
      "LoopIterationStarted(Polish)",
      "StepStarted(Polish pass)",
      "StepCompleted(Polish pass)",
      "LoopIterationCompleted(Polish)",
      "LoopIterationStarted(Polish)",
      "StepStarted(Polish pass)",
      "StepCompleted(Polish pass)",
      "LoopIterationCompleted(Polish)",
      "LoopExecutionCompleted(Polish)",
      "WorkflowCompleted",
    ]);

    const byName = (name: string) => events.filter((e) => e.event === name) as any[];
    const [started] = byName("WorkflowStarted");
    expect(Object.keys(started)).toEqual([
      "created_at",
      "event",
      "workflow_id",
      "workflow_name",
      "session_id",
      "run_id",
      "nested_depth",
    ]);
    expect(byName("ConditionExecutionStarted")[0].condition_result).toBe(true);
    expect(byName("ParallelExecutionStarted")[0].parallel_step_count).toBe(2);
    expect(byName("RouterExecutionStarted")[0].selected_steps).toEqual(["Short"]);
    const iterations = byName("LoopIterationCompleted");
    expect(iterations.map((e) => [e.iteration, e.should_continue])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(byName("LoopExecutionCompleted")[0]).toMatchObject({
      total_iterations: 2,
      max_iterations: 5,
    });
    // Nested steps name their composite parent and carry an index path.
    const outline = byName("StepStarted").find((e) => e.step_name === "Outline");
    const condition = byName("ConditionExecutionStarted")[0];
    expect(outline.parent_step_id).toBe(condition.step_id);
    expect(outline.step_index).toEqual([2, 0]);
    const completed = byName("WorkflowCompleted")[0];
    expect(completed.content).toBe("pass 2");
    expect(completed.step_results.map((s: StepOutput) => s.step_name)).toEqual([
      "Prepare",
      "Research",
      "Has topic",
      "Both",
      "Pick",
      "Polish",
    ]);
  });

  it("produces the step results in declared order without streaming", async () => {
    const { workflow, researchModel } = pipeline();
    const output = await workflow.run("tide pools");
    expect(output.status).toBe(RunStatus.completed);
    expect(output.events).toBeUndefined();
    expect(output.step_results.map((s) => [s.step_name, s.step_type])).toEqual([
      ["Prepare", "Step"],
      ["Research", "Step"],
      ["Has topic", "Condition"],
      ["Both", "Parallel"],
      ["Pick", "Router"],
      ["Polish", "Loop"],
    ]);
    const [prepare, research, condition, parallel, router, loop] = output.step_results;
    expect(prepare!.content).toBe("prepared");
    // The agent got the previous step's content.
    expect(researchModel.lastRequest?.messages.at(-1)?.content).toBe("prepared");
    expect(research).toMatchObject({
      content: "facts about the topic",
      executor_type: "agent",
      executor_name: "Researcher",
    });
    expect(condition!.steps?.map((s) => s.content)).toEqual(["outline"]);
    // Declared order even though B finished first.
    expect(parallel!.steps?.map((s) => [s.step_name, s.content])).toEqual([
      ["A", "branch a"],
      ["B", "branch b"],
    ]);
    expect(parallel!.content).toBe(
      "## Parallel Execution Results\n\n### ✅ SUCCESS: A\nbranch a\n\n### ✅ SUCCESS: B\nbranch b",
    );
    expect(router!.steps?.map((s) => s.content)).toEqual(["short version"]);
    expect(loop!.steps?.map((s) => s.content)).toEqual(["pass 1", "pass 2"]);
    expect(output.content).toBe("pass 2");
    expect(output.step_executor_runs?.map((r) => r.status)).toEqual(["COMPLETED", "COMPLETED"]);
    expect(output.step_executor_runs?.[0]).toMatchObject({
      parent_run_id: output.run_id,
      workflow_id: workflow.id,
      workflow_step_id: research!.step_id,
    });
    expect(Object.keys(output.metrics!.steps).sort()).toEqual(["B", "Research"]);
    expect(output.metrics!.steps.Research).toMatchObject({
      step_name: "Research",
      executor_type: "agent",
      executor_name: "Researcher",
    });
    expect(output.metrics!.steps.Research!.metrics?.total_tokens).toBeGreaterThan(0);
    expect(output.metrics!.duration).toBeGreaterThan(0);
  });

  it("serializes the run in the wire's shape", async () => {
    const { workflow } = pipeline();
    const dict = (await workflow.run("tide pools")).toDict();
    expect(Object.keys(dict)).toEqual([
      "input",
      "content",
      "content_type",
      "workflow_id",
      "workflow_name",
      "run_id",
      "session_id",
      "created_at",
      "status",
      "step_results",
      "step_executor_runs",
      "metrics",
    ]);
    const results = dict.step_results as Array<Record<string, any>>;
    expect(results[3]!.steps.map((s: any) => s.step_name)).toEqual(["A", "B"]);
    expect(results[1]).toMatchObject({ step_type: "Step", success: true, stop: false });
    const metrics = dict.metrics as Record<string, any>;
    expect(metrics.steps.Research.metrics.total_tokens).toBeGreaterThan(0);
    expect(typeof metrics.duration).toBe("number");
    expect((dict.step_executor_runs as any[])[0].parent_run_id).toBe(dict.run_id);
  });

  it("streams only content-level events without streamEvents, agent events tagged", async () => {
    const workflow = new Workflow({
      name: "Writer",
      steps: [
        fn("Prepare", "notes"),
        new Agent({ name: "Writer", model: new TestModel({ text: "A finished draft." }) }),
      ],
    });
    const stream = workflow.run("topic", { stream: true });
    const events = await collect(stream);
    expect(labels(events)).toEqual([
      "WorkflowStarted",
      "StepOutput(Prepare)",
      "RunContent(Writer)",
      "WorkflowCompleted",
    ]);
    const content = events.filter((e) => e.event === "RunContent") as any[];
    expect(content.map((e) => e.content).join("")).toBe("A finished draft.");
    expect(content[0]).toMatchObject({
      workflow_id: workflow.id,
      workflow_run_id: stream.runId,
      step_name: "Writer",
      step_index: 1,
    });
    expect(content[0].step_id).toBe(workflow.steps[1]!.stepId);
    const keys = Object.keys(content[0]);
    expect(keys.indexOf("workflow_run_id")).toBeLessThan(keys.indexOf("nested_depth"));
    expect((events.at(-1) as any).content).toBe("A finished draft.");
    const output = await stream.output;
    expect(output.content).toBe("A finished draft.");
    // The streamed agent's full run is kept (messages included).
    expect((output.step_executor_runs?.[0] as { messages?: unknown[] }).messages?.length).toBe(2);
  });

  it("forwards every executor event with streamEvents and streamExecutorEvents", async () => {
    const workflow = new Workflow({
      steps: [new Agent({ name: "Solo", model: new TestModel({ text: "hi" }) })],
    });
    const events = await collect(workflow.run("x", { stream: true, streamEvents: true }));
    expect(labels(events)).toEqual([
      "WorkflowStarted",
      "StepStarted(Solo)",
      "RunStarted(Solo)",
      "ModelRequestStarted(Solo)",
      "RunContent(Solo)",
      "ModelRequestCompleted(Solo)",
      "RunContentCompleted(Solo)",
      "RunCompleted(Solo)",
      "StepCompleted(Solo)",
      "WorkflowCompleted",
    ]);
  });

  it("runs a team as a step, its members' events kept out of its content", async () => {
    const member = new Agent({ name: "Member", model: new TestModel({ text: "member answer" }) });
    const team = new Team({
      name: "Crew",
      model: new TestModel({ text: "team answer" }),
      members: [member],
    });
    const workflow = new Workflow({ steps: [team] });
    const output = await workflow.run("task");
    expect(output.step_results[0]).toMatchObject({
      step_name: "Crew",
      executor_type: "team",
      executor_name: "Crew",
      content: "team answer",
    });
    const stream = workflow.run("task", { stream: true, streamEvents: true });
    const events = await collect(stream);
    const names = events.map((e) => e.event);
    expect(names).toContain("TeamRunStarted");
    expect(names).toContain("TeamRunCompleted");
    expect((events.at(-1) as any).content).toBe("team answer");
    expect(events.find((e) => e.event === "TeamRunStarted")).toMatchObject({
      workflow_run_id: stream.runId,
      step_name: "Crew",
    });
  });

  it("prints a run with printResponse", async () => {
    let printed = "";
    const out = {
      write: (chunk: string) => {
        printed += chunk;
      },
    };
    const { workflow } = pipeline();
    const output = await workflow.printResponse("tide pools", { output: out });
    expect(output.status).toBe(RunStatus.completed);
    expect(printed).toContain("┃ Message\ntide pools");
    expect(printed).toContain("▸ Research");
    expect(printed).toContain("◆ Pick → Short");
    expect(printed).toContain("┃ Response\npass 2");
  });

  it("wraps agents and plain functions given as steps, and runs Steps groups", async () => {
    async function summarize(input: StepInput) {
      return `summary of ${input.getStepContent("Gather")}`;
    }
    const workflow = new Workflow({
      steps: [
        new Steps({ name: "Gather", steps: [fn("One", "1"), fn("Two", "2")] }),
        summarize,
        (input: StepInput) => `all: ${input.getAllPreviousContent().length > 0}`,
      ],
    });
    const output = await workflow.run("x");
    expect(output.step_results.map((s) => s.step_name)).toEqual(["Gather", "summarize", "step_3"]);
    expect(output.step_results[0]!.steps?.map((s) => s.content)).toEqual(["1", "2"]);
    expect(output.step_results[1]!.content).toBe("summary of 2");
    expect(workflow.workflowData()).toEqual({
      workflow_id: workflow.id,
      steps: [
        { name: "Gather", description: null, type: "Steps" },
        { name: "summarize", description: null, type: "Step" },
        { name: "step_3", description: null, type: "Step" },
      ],
    });
  });

  it("gives steps the previous outputs by name, nested ones included", async () => {
    let seen: StepInput | undefined;
    const workflow = new Workflow({
      steps: [
        fn("First", "one"),
        new Parallel(fn("Left", "L"), fn("Right", "R"), { name: "Split" }),
        new Step({
          name: "Inspect",
          executor: (input) => {
            seen = input;
            return "ok";
          },
        }),
      ],
    });
    await workflow.run("go");
    expect(seen!.input).toBe("go");
    expect(seen!.getStepContent("First")).toBe("one");
    expect(seen!.getStepContent("Split")).toEqual({ Left: "L", Right: "R" });
    expect(seen!.getStepOutput("Right")?.content).toBe("R");
    expect(String(seen!.previous_step_content)).toContain("### ✅ SUCCESS: Left");
    expect(Object.keys(seen!.previous_step_outputs)).toEqual(["First", "Split"]);
    expect(seen!.getAllPreviousContent()).toContain("=== First ===\none");
  });

  it("runs a Condition's else branch, and skips a Condition without one", async () => {
    const workflow = new Workflow({
      steps: [
        new Condition({ name: "No", evaluator: false, steps: [fn("Never", "x")] }),
        new Condition({
          name: "Else",
          evaluator: () => false,
          steps: [fn("If", "if")],
          elseSteps: [fn("Otherwise", "else")],
        }),
      ],
    });
    const output = await workflow.run("x");
    expect(output.step_results.map((s) => s.step_name)).toEqual(["Else"]);
    expect(output.content).toBe("else");
  });

  it("routes with a selector that returns steps (async), and rejects unknown names", async () => {
    const tech = fn("Tech", "tech answer");
    const general = fn("General", "general answer");
    const routed = new Workflow({
      steps: [
        new Router({
          name: "Route",
          choices: [tech, general],
          selector: async (input) => (String(input.input).includes("API") ? [tech] : general),
        }),
      ],
    });
    expect((await routed.run("How do I call the API?")).content).toBe("tech answer");
    expect((await routed.run("Tell me a story")).content).toBe("general answer");
    const broken = new Workflow({
      steps: [new Router({ name: "Route", choices: [tech], selector: () => "Nope" })],
    });
    const output = await broken.run("x");
    expect(output.status).toBe(RunStatus.error);
    expect(output.content).toContain('Router "Route" selector returned "Nope"');
  });

  it("ends a Loop at maxIterations without an end condition", async () => {
    let n = 0;
    const workflow = new Workflow({
      steps: [new Loop({ name: "Thrice", steps: [() => ++n] })],
    });
    const output = await workflow.run("x");
    expect(output.step_results[0]!.steps?.map((s) => s.content)).toEqual([1, 2, 3]);
    expect(output.content).toBe(3);
    expect(output.content_type).toBe("json");
  });

  it("accumulates media from the input and from step to step", async () => {
    const inputImage = new Image({ url: "https://example.com/in.png" });
    const madeImage = new Image({ url: "https://example.com/made.png" });
    let seen: string[] = [];
    const workflow = new Workflow({
      steps: [
        () => new StepOutput({ content: "drawn", images: [madeImage] }),
        (input: StepInput) => {
          seen = input.images.map((i) => i.url ?? "");
          return "looked";
        },
      ],
    });
    const output = await workflow.run("draw", { images: [inputImage] });
    expect(seen).toEqual(["https://example.com/in.png", "https://example.com/made.png"]);
    expect(output.images?.map((i) => i.url)).toEqual(seen);
    expect((output.toDict().images as any[]).length).toBe(2);
  });
});

describe("Step failures", () => {
  it("retries a failing step maxRetries times, then fails the workflow with WorkflowError", async () => {
    let attempts = 0;
    let after = 0;
    const workflow = new Workflow({
      steps: [
        new Step({
          name: "Flaky",
          maxRetries: 2,
          executor: () => {
            attempts++;
            throw new Error("service unavailable");
          },
        }),
        () => ++after,
      ],
    });
    const events = await collect(workflow.run("x", { stream: true, streamEvents: true }));
    expect(attempts).toBe(3);
    expect(after).toBe(0);
    expect(labels(events)).toEqual([
      "WorkflowStarted",
      "StepStarted(Flaky)",
      "StepError(Flaky)",
      "WorkflowError",
    ]);
    const error = events.at(-1) as any;
    expect(error.error).toBe("service unavailable");
    expect(error.content).toBeUndefined();
    expect((events[2] as any).error).toBe("service unavailable");

    const output = await workflow.run("x");
    expect(output.status).toBe(RunStatus.error);
    expect(output.content).toBe("service unavailable");
  });

  it("retries a step whose agent run ends with status ERROR", async () => {
    let calls = 0;
    const model = new FunctionModel(() => {
      calls++;
      throw new Error("model is down");
    });
    const workflow = new Workflow({
      steps: [new Step({ name: "Ask", maxRetries: 1, agent: new Agent({ model }) })],
    });
    const output = await workflow.run("x");
    expect(calls).toBe(2);
    expect(output.status).toBe(RunStatus.error);
    expect(output.content).toContain("model is down");
    expect(output.step_executor_runs?.map((r) => r.status)).toEqual(["ERROR", "ERROR"]);
  });

  it("skips a failing step with skipOnFailure and goes on", async () => {
    let attempts = 0;
    const workflow = new Workflow({
      steps: [
        new Step({
          name: "Optional",
          maxRetries: 1,
          skipOnFailure: true,
          executor: () => {
            attempts++;
            throw new Error("no data");
          },
        }),
        (input: StepInput) => `after: ${input.previous_step_content}`,
      ],
    });
    const events = await collect(workflow.run("x", { stream: true, streamEvents: true }));
    expect(labels(events).slice(0, 4)).toEqual([
      "WorkflowStarted",
      "StepStarted(Optional)",
      "StepError(Optional)",
      "StepCompleted(Optional)",
    ]);
    expect(attempts).toBe(2);
    const output = await workflow.run("x");
    expect(output.status).toBe(RunStatus.completed);
    expect(output.step_results[0]).toMatchObject({
      success: false,
      error: "no data",
      content: "Step Optional failed but skipped",
    });
    expect(output.content).toBe("after: Step Optional failed but skipped");
  });

  it("fails a step past timeoutSeconds and cancels its agent run", async () => {
    const workflow = new Workflow({
      steps: [
        new Step({
          name: "Slow",
          maxRetries: 0,
          timeoutSeconds: 0.05,
          agent: new Agent({ name: "Sloth", model: new TestModel({ latencyMs: 10_000 }) }),
        }),
      ],
    });
    const output = await workflow.run("x");
    expect(output.status).toBe(RunStatus.error);
    expect(output.content).toBe(
      'Step "Slow" timed out after 0.05s. Raise its timeoutSeconds, or make the step faster.',
    );
    expect(output.step_executor_runs?.map((r) => r.status)).toEqual(["CANCELLED"]);
  });

  it("times out a function step that ignores the signal, retrying it", async () => {
    let attempts = 0;
    const workflow = new Workflow({
      steps: [
        new Step({
          name: "Hang",
          maxRetries: 1,
          timeoutSeconds: 0.02,
          skipOnFailure: true,
          executor: () => {
            attempts++;
            return new Promise(() => {});
          },
        }),
      ],
    });
    const output = await workflow.run("x");
    expect(attempts).toBe(2);
    expect(output.step_results[0]).toMatchObject({ success: false });
    expect(output.step_results[0]!.error).toContain("timed out");
  });

  it("fails a Parallel when a branch fails, cancelling its siblings", async () => {
    let siblingAborted = false;
    const workflow = new Workflow({
      steps: [
        new Parallel(
          new Step({
            name: "Bad",
            maxRetries: 0,
            executor: () => {
              throw new Error("branch broke");
            },
          }),
          new Step({
            name: "Waiting",
            executor: (_input, ctx) =>
              new Promise((resolve) => {
                ctx.signal.addEventListener("abort", () => {
                  siblingAborted = true;
                  resolve("stopped");
                });
              }),
          }),
          { name: "Pair" },
        ),
      ],
    });
    const output = await workflow.run("x");
    expect(output.status).toBe(RunStatus.error);
    expect(output.content).toBe("branch broke");
    expect(siblingAborted).toBe(true);
  });

  it("stops the workflow early when a step's output has stop", async () => {
    let later = 0;
    const workflow = new Workflow({
      steps: [
        fn("First", "one"),
        () => new StepOutput({ content: "enough", stop: true }),
        () => ++later,
      ],
    });
    const output = await workflow.run("x");
    expect(later).toBe(0);
    expect(output.status).toBe(RunStatus.completed);
    expect(output.step_results.map((s) => s.content)).toEqual(["one", "enough"]);
    expect(output.content).toBe("enough");

    let iterations = 0;
    const looped = new Workflow({
      steps: [
        new Loop({
          name: "Until stop",
          maxIterations: 10,
          steps: [() => new StepOutput({ content: ++iterations, stop: iterations === 2 })],
        }),
        () => ++later,
      ],
    });
    const loopOutput = await looped.run("x");
    expect(iterations).toBe(2);
    expect(later).toBe(0);
    expect(loopOutput.step_results[0]!.stop).toBe(true);
  });

  it("fails with a strict step that has no input, without retrying", async () => {
    let calls = 0;
    const workflow = new Workflow({
      steps: [
        new Step({
          name: "Needs input",
          strict: true,
          executor: () => {
            calls++;
            return "x";
          },
        }),
      ],
    });
    const output = await workflow.run(undefined);
    expect(calls).toBe(0);
    expect(output.status).toBe(RunStatus.error);
    expect(output.content).toContain('Step "Needs input" has no input');
  });
});

describe("Workflow input and custom functions", () => {
  const schema = z.object({ topic: z.string(), words: z.number().int().positive() });

  it("validates the input with inputSchema", async () => {
    const workflow = new Workflow({
      name: "Typed",
      inputSchema: schema,
      steps: [(input: StepInput) => (input.input as { topic: string }).topic],
    });
    await expect(workflow.run({ topic: "x", words: -1 })).rejects.toBeInstanceOf(
      InputValidationError,
    );
    await expect(workflow.run("not json")).rejects.toThrow(
      'Workflow "Typed" expects input matching its inputSchema',
    );
    const stream = workflow.run({ topic: 1 }, { stream: true });
    await expect(collect(stream)).rejects.toThrow('Invalid input for workflow "Typed"');
    const output = await workflow.run(JSON.stringify({ topic: "reefs", words: 100 }));
    expect(output.content).toBe("reefs");
    expect(output.input).toEqual({ topic: "reefs", words: 100 });
  });

  it("runs a single custom function", async () => {
    const workflow = new Workflow({
      name: "Custom",
      steps: async (wf, execution, ctx) => {
        ctx.sessionState.visited = true;
        return `${wf.name} handled ${execution.input}`;
      },
    });
    const output = await workflow.run("a request");
    expect(output.status).toBe(RunStatus.completed);
    expect(output.content).toBe("Custom handled a request");
    expect(workflow.workflowData().steps).toEqual([
      { name: "Custom Function", description: "User-defined callable workflow", type: "Callable" },
    ]);
  });

  it("streams a custom async generator, forwarding its agent's events", async () => {
    const writer = new Agent({ name: "Writer", model: new TestModel({ text: "Generated text." }) });
    const workflow = new Workflow({
      steps: async function* (_wf, execution) {
        yield { event: "CustomEvent", stage: "writing" };
        yield* writer.run(String(execution.input), { stream: true });
      },
    });
    const stream = workflow.run("x", { stream: true });
    const events = await collect(stream);
    expect(labels(events)).toEqual([
      "WorkflowStarted",
      "CustomEvent",
      "RunContent",
      "WorkflowCompleted",
    ]);
    expect(events[1]).toMatchObject({ stage: "writing", workflow_id: workflow.id });
    expect(events[2]).toMatchObject({ workflow_run_id: stream.runId, agent_name: "Writer" });
    expect((events.at(-1) as any).content).toBe("Generated text.");
  });
});
