import { AgnoError, errorMarker } from "@agno/factory";
import type { ToolExecution } from "./tools/tool-execution.js";

export { AgnoError, errorMarker };

type ErrorOptions = { cause?: unknown };

/** A model provider failed: bad key, rate limit, server error, malformed answer. */
export class ModelProviderError extends AgnoError {
  static override readonly marker = errorMarker("ModelProviderError");
  readonly provider: string;
  readonly modelId: string;
  /** HTTP status of the provider's answer, when there was one. */
  override readonly status: number;
  constructor(
    message: string,
    options: { provider: string; modelId: string; status?: number } & ErrorOptions,
  ) {
    super(message, {
      code: "model_provider_error",
      status: options.status ?? 502,
      cause: options.cause,
    });
    this.name = "ModelProviderError";
    this.provider = options.provider;
    this.modelId = options.modelId;
    this.status = options.status ?? 502;
  }

  /** True for failures worth retrying: rate limits, timeouts and server errors. */
  get retryable(): boolean {
    return this.status === 408 || this.status === 409 || this.status === 429 || this.status >= 500;
  }
}

/** A run's input did not match the agent's `inputSchema`, or was otherwise unusable (HTTP 400). */
export class InputValidationError extends AgnoError {
  static override readonly marker = errorMarker("InputValidationError");
  readonly issues?: unknown;
  constructor(message: string, options: { issues?: unknown } & ErrorOptions = {}) {
    super(message, { code: "input_validation_error", status: 400, cause: options.cause });
    this.name = "InputValidationError";
    if (options.issues !== undefined) this.issues = options.issues;
  }
}

/** The agent is configured in a way that cannot run (missing model, unknown model string...). */
export class ConfigurationError extends AgnoError {
  static override readonly marker = errorMarker("ConfigurationError");
  constructor(message: string, options: ErrorOptions = {}) {
    super(message, { code: "configuration_error", status: 500, cause: options.cause });
    this.name = "ConfigurationError";
  }
}

/** The model's answer could not be parsed into the run's `outputSchema`. */
export class OutputParseError extends AgnoError {
  static override readonly marker = errorMarker("OutputParseError");
  readonly content: string;
  constructor(message: string, options: { content: string } & ErrorOptions) {
    super(message, { code: "output_parse_error", status: 500, cause: options.cause });
    this.name = "OutputParseError";
    this.content = options.content;
  }
}

/** Thrown by a pre-hook or guardrail to reject a run's input. */
export class InputCheckError extends AgnoError {
  static override readonly marker = errorMarker("InputCheckError");
  readonly checkTrigger: string;
  constructor(message: string, options: { checkTrigger?: string } & ErrorOptions = {}) {
    super(message, { code: "input_check_error", status: 400, cause: options.cause });
    this.name = "InputCheckError";
    this.checkTrigger = options.checkTrigger ?? "input_not_allowed";
  }
}

/** Thrown by a post-hook or guardrail to reject a run's output. */
export class OutputCheckError extends AgnoError {
  static override readonly marker = errorMarker("OutputCheckError");
  readonly checkTrigger: string;
  constructor(message: string, options: { checkTrigger?: string } & ErrorOptions = {}) {
    super(message, { code: "output_check_error", status: 422, cause: options.cause });
    this.name = "OutputCheckError";
    this.checkTrigger = options.checkTrigger ?? "output_not_allowed";
  }
}

/** A message for the user or the agent, or extra conversation messages, attached to a tool exception. */
export interface AgentRunExceptionOptions {
  /** A message to show the user. */
  userMessage?: string;
  /** A message from the agent's perspective. */
  agentMessage?: string;
  /** Messages to add to the conversation. */
  messages?: Array<{ role: string; content: string } & Record<string, unknown>>;
}

/** Base of the exceptions a tool throws to steer the run loop. */
export class AgentRunException extends AgnoError {
  static override readonly marker = errorMarker("AgentRunException");
  readonly userMessage?: string;
  readonly agentMessage?: string;
  readonly messages?: AgentRunExceptionOptions["messages"];
  constructor(message: string, code: string, options: AgentRunExceptionOptions = {}) {
    super(message, { code });
    this.name = "AgentRunException";
    if (options.userMessage !== undefined) this.userMessage = options.userMessage;
    if (options.agentMessage !== undefined) this.agentMessage = options.agentMessage;
    if (options.messages !== undefined) this.messages = options.messages;
  }
}

/**
 * Thrown from a tool: the message goes back to the model as the tool's error and the run goes on,
 * so the model can change its approach. It does not restart the run.
 */
export class RetryAgentRun extends AgentRunException {
  static override readonly marker = errorMarker("RetryAgentRun");
  constructor(message: string, options: AgentRunExceptionOptions = {}) {
    super(message, "retry_agent_run", options);
    this.name = "RetryAgentRun";
  }
}

/**
 * Thrown from a tool: the tool-call loop ends at once and the run completes (status COMPLETED) with
 * everything up to that point kept. It does not cancel the run.
 */
export class StopAgentRun extends AgentRunException {
  static override readonly marker = errorMarker("StopAgentRun");
  constructor(message: string, options: AgentRunExceptionOptions = {}) {
    super(message, "stop_agent_run", options);
    this.name = "StopAgentRun";
  }
}

/**
 * Thrown by a tool whose work paused waiting for a person (a team member's tool that needs a
 * confirmation, user input or an external result): the run pauses with `paused`, the tools to
 * answer, and the tool call stays open until the run is continued.
 */
export class ToolCallPaused extends AgentRunException {
  static override readonly marker = errorMarker("ToolCallPaused");
  readonly paused: ToolExecution[];
  constructor(paused: ToolExecution[]) {
    super("The tool call is waiting for a person.", "tool_call_paused");
    this.name = "ToolCallPaused";
    this.paused = paused;
  }
}

/** The run was cancelled through `cancelRun(runId)` or an abort signal. */
export class RunCancelledError extends AgnoError {
  static override readonly marker = errorMarker("RunCancelledError");
  readonly runId: string;
  constructor(runId: string, reason?: string) {
    super(reason ?? `Run ${runId} was cancelled.`, { code: "run_cancelled", status: 499 });
    this.name = "RunCancelledError";
    this.runId = runId;
  }
}

/** Converts anything thrown into an Error, keeping Agno errors as they are. */
export function toError(value: unknown): Error {
  if (value instanceof Error) return value;
  if (typeof value === "string") return new Error(value);
  try {
    return new Error(JSON.stringify(value));
  } catch {
    return new Error(String(value));
  }
}
