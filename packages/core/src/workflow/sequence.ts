import {
  type ExecutionContext,
  makeWorkflowEvent,
  throwIfCancelled,
  type WorkflowStep,
} from "./context.js";
import type { WorkflowStreamEvent } from "./events.js";
import type { StepIndex, StepInput, StepOutput } from "./types.js";

/** How {@link runSequence} places and reports its steps. */
export interface SequenceOptions {
  /** Index of the i-th step (a path inside composites). */
  indexOf: (i: number) => StepIndex;
  /** Id of the composite step that runs the sequence. */
  parentStepId?: string;
  /** The workflow's own steps: function steps also yield a `StepOutput` event. */
  topLevel?: boolean;
  /** Called with each output as soon as its step finishes. */
  onOutput?: (output: StepOutput) => void | Promise<void>;
}

/** What a sequence produced. */
export interface SequenceResult {
  outputs: StepOutput[];
  /** A step asked to stop the workflow (`StepOutput.stop`). */
  stopped: boolean;
  /** The input the next step would get (with every output and media of the sequence). */
  input: StepInput;
}

/**
 * Runs steps one after another, each getting the previous ones' outputs and media; stops after
 * a step whose output has `stop`.
 */
export async function* runSequence(
  steps: readonly WorkflowStep[],
  input: StepInput,
  ctx: ExecutionContext,
  options: SequenceOptions,
): AsyncGenerator<WorkflowStreamEvent, SequenceResult> {
  let current = input;
  const outputs: StepOutput[] = [];
  let stopped = false;
  for (let i = 0; i < steps.length; i++) {
    throwIfCancelled(ctx);
    const step = steps[i]!;
    const index = options.indexOf(i);
    const output = yield* step.execute(current, ctx, {
      index,
      ...(options.parentStepId !== undefined ? { parentStepId: options.parentStepId } : {}),
    });
    if (!output) continue;
    outputs.push(output);
    await options.onOutput?.(output);
    if (options.topLevel && step.executorType === "function") {
      yield makeWorkflowEvent(ctx, "StepOutput", {
        step_id: output.step_id,
        step_name: output.step_name,
        step_index: index,
        step_output: output,
      });
    }
    current = current.withOutput(output);
    if (output.stop) {
      stopped = true;
      break;
    }
  }
  return { outputs, stopped, input: current };
}

/** The index of a child of the step at `parent`. */
export function childIndex(parent: StepIndex, i: number): number[] {
  return Array.isArray(parent) ? [...parent, i] : [parent, i];
}
