import { ConfigurationError } from "../errors.js";
import { CompositeStep, type CompositeStepOptions, LazySteps } from "./composite.js";
import {
  type ExecutionContext,
  isWorkflowStep,
  type StepPosition,
  type WorkflowRunContext,
  type WorkflowStep,
} from "./context.js";
import type { WorkflowStreamEvent } from "./events.js";
import { type StepLike, toWorkflowStep } from "./normalize.js";
import { childIndex, runSequence } from "./sequence.js";
import { type StepInput, type StepOutput, StepType } from "./types.js";

/** What a selector may pick: a choice (the step, or its name), several, or nothing. */
export type RouterSelection = StepLike | string | Array<StepLike | string> | null | undefined;

/** Picks the steps a Router runs (may be async). */
export type RouterSelector = (
  stepInput: StepInput,
  runContext: WorkflowRunContext,
) => RouterSelection | Promise<RouterSelection>;

/** Options of `new Router(...)`. */
export interface RouterOptions extends CompositeStepOptions {
  selector: RouterSelector;
  /** The steps the selector picks from. */
  choices: StepLike[];
}

/**
 * Runs the steps its selector picks among its choices (in sequence, in the order picked).
 *
 * @example
 * new Router({ name: "Route", choices: [techWriter, generalWriter],
 *   selector: (input) => (String(input.input).includes("API") ? techWriter : generalWriter) })
 */
export class Router extends CompositeStep {
  readonly stepType = StepType.router;
  readonly selector: RouterSelector;
  readonly #choices: LazySteps;

  constructor(options: RouterOptions) {
    super(options);
    this.selector = options.selector;
    this.#choices = new LazySteps(options.choices);
  }

  get choices() {
    return this.#choices.steps;
  }

  async *execute(
    input: StepInput,
    ctx: ExecutionContext,
    position: StepPosition,
  ): AsyncGenerator<WorkflowStreamEvent, StepOutput | undefined> {
    const selection = await this.selector(
      input,
      ctx.runContext.forStep({
        ...(this.name !== undefined ? { name: this.name } : {}),
        stepId: this.stepId,
      }),
    );
    const steps = this.resolve(selection);
    const base = this.eventBase(position);
    const names = steps.map((s, i) => s.name ?? `step_${i}`);
    if (ctx.emit)
      yield this.event(ctx, "RouterExecutionStarted", { ...base, selected_steps: names });
    if (steps.length === 0) {
      if (ctx.emit) {
        yield this.event(ctx, "RouterExecutionCompleted", {
          ...base,
          selected_steps: [],
          executed_steps: 0,
          step_results: [],
        });
      }
      return undefined;
    }
    const result = yield* runSequence(steps, input, ctx, {
      indexOf: (i) => childIndex(position.index, i),
      parentStepId: this.stepId,
    });
    if (ctx.emit) {
      yield this.event(ctx, "RouterExecutionCompleted", {
        ...base,
        selected_steps: names,
        executed_steps: steps.length,
        step_results: result.outputs,
      });
    }
    return this.output(
      `Router ${this.label} completed with ${result.outputs.length} results`,
      result.outputs,
    );
  }

  /** The selected steps: names and raw choices mapped to the normalized choices. */
  private resolve(selection: RouterSelection): WorkflowStep[] {
    if (selection === undefined || selection === null) return [];
    const items = Array.isArray(selection) ? selection : [selection];
    const choices = this.#choices.steps;
    const raw = this.#choices.items;
    return items.map((item, i) => {
      if (typeof item === "string") {
        const found = choices.find((c) => c.name === item);
        if (!found) {
          const available = choices.map((c) => `"${c.name}"`).join(", ");
          throw new ConfigurationError(
            `Router "${this.label}" selector returned "${item}", which is not one of its choices (${available}).`,
          );
        }
        return found;
      }
      const at = raw.indexOf(item);
      if (at >= 0) return choices[at]!;
      return isWorkflowStep(item) ? item : toWorkflowStep(item, i);
    });
  }
}
