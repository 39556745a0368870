import { CompositeStep, type CompositeStepOptions, LazySteps } from "./composite.js";
import type { ExecutionContext, StepPosition } from "./context.js";
import type { WorkflowStreamEvent } from "./events.js";
import type { StepLike } from "./normalize.js";
import { childIndex, runSequence } from "./sequence.js";
import { type StepInput, type StepOutput, StepType } from "./types.js";

/** Options of `new Steps(...)`. */
export interface StepsOptions extends CompositeStepOptions {
  /** Steps run one after another. @default [] */
  steps?: StepLike[];
}

/**
 * A named group of steps run in sequence, usable wherever a step is (for example as a Router
 * choice).
 *
 * @example
 * const research = new Steps({ name: "Research", steps: [search, summarize] });
 */
export class Steps extends CompositeStep {
  readonly stepType = StepType.steps;
  readonly #steps: LazySteps;

  constructor(options: StepsOptions) {
    super(options);
    this.#steps = new LazySteps(options.steps ?? []);
  }

  /** The steps of the group, normalized. */
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
      yield this.event(ctx, "StepsExecutionStarted", { ...base, steps_count: steps.length });
    if (steps.length === 0) return this.output("No steps to execute", []);
    const result = yield* runSequence(steps, input, ctx, {
      indexOf: (i) => childIndex(position.index, i),
      parentStepId: this.stepId,
    });
    if (ctx.emit) {
      yield this.event(ctx, "StepsExecutionCompleted", {
        ...base,
        steps_count: steps.length,
        executed_steps: result.outputs.length,
        step_results: result.outputs,
      });
    }
    return this.output(
      `Steps ${this.label} completed with ${result.outputs.length} results`,
      result.outputs,
    );
  }
}
