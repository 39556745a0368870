import { outputSchemaSpec, parseStructuredOutput } from "../agent/output-schema.js";
import { createMessage, type Message } from "../messages.js";
import type { Model } from "../models/model.js";
import { RunContext } from "../run/run-context.js";
import { executeToolCall } from "../tools/execute.js";
import type { SchemaLike } from "../tools/schema.js";
import type { Tool, ToolContext } from "../tools/tool.js";
import { uuid } from "../utils/ids.js";

/**
 * A small model/tool loop for internal helpers (memories, summaries): no events, no hooks, no
 * storage. Returns the final text.
 */
export async function runToolLoop(
  model: Model,
  system: string,
  input: string,
  tools: Tool[],
  maxTurns = 6,
): Promise<string> {
  const messages: Message[] = [
    createMessage({ role: "system", content: system }),
    createMessage({ role: "user", content: input }),
  ];
  const byName = new Map(tools.map((t) => [t.name, t]));
  const runContext = new RunContext({ runId: uuid(), sessionId: uuid() });
  const signal = new AbortController().signal;
  for (let turn = 0; turn < maxTurns; turn++) {
    const response = await model.response({
      messages: [...messages],
      tools: tools.map((t) => t.definition),
    });
    const assistant = createMessage({ role: "assistant", content: response.content ?? null });
    if (response.toolCalls?.length) assistant.tool_calls = response.toolCalls;
    messages.push(assistant);
    if (!response.toolCalls?.length) return response.content ?? "";
    for (const call of response.toolCalls) {
      const outcome = await executeToolCall({
        call,
        tool: byName.get(call.function.name),
        runContext,
        makeContext: (toolCallId, toolName) =>
          Object.assign(Object.create(runContext), {
            toolCallId,
            toolName,
            agent: undefined,
            images: [],
            audio: [],
            videos: [],
            files: [],
            signal,
          }) as ToolContext,
        agent: undefined,
        onCustomEvent: () => {},
      });
      messages.push(outcome.message);
    }
  }
  return messages.at(-1)?.content ?? "";
}

/** One model call answered in a schema; returns the parsed value (or null when it does not parse). */
export async function structuredCall(
  model: Model,
  system: string,
  input: string,
  schema: SchemaLike,
): Promise<unknown> {
  const spec = outputSchemaSpec(schema, model, {});
  const response = await model.response({
    messages: [
      createMessage({ role: "system", content: system }),
      createMessage({ role: "user", content: input }),
    ],
    outputSchema: spec,
  });
  try {
    return await parseStructuredOutput(schema, response.content ?? "");
  } catch {
    return null;
  }
}
