import { ConfigurationError } from "../errors.js";
import { isWorkflowStep, type WorkflowStep } from "./context.js";
import { isRunnable, type RunnableExecutor } from "./executor.js";
import { functionName, Step, type StepExecutor } from "./step.js";

/**
 * Anything accepted where a step is expected: a step class (Step, Steps, Condition, Parallel,
 * Router, Loop), an agent or team (anything with a compatible `run`), or a function of the
 * step input.
 */
export type StepLike = WorkflowStep | RunnableExecutor | StepExecutor;

/** Turns a step-like item into a step: agents, teams and functions are wrapped in a {@link Step}. */
export function toWorkflowStep(item: StepLike, index: number): WorkflowStep {
  if (isWorkflowStep(item)) return item;
  if (isRunnable(item)) {
    const name = item.name ?? `step_${index + 1}`;
    const description = item.description;
    const isTeam = "members" in item;
    return new Step({
      name,
      ...(description !== undefined ? { description } : {}),
      ...(isTeam ? { team: item } : { agent: item }),
    });
  }
  if (typeof item === "function") {
    const executor = item as StepExecutor;
    return new Step({ name: functionName(executor) ?? `step_${index + 1}`, executor });
  }
  throw new ConfigurationError(
    `Workflow step #${index + 1} is not a step: pass a Step, Steps, Condition, Parallel, Router, Loop, an Agent, or a function. Got ${typeof item}.`,
  );
}

/** {@link toWorkflowStep} over a list. */
export function toWorkflowSteps(items: readonly StepLike[]): WorkflowStep[] {
  return items.map((item, i) => toWorkflowStep(item, i));
}

/** `{ name, description, type }` of a step, as stored in `workflow_data.steps`. */
export function describeStep(step: WorkflowStep): Record<string, unknown> {
  return {
    name: step.name ?? null,
    description: step.description ?? null,
    type: step.stepType,
  };
}
