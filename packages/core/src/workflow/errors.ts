import { AgnoError, errorMarker } from "../errors.js";

/** A workflow step ran longer than its `timeoutSeconds` (HTTP 504). */
export class StepTimeoutError extends AgnoError {
  static override readonly marker = errorMarker("StepTimeoutError");
  readonly stepName: string;
  readonly timeoutSeconds: number;
  constructor(stepName: string, timeoutSeconds: number) {
    super(
      `Step "${stepName}" timed out after ${timeoutSeconds}s. Raise its timeoutSeconds, or make the step faster.`,
      { code: "step_timeout", status: 504 },
    );
    this.name = "StepTimeoutError";
    this.stepName = stepName;
    this.timeoutSeconds = timeoutSeconds;
  }
}

/** A step's agent or team run ended with status ERROR (or was cancelled on its own). */
export class StepExecutionError extends AgnoError {
  static override readonly marker = errorMarker("StepExecutionError");
  readonly stepName: string;
  /** Run id of the agent or team run that failed. */
  readonly executorRunId: string | undefined;
  constructor(stepName: string, message: string, options: { executorRunId?: string } = {}) {
    super(message, { code: "step_execution_error", status: 500 });
    this.name = "StepExecutionError";
    this.stepName = stepName;
    this.executorRunId = options.executorRunId;
  }
}
