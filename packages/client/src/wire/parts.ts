/**
 * The parts runs are made of, as the AgentOS sends them (snake_case keys): statuses, media, tool
 * calls, metrics, messages, run inputs and step results. They are what `@agno/core` serializes,
 * shaped so that a remote run's output and events can stand where a local one's are expected.
 */

/** A run's status (`REGENERATED` runs are not served by AgentOS for TypeScript). */
export type RunStatus = "PENDING" | "RUNNING" | "COMPLETED" | "PAUSED" | "CANCELLED" | "ERROR";

/** The run statuses by name: `output.status === RunStatus.completed`. */
export const RunStatus = {
  pending: "PENDING",
  running: "RUNNING",
  completed: "COMPLETED",
  paused: "PAUSED",
  cancelled: "CANCELLED",
  error: "ERROR",
} as const satisfies Record<string, RunStatus>;

/** A media item: an image, audio, video or file, by URL, path or base-64 `content`. */
export interface MediaDict {
  id: string;
  url?: string;
  filepath?: string;
  /** Base-64 bytes. */
  content?: string;
  mime_type?: string;
  format?: string;
  [key: string]: unknown;
}

/**
 * Media lists of outputs and messages: {@link MediaDict}s on the wire, typed loosely so that an
 * output also stands where `@agno/core` expects its media objects.
 */
export type MediaList = any[];

/** One field a `requiresUserInput` tool asks for. */
export interface UserInputField {
  name: string;
  /** `str`, `int`, `float`, `bool`, `list` or `dict`. */
  field_type: string;
  description: string | null;
  value: unknown;
}

/** Timing of one tool call (epoch seconds, elapsed seconds). */
export interface ToolCallMetrics {
  start_time: number | null;
  end_time: number | null;
  duration: number | null;
}

/**
 * One tool call of a run (every key present, nulls kept). To answer a paused run, set
 * `confirmed`, fill `user_input_schema` values or set `result`, then continue the run with it.
 */
export interface ToolExecution {
  tool_call_id: string | null;
  tool_name: string | null;
  tool_args: Record<string, unknown> | null;
  tool_call_error: boolean | null;
  result: string | null;
  metrics: ToolCallMetrics | null;
  child_run_id: string | null;
  stop_after_tool_call: boolean;
  created_at: number;
  requires_confirmation: boolean | null;
  confirmed: boolean | null;
  confirmation_note: string | null;
  requires_user_input: boolean | null;
  user_input_schema: UserInputField[] | null;
  user_feedback_schema: unknown[] | null;
  answered: boolean | null;
  external_execution_required: boolean | null;
  external_execution_silent: boolean | null;
  approval_type: string | null;
  approval_id: string | null;
}

/** Usage of a message, a run or a session (zero counts are left out). */
export interface RunMetrics {
  input_tokens?: number;
  output_tokens?: number;
  total_tokens?: number;
  audio_input_tokens?: number;
  audio_output_tokens?: number;
  audio_total_tokens?: number;
  cache_read_tokens?: number;
  cache_write_tokens?: number;
  reasoning_tokens?: number;
  /** USD, when the provider reports it. */
  cost?: number;
  /** Seconds. */
  duration?: number;
  /** Seconds from the request to the first token. */
  time_to_first_token?: number;
  /** Per model type: `{ model: [{ id, provider, ...tokens }] }`. */
  details?: Record<string, unknown[]>;
  provider_metrics?: Record<string, unknown>;
  additional_metrics?: Record<string, unknown>;
}

/** A tool call requested by the model (OpenAI shape). */
export interface ToolCall {
  id: string;
  type: "function";
  /** `arguments` is JSON text. */
  function: { name: string; arguments: string };
}

/** One message of a run. Media (`images`, `audio`, `videos`, `files`) are {@link MediaDict}s. */
export interface Message {
  id: string;
  /** `system`, `developer`, `user`, `assistant` or `tool`. */
  role: string;
  content: string | null;
  name?: string;
  tool_calls?: ToolCall[];
  tool_call_id?: string;
  tool_name?: string;
  tool_args?: Record<string, unknown>;
  tool_call_error?: boolean;
  reasoning_content?: string;
  stop_after_tool_call?: boolean;
  from_history?: boolean;
  provider_data?: Record<string, unknown>;
  metrics?: RunMetrics;
  /** Epoch seconds. */
  created_at: number;
  [key: string]: unknown;
}

/** What the user sent to a run (`input` of a run dict). */
export interface RunInputDict {
  input_content: unknown;
  images?: MediaList;
  videos?: MediaList;
  audio?: MediaList;
  files?: MediaList;
}

/** One step's result in a workflow run. */
export interface StepOutputDict {
  step_name?: string;
  step_id?: string;
  /** `Step`, `Steps`, `Condition`, `Parallel`, `Router` or `Loop`. */
  step_type?: string;
  /** `agent`, `team` or `function`. */
  executor_type?: string;
  executor_name?: string;
  content?: unknown;
  step_run_id?: string;
  metrics?: RunMetrics;
  success?: boolean;
  error?: string;
  stop?: boolean;
  /** The children of a composite step. */
  steps?: StepOutputDict[];
  [key: string]: unknown;
}
