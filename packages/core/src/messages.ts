import type { Audio, File, Image, Video } from "./media/media.js";
import type { Metrics } from "./metrics.js";
import { nowSeconds, uuid } from "./utils/ids.js";

/** Roles a message can have. */
export type MessageRole = "system" | "developer" | "user" | "assistant" | "tool";

/** A tool call requested by the model, in the OpenAI wire shape. */
export interface ToolCall {
  id: string;
  type: "function";
  function: {
    name: string;
    /** JSON-encoded arguments, as the model produced them. */
    arguments: string;
  };
}

/**
 * One message of a conversation. Serialized as-is: keys are the wire's snake_case.
 */
export interface Message {
  id: string;
  role: MessageRole | (string & {});
  /** Text content; `null` for an assistant turn that only calls tools. */
  content: string | null;
  /** Name of the participant (also used for tool messages in some providers). */
  name?: string;
  /** Tool calls requested by an assistant message. */
  tool_calls?: ToolCall[];
  /** On a tool message: the call it answers. */
  tool_call_id?: string;
  /** On a tool message: the tool's name and the arguments it was called with. */
  tool_name?: string;
  tool_args?: Record<string, unknown>;
  /** On a tool message: true when the tool failed and `content` is the error. */
  tool_call_error?: boolean;
  /** Reasoning (thinking) text produced with an assistant message. */
  reasoning_content?: string;
  /** True when a tool asked to stop the run after this call. */
  stop_after_tool_call?: boolean;
  /** True when the message was added from a previous run's history. */
  from_history?: boolean;
  images?: Image[];
  audio?: Audio[];
  videos?: Video[];
  files?: File[];
  /** Provider-specific data attached to the message. */
  provider_data?: Record<string, unknown>;
  /** Metrics of the model call that produced this message (assistant messages). */
  metrics?: Metrics;
  /** Epoch seconds. */
  created_at: number;
}

/** Fields accepted by {@link createMessage}; `id` and `created_at` are filled in. */
export type MessageInit = Omit<Message, "id" | "created_at" | "content"> & {
  id?: string;
  created_at?: number;
  content?: string | null;
};

/** Builds a message with a fresh id and timestamp. */
export function createMessage(init: MessageInit): Message {
  return {
    id: init.id ?? uuid(),
    created_at: init.created_at ?? nowSeconds(),
    ...init,
    content: init.content ?? null,
  };
}

/** True when `value` looks like a {@link Message} (has a string role). */
export function isMessageLike(value: unknown): value is MessageInit {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { role?: unknown }).role === "string" &&
    ("content" in value || "tool_calls" in value)
  );
}
