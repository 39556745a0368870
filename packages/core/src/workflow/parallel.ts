import { AsyncQueue } from "../utils/async-queue.js";
import { CompositeStep, type CompositeStepOptions, LazySteps } from "./composite.js";
import {
  type ExecutionContext,
  isWorkflowStep,
  linkedController,
  type StepPosition,
  type WorkflowStep,
} from "./context.js";
import type { WorkflowStreamEvent } from "./events.js";
import { isRunnable } from "./executor.js";
import type { StepLike } from "./normalize.js";
import { childIndex } from "./sequence.js";
import { asText, deepestContent, type StepInput, type StepOutput, StepType } from "./types.js";

/** Options of `new Parallel({ name, steps })` (or the trailing options of `new Parallel(a, b, { name })`). */
export interface ParallelOptions extends CompositeStepOptions {
  steps?: StepLike[];
}

/**
 * Runs its steps at the same time, all on the same input; their outputs come back in the
 * declared order. When a branch fails (after its retries), the others are cancelled and the
 * failure propagates (use `skipOnFailure` on a Step to keep going).
 *
 * @example
 * new Parallel(searchWeb, searchPapers, { name: "Research" })
 * new Parallel({ name: "Research", steps: [searchWeb, searchPapers] })
 */
export class Parallel extends CompositeStep {
  readonly stepType = StepType.parallel;
  readonly #steps: LazySteps;

  constructor(...args: Array<StepLike | ParallelOptions>) {
    const last = args.at(-1);
    const options = isOptions(last) ? last : {};
    const items = (isOptions(last) ? args.slice(0, -1) : args) as StepLike[];
    super(options);
    this.#steps = new LazySteps([...items, ...(options.steps ?? [])]);
  }

  get steps() {
    return this.#steps.steps;
  }

  async *execute(
    input: StepInput,
    ctx: ExecutionContext,
    position: StepPosition,
  ): AsyncGenerator<WorkflowStreamEvent, StepOutput> {
    const steps = this.#steps.steps;
    const base = this.eventBase(position);
    if (ctx.emit)
      yield this.event(ctx, "ParallelExecutionStarted", {
        ...base,
        parallel_step_count: steps.length,
      });
    const outputs = yield* this.runBranches(steps, input, ctx, position);
    const output = this.output(aggregate(outputs), outputs);
    output.executor_name = this.label;
    const errors = outputs
      .filter((o) => !o.success && o.error)
      .map((o) => `${o.step_name}: ${o.error}`);
    if (errors.length > 0) output.error = errors.join("; ");
    if (ctx.emit) {
      yield this.event(ctx, "ParallelExecutionCompleted", {
        ...base,
        parallel_step_count: steps.length,
        step_results: outputs,
      });
    }
    return output;
  }

  /** Runs every branch concurrently, forwarding events as they come; outputs in declared order. */
  private async *runBranches(
    steps: WorkflowStep[],
    input: StepInput,
    ctx: ExecutionContext,
    position: StepPosition,
  ): AsyncGenerator<WorkflowStreamEvent, StepOutput[]> {
    const { controller, unlink } = linkedController(ctx.signal);
    const branchCtx: ExecutionContext = { ...ctx, signal: controller.signal };
    const queue = new AsyncQueue<WorkflowStreamEvent>();
    const results: Array<StepOutput | undefined> = new Array(steps.length);
    let failure: { error: unknown } | undefined;
    const pumps = steps.map(async (step, i) => {
      const events = step.execute(input, branchCtx, {
        index: childIndex(position.index, i),
        parentStepId: this.stepId,
      });
      try {
        for (;;) {
          const next = await events.next();
          if (next.done) {
            results[i] = next.value;
            return;
          }
          queue.push(next.value);
        }
      } catch (error) {
        if (!failure) {
          failure = { error };
          controller.abort(ctx.signal.aborted ? ctx.signal.reason : error);
        }
      }
    });
    const all = Promise.all(pumps).then(() => queue.close());
    let done = false;
    try {
      for await (const event of queue) yield event;
      await all;
      done = true;
    } finally {
      if (!done) {
        controller.abort(ctx.signal.reason ?? `Parallel ${this.label} was stopped`);
        await all;
      }
      unlink();
    }
    if (failure) throw failure.error;
    return results.filter((r): r is StepOutput => r !== undefined);
  }
}

function isOptions(value: unknown): value is ParallelOptions {
  return (
    typeof value === "object" &&
    value !== null &&
    !isWorkflowStep(value) &&
    !isRunnable(value) &&
    !Array.isArray(value)
  );
}

function aggregate(outputs: StepOutput[]): string {
  if (outputs.length === 0) return "No parallel steps executed";
  const parts = outputs.map((o, i) => {
    const content = asText(deepestContent(o)).trim();
    const status = o.success ? "✅ SUCCESS:" : "❌ FAILURE:";
    return `### ${status} ${o.step_name ?? `Step ${i + 1}`}\n${content || "*(No content)*"}`;
  });
  return `## Parallel Execution Results\n\n${parts.join("\n\n")}`;
}
