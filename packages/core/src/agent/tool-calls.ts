import { log } from "../logger.js";
import type { Message, ToolCall } from "../messages.js";
import type { RunOutputEvent } from "../run/events.js";
import { executeToolCall, parseToolArguments, type ToolCallOutcome } from "../tools/execute.js";
import type { Tool, ToolContext } from "../tools/tool.js";
import { createToolExecution, type ToolExecution } from "../tools/tool-execution.js";
import { AsyncQueue } from "../utils/async-queue.js";

import { makeEvent, type RunState } from "./run-events.js";

function makeToolContext(state: RunState, toolCallId: string, toolName: string): ToolContext {
  const input = state.output.input;
  const ctx = Object.create(state.runContext) as ToolContext;
  Object.defineProperties(ctx, {
    toolCallId: { value: toolCallId },
    toolName: { value: toolName },
    agent: { value: state.agent },
    images: { value: input?.images ?? [] },
    audio: { value: input?.audio ?? [] },
    videos: { value: input?.videos ?? [] },
    files: { value: input?.files ?? [] },
    signal: { value: state.signal },
  });
  return ctx;
}

function describeCall(execution: ToolExecution): string {
  const args = Object.entries(execution.tool_args ?? {})
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(", ");
  const secs = (execution.metrics?.duration ?? 0).toFixed(4);
  return `${execution.tool_name}(${args}) completed in ${secs}s. `;
}

/** Runs a batch of tool calls concurrently; custom events stream live, completions follow in call order. */
export async function* runTools(
  state: RunState,
  calls: Array<{ call: ToolCall; execution?: ToolExecution; args?: Record<string, unknown> }>,
): AsyncGenerator<RunOutputEvent, ToolCallOutcome[]> {
  const queue = new AsyncQueue<RunOutputEvent>();
  const started: ToolExecution[] = calls.map(
    (c) =>
      c.execution ??
      createToolExecution({
        tool_call_id: c.call.id,
        tool_name: c.call.function.name,
        tool_args: c.args ?? argsOrNull(c.call),
      }),
  );
  for (const execution of started)
    yield makeEvent(state, "ToolCallStarted", { tool: { ...execution } });
  const all = Promise.all(
    calls.map((c, i) =>
      executeToolCall({
        call: c.call,
        tool: state.tools.get(c.call.function.name),
        ...(c.args ? { args: c.args } : {}),
        execution: started[i]!,
        runContext: state.runContext,
        makeContext: (id, name) => makeToolContext(state, id, name),
        agent: state.agent,
        ...(state.agentToolHooks ? { agentToolHooks: state.agentToolHooks } : {}),
        onForwardEvent: (event) => queue.push(event as unknown as RunOutputEvent),
        onCustomEvent: (event, toolCallId) =>
          queue.push(
            makeEvent(state, "CustomEvent", {
              ...event,
              event: "CustomEvent",
              tool_call_id: toolCallId,
            }),
          ),
      }),
    ),
  ).finally(() => queue.close());
  for await (const event of queue) yield event;
  const outcomes = await all;
  for (const outcome of outcomes) {
    // A paused call is not complete: it is answered when the run is continued.
    if (outcome.paused) continue;
    yield makeEvent(state, "ToolCallCompleted", {
      tool: outcome.execution,
      content: describeCall(outcome.execution),
    });
    if (outcome.execution.tool_call_error) {
      yield makeEvent(state, "ToolCallError", {
        tool: outcome.execution,
        error: outcome.execution.result ?? "",
      });
    }
    if (state.debug)
      log.debug(`Tool ${outcome.execution.tool_name} -> ${outcome.execution.result}`);
  }
  return outcomes;
}

export function argsOrNull(call: ToolCall): Record<string, unknown> | null {
  const parsed = parseToolArguments(call);
  return "args" in parsed ? parsed.args : null;
}

export function needsHuman(tool: Tool | undefined): boolean {
  return !!tool && (tool.requiresConfirmation || tool.requiresUserInput || tool.externalExecution);
}

/** Appends outcomes' messages; returns true when the loop must stop; updates show-result content. */
export function applyOutcomes(
  state: RunState,
  messages: Message[],
  outcomes: ToolCallOutcome[],
): { stop: boolean; shown: string } {
  let stop = false;
  let shown = "";
  const extra: Message[] = [];
  for (const outcome of outcomes) {
    messages.push(outcome.message);
    extra.push(...outcome.extraMessages);
    if (outcome.stop) stop = true;
    if (outcome.showResult && outcome.execution.result) shown += outcome.execution.result;
  }
  messages.push(...extra);
  state.output.tools = mergeTools(
    state.output.tools,
    outcomes.map((o) => o.execution),
  );
  return { stop, shown };
}

export function mergeTools(
  existing: ToolExecution[] | undefined,
  updates: ToolExecution[],
): ToolExecution[] {
  const list = [...(existing ?? [])];
  for (const update of updates) {
    const index = list.findIndex((t) => t.tool_call_id === update.tool_call_id);
    if (index >= 0) list[index] = update;
    else list.push(update);
  }
  return list;
}

/**
 * The model/tool loop: call the model, run the tools it asks for, repeat until a final answer.
 * `messages` is the conversation so far (it is extended in place). Returns when the run
 * completes, pauses or stops.
 */
