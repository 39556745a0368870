import type { MediaDict } from "../media/media.js";
import type { Message } from "../messages.js";
import type { Metrics } from "../metrics.js";
import type { ToolExecution } from "../tools/tool-execution.js";
import type { RunInputDict } from "./run-input.js";

/** Names of agent run events. */
export const RunEvent = {
  runStarted: "RunStarted",
  runContent: "RunContent",
  runContentCompleted: "RunContentCompleted",
  runIntermediateContent: "RunIntermediateContent",
  runCompleted: "RunCompleted",
  runError: "RunError",
  runCancelled: "RunCancelled",
  runPaused: "RunPaused",
  runContinued: "RunContinued",
  preHookStarted: "PreHookStarted",
  preHookCompleted: "PreHookCompleted",
  postHookStarted: "PostHookStarted",
  postHookCompleted: "PostHookCompleted",
  toolCallStarted: "ToolCallStarted",
  toolCallCompleted: "ToolCallCompleted",
  toolCallError: "ToolCallError",
  reasoningStarted: "ReasoningStarted",
  reasoningStep: "ReasoningStep",
  reasoningContentDelta: "ReasoningContentDelta",
  reasoningCompleted: "ReasoningCompleted",
  memoryUpdateStarted: "MemoryUpdateStarted",
  memoryUpdateCompleted: "MemoryUpdateCompleted",
  sessionSummaryStarted: "SessionSummaryStarted",
  sessionSummaryCompleted: "SessionSummaryCompleted",
  parserModelResponseStarted: "ParserModelResponseStarted",
  parserModelResponseCompleted: "ParserModelResponseCompleted",
  outputModelResponseStarted: "OutputModelResponseStarted",
  outputModelResponseCompleted: "OutputModelResponseCompleted",
  modelRequestStarted: "ModelRequestStarted",
  modelRequestCompleted: "ModelRequestCompleted",
  customEvent: "CustomEvent",
} as const;

export type RunEventName = (typeof RunEvent)[keyof typeof RunEvent];

/** The names a team gives the same events (a custom event keeps its name). */
export const TeamRunEvent: Readonly<Record<RunEventName, string>> = {
  RunStarted: "TeamRunStarted",
  RunContent: "TeamRunContent",
  RunContentCompleted: "TeamRunContentCompleted",
  RunIntermediateContent: "TeamRunIntermediateContent",
  RunCompleted: "TeamRunCompleted",
  RunError: "TeamRunError",
  RunCancelled: "TeamRunCancelled",
  RunPaused: "TeamRunPaused",
  RunContinued: "TeamRunContinued",
  PreHookStarted: "TeamPreHookStarted",
  PreHookCompleted: "TeamPreHookCompleted",
  PostHookStarted: "TeamPostHookStarted",
  PostHookCompleted: "TeamPostHookCompleted",
  ToolCallStarted: "TeamToolCallStarted",
  ToolCallCompleted: "TeamToolCallCompleted",
  ToolCallError: "TeamToolCallError",
  ReasoningStarted: "TeamReasoningStarted",
  ReasoningStep: "TeamReasoningStep",
  ReasoningContentDelta: "TeamReasoningContentDelta",
  ReasoningCompleted: "TeamReasoningCompleted",
  MemoryUpdateStarted: "TeamMemoryUpdateStarted",
  MemoryUpdateCompleted: "TeamMemoryUpdateCompleted",
  SessionSummaryStarted: "TeamSessionSummaryStarted",
  SessionSummaryCompleted: "TeamSessionSummaryCompleted",
  ParserModelResponseStarted: "TeamParserModelResponseStarted",
  ParserModelResponseCompleted: "TeamParserModelResponseCompleted",
  OutputModelResponseStarted: "TeamOutputModelResponseStarted",
  OutputModelResponseCompleted: "TeamOutputModelResponseCompleted",
  ModelRequestStarted: "TeamModelRequestStarted",
  ModelRequestCompleted: "TeamModelRequestCompleted",
  CustomEvent: "CustomEvent",
};

/** Attributes every agent run event has (snake_case, as serialized). */
export interface BaseAgentRunEvent {
  /** Epoch seconds. */
  created_at: number;
  event: string;
  agent_id: string;
  agent_name: string;
  run_id?: string;
  parent_run_id?: string;
  session_id?: string;
  workflow_id?: string;
  workflow_run_id?: string;
  step_id?: string;
  step_name?: string;
  step_index?: number;
  nested_depth: number;
  tools?: ToolExecution[];
  content?: unknown;
}

export interface RunStartedEvent extends BaseAgentRunEvent {
  event: "RunStarted";
  model: string;
  model_provider: string;
}
export interface RunContentEvent extends BaseAgentRunEvent {
  event: "RunContent";
  content?: unknown;
  content_type: string;
  workflow_agent?: boolean;
  reasoning_content?: string;
  model_provider_data?: unknown;
  citations?: unknown;
  response_audio?: MediaDict;
  image?: MediaDict;
  references?: unknown[];
  additional_input?: Message[];
  reasoning_steps?: unknown[];
  reasoning_messages?: Message[];
}
export interface RunContentCompletedEvent extends BaseAgentRunEvent {
  event: "RunContentCompleted";
}
export interface RunIntermediateContentEvent extends BaseAgentRunEvent {
  event: "RunIntermediateContent";
  content?: unknown;
  content_type: string;
}
export interface RunCompletedEvent extends BaseAgentRunEvent {
  event: "RunCompleted";
  content?: unknown;
  content_type: string;
  reasoning_content?: string;
  citations?: unknown;
  model_provider_data?: unknown;
  images?: MediaDict[];
  videos?: MediaDict[];
  audio?: MediaDict[];
  files?: MediaDict[];
  response_audio?: MediaDict;
  references?: unknown[];
  additional_input?: Message[];
  reasoning_steps?: unknown[];
  reasoning_messages?: Message[];
  metadata?: Record<string, unknown>;
  metrics?: Metrics;
  session_state?: Record<string, unknown>;
}
export interface RunPausedEvent extends BaseAgentRunEvent {
  event: "RunPaused";
  tools?: ToolExecution[];
}
export interface RunContinuedEvent extends BaseAgentRunEvent {
  event: "RunContinued";
}
export interface RunErrorEvent extends BaseAgentRunEvent {
  event: "RunError";
  /** The error message. */
  content?: string;
  error_type?: string;
  error_id?: string;
  additional_data?: Record<string, unknown>;
}
export interface RunCancelledEvent extends BaseAgentRunEvent {
  event: "RunCancelled";
  reason?: string;
}
export interface PreHookStartedEvent extends BaseAgentRunEvent {
  event: "PreHookStarted";
  pre_hook_name?: string;
  run_input?: RunInputDict;
}
export interface PreHookCompletedEvent extends BaseAgentRunEvent {
  event: "PreHookCompleted";
  pre_hook_name?: string;
  run_input?: RunInputDict;
}
export interface PostHookStartedEvent extends BaseAgentRunEvent {
  event: "PostHookStarted";
  post_hook_name?: string;
}
export interface PostHookCompletedEvent extends BaseAgentRunEvent {
  event: "PostHookCompleted";
  post_hook_name?: string;
}
export interface ToolCallStartedEvent extends BaseAgentRunEvent {
  event: "ToolCallStarted";
  tool?: ToolExecution;
}
export interface ToolCallCompletedEvent extends BaseAgentRunEvent {
  event: "ToolCallCompleted";
  tool?: ToolExecution;
  content?: unknown;
  images?: MediaDict[];
  videos?: MediaDict[];
  audio?: MediaDict[];
}
export interface ToolCallErrorEvent extends BaseAgentRunEvent {
  event: "ToolCallError";
  tool?: ToolExecution;
  error?: string;
}
export interface ReasoningStartedEvent extends BaseAgentRunEvent {
  event: "ReasoningStarted";
}
export interface ReasoningStepEvent extends BaseAgentRunEvent {
  event: "ReasoningStep";
  content?: unknown;
  content_type: string;
  reasoning_content: string;
}
export interface ReasoningContentDeltaEvent extends BaseAgentRunEvent {
  event: "ReasoningContentDelta";
  reasoning_content: string;
}
export interface ReasoningCompletedEvent extends BaseAgentRunEvent {
  event: "ReasoningCompleted";
  content?: unknown;
  content_type: string;
}
export interface MemoryUpdateStartedEvent extends BaseAgentRunEvent {
  event: "MemoryUpdateStarted";
}
export interface MemoryUpdateCompletedEvent extends BaseAgentRunEvent {
  event: "MemoryUpdateCompleted";
  memories?: unknown[];
}
export interface SessionSummaryStartedEvent extends BaseAgentRunEvent {
  event: "SessionSummaryStarted";
}
export interface SessionSummaryCompletedEvent extends BaseAgentRunEvent {
  event: "SessionSummaryCompleted";
  session_summary?: unknown;
}
export interface ParserModelResponseStartedEvent extends BaseAgentRunEvent {
  event: "ParserModelResponseStarted";
}
export interface ParserModelResponseCompletedEvent extends BaseAgentRunEvent {
  event: "ParserModelResponseCompleted";
}
export interface OutputModelResponseStartedEvent extends BaseAgentRunEvent {
  event: "OutputModelResponseStarted";
}
export interface OutputModelResponseCompletedEvent extends BaseAgentRunEvent {
  event: "OutputModelResponseCompleted";
}
/** Sent before each request to the run's model (`streamEvents`). */
export interface ModelRequestStartedEvent extends BaseAgentRunEvent {
  event: "ModelRequestStarted";
  model?: string;
  model_provider?: string;
}
/** Sent after each request to the run's model, with that request's token counts. */
export interface ModelRequestCompletedEvent extends BaseAgentRunEvent {
  event: "ModelRequestCompleted";
  model?: string;
  model_provider?: string;
  input_tokens?: number;
  output_tokens?: number;
  total_tokens?: number;
  time_to_first_token?: number;
}
/** An event yielded by a tool (an async generator); any extra fields are kept. */
export interface CustomEventData extends BaseAgentRunEvent {
  event: "CustomEvent";
  tool_call_id?: string;
  [key: string]: unknown;
}

/**
 * An event of a team run: the agent events' names prefixed with `Team` (`TeamRunStarted`,
 * `TeamToolCallCompleted`...), with `team_id` / `team_name` in place of the agent's.
 */
export interface TeamRunOutputEvent {
  created_at: number;
  event: `Team${string}`;
  team_id: string;
  team_name: string;
  run_id?: string;
  parent_run_id?: string;
  session_id?: string;
  workflow_id?: string;
  nested_depth: number;
  content?: unknown;
  [key: string]: unknown;
}

/** Every event an agent or team run can yield, discriminated on `event`. */
export type RunOutputEvent =
  | TeamRunOutputEvent
  | RunStartedEvent
  | RunContentEvent
  | RunContentCompletedEvent
  | RunIntermediateContentEvent
  | RunCompletedEvent
  | RunPausedEvent
  | RunContinuedEvent
  | RunErrorEvent
  | RunCancelledEvent
  | PreHookStartedEvent
  | PreHookCompletedEvent
  | PostHookStartedEvent
  | PostHookCompletedEvent
  | ToolCallStartedEvent
  | ToolCallCompletedEvent
  | ToolCallErrorEvent
  | ReasoningStartedEvent
  | ReasoningStepEvent
  | ReasoningContentDeltaEvent
  | ReasoningCompletedEvent
  | MemoryUpdateStartedEvent
  | MemoryUpdateCompletedEvent
  | SessionSummaryStartedEvent
  | SessionSummaryCompletedEvent
  | ParserModelResponseStartedEvent
  | ParserModelResponseCompletedEvent
  | OutputModelResponseStartedEvent
  | OutputModelResponseCompletedEvent
  | ModelRequestStartedEvent
  | ModelRequestCompletedEvent
  | CustomEventData;

/**
 * A custom event a tool yields. Extend it, or build one with fields:
 * `yield new CustomEvent({ customer_name: "Ada" })`.
 */
export class CustomEvent {
  readonly event = "CustomEvent" as const;
  [key: string]: unknown;
  constructor(fields: Record<string, unknown> = {}) {
    Object.assign(this, fields);
  }
}

/** True when a value yielded by a tool is a custom event to forward to the stream. */
export function isCustomEvent(value: unknown): value is CustomEvent | CustomEventData {
  return (
    value instanceof CustomEvent ||
    (typeof value === "object" &&
      value !== null &&
      (value as { event?: unknown }).event === "CustomEvent")
  );
}
