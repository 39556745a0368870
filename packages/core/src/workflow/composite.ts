import { uuid } from "../utils/ids.js";
import {
  type ExecutionContext,
  makeWorkflowEvent,
  type StepPosition,
  WORKFLOW_STEP,
  type WorkflowStep,
} from "./context.js";
import type { WorkflowRunEventName, WorkflowStreamEvent } from "./events.js";
import { type StepLike, toWorkflowSteps } from "./normalize.js";
import { collectMedia, type StepInput, StepOutput, type StepType } from "./types.js";

/** Options every composite step takes. */
export interface CompositeStepOptions {
  /** Step name (used in events and `previous_step_outputs`). */
  name?: string;
  description?: string;
  /** Stable step id. @default a random UUID */
  stepId?: string;
}

/** Shared identity of Steps, Condition, Parallel, Router and Loop. */
export abstract class CompositeStep implements WorkflowStep {
  readonly [WORKFLOW_STEP] = true as const;
  abstract readonly stepType: StepType;
  readonly name: string | undefined;
  readonly description: string | undefined;
  #stepId: string | undefined;

  constructor(options: CompositeStepOptions) {
    this.name = options.name;
    this.description = options.description;
    this.#stepId = options.stepId;
  }

  get stepId(): string {
    this.#stepId ??= uuid();
    return this.#stepId;
  }

  abstract execute(
    input: StepInput,
    ctx: ExecutionContext,
    position: StepPosition,
  ): AsyncGenerator<WorkflowStreamEvent, StepOutput | undefined>;

  /** The name used in texts: the step's name, else its type. */
  protected get label(): string {
    return this.name ?? this.stepType;
  }

  /** An event of this step. */
  protected event(
    ctx: ExecutionContext,
    name: WorkflowRunEventName,
    fields: Record<string, unknown>,
  ): WorkflowStreamEvent {
    return makeWorkflowEvent(ctx, name, fields) as WorkflowStreamEvent;
  }

  /** Base attributes of this step's events. */
  protected eventBase(position: StepPosition): Record<string, unknown> {
    return {
      step_id: this.stepId,
      parent_step_id: position.parentStepId,
      step_name: this.name,
      step_index: position.index,
    };
  }

  /** The composite's output: its children nested, their media gathered, success and stop combined. */
  protected output(content: string, children: StepOutput[]): StepOutput {
    return new StepOutput({
      step_name: this.name ?? this.stepType,
      step_id: this.stepId,
      step_type: this.stepType,
      content,
      success: children.every((c) => c.success),
      stop: children.some((c) => c.stop),
      steps: children,
      ...collectMedia(children),
    });
  }
}

/** Normalizes step-like items once, on first use. */
export class LazySteps {
  #items: readonly StepLike[];
  #steps: WorkflowStep[] | undefined;
  constructor(items: readonly StepLike[]) {
    this.#items = items;
  }
  get items(): readonly StepLike[] {
    return this.#items;
  }
  get steps(): WorkflowStep[] {
    this.#steps ??= toWorkflowSteps(this.#items);
    return this.#steps;
  }
}
