import { CompositeStep, type CompositeStepOptions, LazySteps } from "./composite.js";
import type { ExecutionContext, StepPosition } from "./context.js";
import type { WorkflowStreamEvent } from "./events.js";
import type { StepLike } from "./normalize.js";
import { childIndex, runSequence } from "./sequence.js";
import { type StepInput, type StepOutput, StepType } from "./types.js";

/** Ends a Loop when it returns true: receives the outputs of the iteration just run. */
export type LoopEndCondition = (
  iterationResults: StepOutput[],
  iteration: number,
) => boolean | Promise<boolean>;

/** Options of `new Loop(...)`. */
export interface LoopOptions extends CompositeStepOptions {
  /** Steps run (in sequence) on each iteration. */
  steps: StepLike[];
  /** @default 3 */
  maxIterations?: number;
  /** Checked after each iteration; true ends the loop. */
  endCondition?: LoopEndCondition;
  /** Give each iteration the previous iteration's outputs (else every iteration gets the loop's input). @default false */
  forwardIterationOutput?: boolean;
}

/**
 * Runs its steps repeatedly, until the end condition holds or `maxIterations` is reached (or a
 * step's output has `stop`, which also ends the workflow).
 *
 * @example
 * new Loop({ name: "Refine", steps: [critique, revise], maxIterations: 3,
 *   endCondition: (outputs) => String(outputs.at(-1)?.content).includes("APPROVED") })
 */
export class Loop extends CompositeStep {
  readonly stepType = StepType.loop;
  readonly maxIterations: number;
  readonly endCondition: LoopEndCondition | undefined;
  readonly forwardIterationOutput: boolean;
  readonly #steps: LazySteps;

  constructor(options: LoopOptions) {
    super(options);
    this.#steps = new LazySteps(options.steps);
    this.maxIterations = options.maxIterations ?? 3;
    this.endCondition = options.endCondition;
    this.forwardIterationOutput = options.forwardIterationOutput ?? false;
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
    const max = this.maxIterations;
    if (ctx.emit) yield this.event(ctx, "LoopExecutionStarted", { ...base, max_iterations: max });
    const all: StepOutput[][] = [];
    let iterationInput = input;
    let iteration = 0;
    while (iteration < max) {
      if (ctx.emit) {
        yield this.event(ctx, "LoopIterationStarted", {
          ...base,
          iteration: iteration + 1,
          max_iterations: max,
        });
      }
      const result = yield* runSequence(steps, iterationInput, ctx, {
        indexOf: (i) => childIndex(position.index, i),
        parentStepId: this.stepId,
      });
      all.push(result.outputs);
      iteration++;
      let shouldContinue = !result.stopped;
      if (
        shouldContinue &&
        this.endCondition &&
        (await this.endCondition(result.outputs, iteration))
      )
        shouldContinue = false;
      if (ctx.emit) {
        yield this.event(ctx, "LoopIterationCompleted", {
          ...base,
          iteration,
          max_iterations: max,
          iteration_results: result.outputs,
          should_continue: shouldContinue,
        });
      }
      if (!shouldContinue) break;
      if (this.forwardIterationOutput) iterationInput = result.input;
    }
    if (ctx.emit) {
      yield this.event(ctx, "LoopExecutionCompleted", {
        ...base,
        total_iterations: iteration,
        max_iterations: max,
        all_results: all,
      });
    }
    const flat = all.flat();
    return this.output(
      `Loop ${this.label} completed ${iteration} iterations with ${flat.length} total steps`,
      flat,
    );
  }
}
