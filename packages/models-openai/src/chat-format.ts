import type {
  Message,
  OutputSchemaSpec,
  ToolCall,
  ToolChoice,
  ToolDefinition,
  Usage,
} from "@agno/core";
import { outputFormat, textAndImageParts, tokenUsage, warnVideos } from "./format-common.js";
import { audioFormat, fileDataUrl, fileName, mediaBase64 } from "./media.js";
import { strictOrLoose } from "./strict-schema.js";

/** The default mapping of Agno roles to Chat Completions roles. */
export const CHAT_ROLE_MAP: Readonly<Record<string, string>> = {
  system: "system",
  developer: "developer",
  user: "user",
  assistant: "assistant",
  tool: "tool",
  model: "assistant",
};

/** Messages in the Chat Completions wire shape. */
export async function toChatMessages(
  messages: Message[],
  roleMap: Record<string, string>,
  signal?: AbortSignal,
): Promise<Array<Record<string, unknown>>> {
  const out: Array<Record<string, unknown>> = [];
  for (const message of messages) {
    const role = roleMap[message.role] ?? message.role;
    if (message.role === "tool") {
      out.push({ role, tool_call_id: message.tool_call_id ?? "", content: message.content ?? "" });
      continue;
    }
    if (message.role === "assistant" || message.role === "model") {
      const wire: Record<string, unknown> = { role, content: message.content };
      if (message.tool_calls?.length) {
        wire.tool_calls = message.tool_calls.map((call) => ({
          id: call.id,
          type: "function",
          function: { name: call.function.name, arguments: call.function.arguments },
        }));
      } else if (wire.content === null) {
        wire.content = "";
      }
      if (message.name) wire.name = message.name;
      out.push(wire);
      continue;
    }
    const wire: Record<string, unknown> = {
      role,
      content:
        message.role === "user" ? await userContent(message, signal) : (message.content ?? ""),
    };
    if (message.name) wire.name = message.name;
    out.push(wire);
  }
  return out;
}

async function userContent(
  message: Message,
  signal?: AbortSignal,
): Promise<string | Array<Record<string, unknown>>> {
  const text = message.content ?? "";
  const hasMedia =
    (message.images?.length ?? 0) + (message.audio?.length ?? 0) + (message.files?.length ?? 0) > 0;
  if (!hasMedia) {
    if (message.videos?.length) warnVideos();
    return text;
  }
  const parts = await textAndImageParts(message, {
    text: (text) => ({ type: "text", text }),
    image: (url, image) => ({
      type: "image_url",
      image_url: image.detail ? { url, detail: image.detail } : { url },
    }),
  });
  for (const audio of message.audio ?? []) {
    const data = await mediaBase64(audio, { fetchUrl: true, signal });
    if (data)
      parts.push({ type: "input_audio", input_audio: { data, format: audioFormat(audio) } });
  }
  for (const file of message.files ?? []) {
    const data = await fileDataUrl(file, { fetchUrl: true, signal });
    if (data) parts.push({ type: "file", file: { file_data: data, filename: fileName(file) } });
  }
  if (message.videos?.length) warnVideos();
  return parts;
}

/**
 * Tool definitions in the Chat Completions shape. A tool marked `strict` gets its schema in
 * strict form, or `strict: false` when the schema cannot be made strict.
 */
export function toChatTools(tools: ToolDefinition[]): Array<Record<string, unknown>> {
  return tools.map((tool) => {
    const fn: Record<string, unknown> = { name: tool.name };
    if (tool.description) fn.description = tool.description;
    if (tool.strict) {
      const { schema, strict } = strictOrLoose(tool.parameters, true);
      fn.parameters = schema;
      fn.strict = strict;
    } else {
      fn.parameters = tool.parameters;
      if (tool.strict === false) fn.strict = false;
    }
    return { type: "function", function: fn };
  });
}

/** `tool_choice` in the Chat Completions shape. */
export function toChatToolChoice(choice: ToolChoice): unknown {
  return typeof choice === "string"
    ? choice
    : { type: "function", function: { name: choice.function.name } };
}

/** `response_format` for an output schema, or undefined for prompt-only structured output. */
export function toResponseFormat(
  spec: OutputSchemaSpec,
  strictOutput: boolean,
): Record<string, unknown> | undefined {
  return outputFormat(spec, strictOutput, (format) => ({
    type: "json_schema",
    json_schema: format,
  }));
}

interface ChatUsageWire {
  prompt_tokens?: number | null;
  completion_tokens?: number | null;
  total_tokens?: number | null;
  prompt_tokens_details?: { cached_tokens?: number | null; audio_tokens?: number | null } | null;
  completion_tokens_details?: {
    reasoning_tokens?: number | null;
    audio_tokens?: number | null;
    accepted_prediction_tokens?: number | null;
    rejected_prediction_tokens?: number | null;
  } | null;
}

/** Chat Completions usage as Agno metrics. */
export function fromChatUsage(usage: ChatUsageWire): Usage {
  const out = tokenUsage({
    input: usage.prompt_tokens,
    output: usage.completion_tokens,
    total: usage.total_tokens,
    cached: usage.prompt_tokens_details?.cached_tokens,
    reasoning: usage.completion_tokens_details?.reasoning_tokens,
  });
  const audioIn = usage.prompt_tokens_details?.audio_tokens ?? 0;
  const audioOut = usage.completion_tokens_details?.audio_tokens ?? 0;
  if (audioIn) out.audio_input_tokens = audioIn;
  if (audioOut) out.audio_output_tokens = audioOut;
  if (audioIn || audioOut) out.audio_total_tokens = audioIn + audioOut;
  const accepted = usage.completion_tokens_details?.accepted_prediction_tokens;
  const rejected = usage.completion_tokens_details?.rejected_prediction_tokens;
  if (accepted || rejected) {
    out.provider_metrics = {
      accepted_prediction_tokens: accepted ?? 0,
      rejected_prediction_tokens: rejected ?? 0,
    };
  }
  return out;
}

interface ToolCallFragment {
  index?: number;
  id?: string | null;
  function?: { name?: string | null; arguments?: string | null } | null;
}

/**
 * Assembles streamed tool-call fragments into whole calls, by index. Copes with servers that send
 * each call whole, omit the index, or reuse index 0 for several calls with distinct ids.
 */
export class ToolCallAssembler {
  private readonly calls: Array<{ id?: string; name: string; arguments: string }> = [];
  private readonly slots = new Map<number, number>();

  add(fragment: ToolCallFragment, position: number): void {
    const index = typeof fragment.index === "number" ? fragment.index : position;
    const slot = this.slots.get(index);
    let call = slot === undefined ? undefined : this.calls[slot];
    if (call && fragment.id && call.id && fragment.id !== call.id) call = undefined;
    if (!call) {
      call = { name: "", arguments: "" };
      this.calls.push(call);
      this.slots.set(index, this.calls.length - 1);
    }
    if (fragment.id && !call.id) call.id = fragment.id;
    const name = fragment.function?.name;
    if (name && !call.name) call.name = name;
    const args = fragment.function?.arguments;
    if (args) call.arguments += args;
  }

  /** The whole calls, in order. */
  finish(): ToolCall[] {
    return this.calls.map((call, i) => ({
      id: call.id ?? `call_${Date.now().toString(36)}_${i}`,
      type: "function",
      function: { name: call.name, arguments: call.arguments || "{}" },
    }));
  }
}
