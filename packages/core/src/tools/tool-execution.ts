import { nowSeconds } from "../utils/ids.js";

/** One field the user must fill before a `requiresUserInput` tool runs. */
export interface UserInputField {
  name: string;
  /** Type name as the wire writes it: `str`, `int`, `float`, `bool`, `list`, `dict`. */
  field_type: string;
  description: string | null;
  value: unknown;
}

/** Timing of one tool call (epoch seconds and elapsed seconds). */
export interface ToolCallMetrics {
  start_time: number | null;
  end_time: number | null;
  duration: number | null;
}

/**
 * One tool call of a run, as serialized on run outputs and events (every key present, nulls kept).
 * To answer a paused run, set `confirmed` (and `confirmation_note`), fill `user_input_schema`
 * values, or set `result` for externally executed tools, then pass it to `continueRun`.
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

/** A tool execution with every field at its default. */
export function createToolExecution(init: Partial<ToolExecution>): ToolExecution {
  return {
    tool_call_id: null,
    tool_name: null,
    tool_args: null,
    tool_call_error: null,
    result: null,
    metrics: null,
    child_run_id: null,
    stop_after_tool_call: false,
    created_at: nowSeconds(),
    requires_confirmation: null,
    confirmed: null,
    confirmation_note: null,
    requires_user_input: null,
    user_input_schema: null,
    user_feedback_schema: null,
    answered: null,
    external_execution_required: null,
    external_execution_silent: null,
    approval_type: null,
    approval_id: null,
    ...init,
  };
}

/** True when this tool call waits for a human (confirmation, input or an external result). */
export function isPaused(tool: ToolExecution): boolean {
  return (
    (tool.requires_confirmation === true &&
      (tool.confirmed === null || tool.confirmed === undefined)) ||
    (tool.requires_user_input === true && tool.answered !== true) ||
    (tool.external_execution_required === true &&
      (tool.result === null || tool.result === undefined))
  );
}
