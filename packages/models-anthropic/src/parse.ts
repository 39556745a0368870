import type { ModelResponse, ModelResponseDelta, ToolCall, Usage } from "@agno/core";
import type {
  Message as AnthropicMessage,
  Usage as AnthropicUsage,
  MessageDeltaUsage,
  RawMessageStreamEvent,
} from "@anthropic-ai/sdk/resources/messages";
import type { StoredThinkingBlock } from "./format.js";

type UsageLike = Partial<AnthropicUsage> | Partial<MessageDeltaUsage>;

/**
 * Messages API usage as Agno metrics: cache reads and writes become `cache_read_tokens` and
 * `cache_write_tokens`; `total_tokens` is input plus output, as the API reports them.
 */
export function mapUsage(usage: UsageLike | null | undefined): Usage | undefined {
  if (!usage) return undefined;
  const input = usage.input_tokens ?? 0;
  const output = usage.output_tokens ?? 0;
  const out: Usage = { input_tokens: input, output_tokens: output, total_tokens: input + output };
  if (usage.cache_read_input_tokens) out.cache_read_tokens = usage.cache_read_input_tokens;
  if (usage.cache_creation_input_tokens) out.cache_write_tokens = usage.cache_creation_input_tokens;
  const thinking = usage.output_tokens_details?.thinking_tokens;
  if (thinking) out.reasoning_tokens = thinking;
  const extra: Record<string, unknown> = {};
  if (usage.server_tool_use) extra.server_tool_use = usage.server_tool_use;
  if ("service_tier" in usage && usage.service_tier) extra.service_tier = usage.service_tier;
  if (Object.keys(extra).length > 0) out.provider_metrics = extra;
  return out;
}

function toolCall(id: string, name: string, args: string): ToolCall {
  return { id, type: "function", function: { name, arguments: args } };
}

/**
 * What an assistant message keeps so that its thinking can be sent back with the tool results:
 * the `signature` of a single thinking block, or every block when there are several or some are
 * redacted.
 */
export function thinkingProviderData(
  blocks: StoredThinkingBlock[],
): Record<string, unknown> | undefined {
  if (blocks.length === 0) return undefined;
  const last = [...blocks].reverse().find((b) => b.type === "thinking");
  const data: Record<string, unknown> = {};
  if (last?.type === "thinking") data.signature = last.signature;
  if (blocks.length > 1 || blocks[0]?.type === "redacted_thinking") data.thinking_blocks = blocks;
  return data;
}

/** A whole Messages API answer as a {@link ModelResponse}. */
export function parseMessage(message: AnthropicMessage): ModelResponse {
  let text = "";
  let reasoning = "";
  const toolCalls: ToolCall[] = [];
  const thinking: StoredThinkingBlock[] = [];
  for (const block of message.content) {
    if (block.type === "text") text += block.text;
    else if (block.type === "thinking") {
      reasoning += block.thinking;
      thinking.push({ type: "thinking", thinking: block.thinking, signature: block.signature });
    } else if (block.type === "redacted_thinking") {
      thinking.push({ type: "redacted_thinking", data: block.data });
    } else if (block.type === "tool_use") {
      toolCalls.push(toolCall(block.id, block.name, JSON.stringify(block.input ?? {})));
    }
  }
  const response: ModelResponse = {
    content: text || (toolCalls.length > 0 ? null : text),
  };
  if (toolCalls.length > 0) response.toolCalls = toolCalls;
  if (reasoning) response.reasoningContent = reasoning;
  const usage = mapUsage(message.usage);
  if (usage) response.usage = usage;
  const providerData = thinkingProviderData(thinking);
  if (providerData) response.providerData = providerData;
  return response;
}

type OpenBlock =
  | { type: "text" }
  | { type: "thinking"; thinking: string; signature: string }
  | { type: "redacted_thinking"; data: string }
  | { type: "tool_use"; id: string; name: string; json: string; input: unknown }
  | { type: "other" };

/**
 * Turns Messages API stream events into deltas: text and thinking as they arrive, each tool call
 * whole once its block stops, then the thinking provider data and the usage at the end.
 */
export async function* parseStream(
  events: AsyncIterable<RawMessageStreamEvent>,
): AsyncGenerator<ModelResponseDelta> {
  const open = new Map<number, OpenBlock>();
  const thinking: StoredThinkingBlock[] = [];
  let usage: UsageLike | undefined;
  for await (const event of events) {
    switch (event.type) {
      case "message_start":
        usage = { ...event.message.usage };
        break;
      case "message_delta":
        usage = { ...(usage ?? {}), ...withoutNulls(event.usage) };
        break;
      case "content_block_start": {
        const block = event.content_block;
        if (block.type === "text") {
          open.set(event.index, { type: "text" });
          if (block.text) yield { type: "content", content: block.text };
        } else if (block.type === "thinking") {
          open.set(event.index, {
            type: "thinking",
            thinking: block.thinking ?? "",
            signature: block.signature ?? "",
          });
          if (block.thinking) yield { type: "reasoning", content: block.thinking };
        } else if (block.type === "redacted_thinking") {
          open.set(event.index, { type: "redacted_thinking", data: block.data });
        } else if (block.type === "tool_use") {
          open.set(event.index, {
            type: "tool_use",
            id: block.id,
            name: block.name,
            json: "",
            input: block.input,
          });
        } else {
          open.set(event.index, { type: "other" });
        }
        break;
      }
      case "content_block_delta": {
        const block = open.get(event.index);
        const delta = event.delta;
        if (delta.type === "text_delta") {
          if (delta.text) yield { type: "content", content: delta.text };
        } else if (delta.type === "thinking_delta") {
          if (block?.type === "thinking") block.thinking += delta.thinking;
          if (delta.thinking) yield { type: "reasoning", content: delta.thinking };
        } else if (delta.type === "signature_delta") {
          if (block?.type === "thinking") block.signature += delta.signature;
        } else if (delta.type === "input_json_delta") {
          if (block?.type === "tool_use") block.json += delta.partial_json;
        }
        break;
      }
      case "content_block_stop": {
        const block = open.get(event.index);
        open.delete(event.index);
        if (block?.type === "tool_use") {
          yield { type: "tool_call", toolCall: toolCall(block.id, block.name, toolArgs(block)) };
        } else if (block?.type === "thinking") {
          thinking.push({ type: "thinking", thinking: block.thinking, signature: block.signature });
        } else if (block?.type === "redacted_thinking") {
          thinking.push({ type: "redacted_thinking", data: block.data });
        }
        break;
      }
      default:
        break;
    }
  }
  const data = thinkingProviderData(thinking);
  if (data) yield { type: "provider_data", data };
  const mapped = mapUsage(usage);
  if (mapped) yield { type: "usage", usage: mapped };
}

function toolArgs(block: { json: string; input: unknown }): string {
  if (block.json.trim()) return block.json;
  const input = block.input;
  if (input && typeof input === "object" && Object.keys(input).length > 0)
    return JSON.stringify(input);
  return "{}";
}

function withoutNulls<T extends object>(value: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v !== null && v !== undefined) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}
