import {
  getLogger,
  type Message,
  type OutputSchemaSpec,
  type ToolCall,
  type ToolChoice,
  type ToolDefinition,
  type Usage,
} from "@agno/core";
import { outputFormat, textAndImageParts, tokenUsage, warnVideos } from "./format-common.js";
import { fileDataUrl, fileName } from "./media.js";
import { strictOrLoose } from "./strict-schema.js";

/** The default mapping of Agno roles to Responses API message roles. */
export const RESPONSES_ROLE_MAP: Readonly<Record<string, string>> = {
  system: "developer",
  developer: "developer",
  user: "user",
  assistant: "assistant",
  model: "assistant",
};

/**
 * Messages as Responses API input items: role messages with `input_text` / `input_image` /
 * `input_file` parts, assistant tool calls as `function_call` items and tool results as
 * `function_call_output` items.
 */
export async function toResponsesInput(
  messages: Message[],
  roleMap: Record<string, string>,
  signal?: AbortSignal,
): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  for (const message of messages) {
    if (message.role === "tool") {
      items.push({
        type: "function_call_output",
        call_id: message.tool_call_id ?? "",
        output: message.content ?? "",
      });
      continue;
    }
    const role = roleMap[message.role] ?? message.role;
    if (message.role === "assistant" || message.role === "model") {
      if (message.content) items.push({ role, content: message.content });
      for (const call of message.tool_calls ?? []) {
        items.push({
          type: "function_call",
          call_id: call.id,
          name: call.function.name,
          arguments: call.function.arguments,
        });
      }
      continue;
    }
    items.push({
      role,
      content:
        message.role === "user" ? await userContent(message, signal) : (message.content ?? ""),
    });
  }
  return items;
}

async function userContent(
  message: Message,
  signal?: AbortSignal,
): Promise<string | Array<Record<string, unknown>>> {
  const text = message.content ?? "";
  if (message.audio?.length) {
    getLogger().warn("The Responses API does not take audio input; use OpenAIChat for audio.");
  }
  if (message.videos?.length) warnVideos();
  if (!message.images?.length && !message.files?.length) return text;
  const parts = await textAndImageParts(message, {
    text: (text) => ({ type: "input_text", text }),
    image: (url, image) => ({
      type: "input_image",
      image_url: url,
      detail: image.detail ?? "auto",
    }),
  });
  for (const file of message.files ?? []) {
    if (file.url && !file.content && !file.filepath) {
      parts.push({ type: "input_file", file_url: file.url });
      continue;
    }
    const data = await fileDataUrl(file, { signal });
    if (data) parts.push({ type: "input_file", file_data: data, filename: fileName(file) });
  }
  return parts;
}

/**
 * Tools in the Responses shape. The Responses API treats a tool without `strict` as strict, so
 * `strict` is always sent: true only for tools marked strict whose schema can be made strict.
 */
export function toResponsesTools(tools: ToolDefinition[]): Array<Record<string, unknown>> {
  return tools.map((tool) => {
    const { schema, strict } = strictOrLoose(tool.parameters, tool.strict === true);
    const out: Record<string, unknown> = { type: "function", name: tool.name };
    if (tool.description) out.description = tool.description;
    out.parameters = schema;
    out.strict = strict;
    return out;
  });
}

/** `tool_choice` in the Responses shape. */
export function toResponsesToolChoice(choice: ToolChoice): unknown {
  return typeof choice === "string" ? choice : { type: "function", name: choice.function.name };
}

/** `text.format` for an output schema, or undefined for prompt-only structured output. */
export function toTextFormat(
  spec: OutputSchemaSpec,
  strictOutput: boolean,
): Record<string, unknown> | undefined {
  return outputFormat(spec, strictOutput, (format) => ({ type: "json_schema", ...format }));
}

interface ResponsesUsageWire {
  input_tokens?: number | null;
  output_tokens?: number | null;
  total_tokens?: number | null;
  input_tokens_details?: {
    cached_tokens?: number | null;
    cache_write_tokens?: number | null;
  } | null;
  output_tokens_details?: { reasoning_tokens?: number | null } | null;
}

/** Responses API usage as Agno metrics. */
export function fromResponsesUsage(usage: ResponsesUsageWire): Usage {
  return tokenUsage({
    input: usage.input_tokens,
    output: usage.output_tokens,
    total: usage.total_tokens,
    cached: usage.input_tokens_details?.cached_tokens,
    cacheWrite: usage.input_tokens_details?.cache_write_tokens,
    reasoning: usage.output_tokens_details?.reasoning_tokens,
  });
}

/** An output item of a response, loosely typed (only the fields read here). */
export interface OutputItemWire {
  type: string;
  id?: string;
  call_id?: string;
  name?: string;
  arguments?: string;
  content?: Array<{ type: string; text?: string; refusal?: string }>;
  summary?: Array<{ type: string; text?: string }>;
}

/** A function-call output item as a {@link ToolCall}. */
export function toolCallOf(item: OutputItemWire): ToolCall {
  return {
    id: item.call_id ?? item.id ?? `call_${Date.now().toString(36)}`,
    type: "function",
    function: { name: item.name ?? "", arguments: item.arguments || "{}" },
  };
}

/** Text, reasoning and tool calls of a whole response's output items. */
export function readOutput(items: OutputItemWire[]): {
  content: string;
  reasoning: string;
  toolCalls: ToolCall[];
} {
  let content = "";
  const reasoning: string[] = [];
  const toolCalls: ToolCall[] = [];
  for (const item of items) {
    if (item.type === "message") {
      for (const part of item.content ?? []) {
        if (part.type === "output_text" && part.text) content += part.text;
        else if (part.type === "refusal" && part.refusal) content += part.refusal;
      }
    } else if (item.type === "function_call") {
      toolCalls.push(toolCallOf(item));
    } else if (item.type === "reasoning") {
      for (const part of [...(item.summary ?? []), ...(item.content ?? [])]) {
        if (part.text) reasoning.push(part.text);
      }
    }
  }
  return { content, reasoning: reasoning.join("\n\n"), toolCalls };
}
