import { CompositeStep, type CompositeStepOptions, LazySteps } from "./composite.js";
import type { ExecutionContext, StepPosition, WorkflowRunContext } from "./context.js";
import type { WorkflowStreamEvent } from "./events.js";
import type { StepLike } from "./normalize.js";
import { childIndex, runSequence } from "./sequence.js";
import { type StepInput, type StepOutput, StepType } from "./types.js";

/** Decides whether a Condition's steps run: a boolean, or a (possibly async) function. */
export type ConditionEvaluator =
  | boolean
  | ((stepInput: StepInput, runContext: WorkflowRunContext) => boolean | Promise<boolean>);

/** Options of `new Condition(...)`. */
export interface ConditionOptions extends CompositeStepOptions {
  evaluator: ConditionEvaluator;
  /** Steps run (in sequence) when the evaluator says true. */
  steps: StepLike[];
  /** Steps run when it says false. @default none: the condition produces no output */
  elseSteps?: StepLike[];
}

/**
 * Runs its steps only when the evaluator says so (else its `elseSteps`, if any).
 *
 * @example
 * new Condition({ name: "Premium only", evaluator: (_, ctx) => ctx.sessionState.tier === "premium", steps: [deepDive] })
 */
export class Condition extends CompositeStep {
  readonly stepType = StepType.condition;
  readonly evaluator: ConditionEvaluator;
  readonly #steps: LazySteps;
  readonly #elseSteps: LazySteps | undefined;

  constructor(options: ConditionOptions) {
    super(options);
    this.evaluator = options.evaluator;
    this.#steps = new LazySteps(options.steps);
    this.#elseSteps = options.elseSteps?.length ? new LazySteps(options.elseSteps) : undefined;
  }

  get steps() {
    return this.#steps.steps;
  }
  get elseSteps() {
    return this.#elseSteps?.steps ?? [];
  }

  async *execute(
    input: StepInput,
    ctx: ExecutionContext,
    position: StepPosition,
  ): AsyncGenerator<WorkflowStreamEvent, StepOutput | undefined> {
    const met =
      typeof this.evaluator === "boolean"
        ? this.evaluator
        : Boolean(
            await this.evaluator(
              input,
              ctx.runContext.forStep({
                ...(this.name !== undefined ? { name: this.name } : {}),
                stepId: this.stepId,
              }),
            ),
          );
    const base = this.eventBase(position);
    if (ctx.emit)
      yield this.event(ctx, "ConditionExecutionStarted", { ...base, condition_result: met });
    const steps = met ? this.#steps.steps : this.#elseSteps?.steps;
    if (!steps) {
      if (ctx.emit) {
        yield this.event(ctx, "ConditionExecutionCompleted", {
          ...base,
          condition_result: false,
          executed_steps: 0,
          step_results: [],
        });
      }
      return undefined;
    }
    const branch = met ? "if" : "else";
    const result = yield* runSequence(steps, input, ctx, {
      indexOf: (i) => childIndex(position.index, i),
      parentStepId: this.stepId,
    });
    if (ctx.emit) {
      yield this.event(ctx, "ConditionExecutionCompleted", {
        ...base,
        condition_result: met,
        executed_steps: steps.length,
        branch,
        step_results: result.outputs,
      });
    }
    return this.output(
      `Condition ${this.label} completed with ${result.outputs.length} results (${branch} branch)`,
      result.outputs,
    );
  }
}
