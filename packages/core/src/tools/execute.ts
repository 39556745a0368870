import type { Agent } from "../agent/agent.js";
import { AgentRunException, StopAgentRun, ToolCallPaused } from "../errors.js";
import { log } from "../logger.js";
import { createMessage, type Message, type ToolCall } from "../messages.js";
import { isCustomEvent } from "../run/events.js";
import type { RunContext } from "../run/run-context.js";
import { safeStringify } from "../utils/json.js";
import { readCache, writeCache } from "./cache.js";
import { validateWithSchema } from "./schema.js";
import type { Tool, ToolContext, ToolHook } from "./tool.js";
import { createToolExecution, type ToolExecution } from "./tool-execution.js";

/** Everything needed to run one tool call. */
export interface ToolCallRequest {
  call: ToolCall;
  tool: Tool | undefined;
  /** Arguments already parsed (continuing a paused run); else parsed from `call`. */
  args?: Record<string, unknown>;
  execution?: ToolExecution;
  runContext: RunContext;
  makeContext: (toolCallId: string, toolName: string) => ToolContext;
  agent: Agent<any> | undefined;
  /** Agent-level hooks, outside the tool's own. */
  agentToolHooks?: ToolHook[];
  /** Receives custom events the tool yields, as they are yielded. */
  onCustomEvent: (event: Record<string, unknown>, toolCallId: string) => void;
  /** Receives events the tool forwards as they are (a member's run events). */
  onForwardEvent?: (event: Record<string, unknown>) => void;
}

const FORWARD = Symbol.for("agno.forward");

/** Wraps an event a tool yields so it reaches the stream unchanged (not as a CustomEvent). */
export function forwardEvent(event: object): { [FORWARD]: object } {
  return { [FORWARD]: event };
}

function forwarded(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null
    ? ((value as Record<symbol, unknown>)[FORWARD] as Record<string, unknown> | undefined)
    : undefined;
}

/** The outcome of one tool call. */
export interface ToolCallOutcome {
  execution: ToolExecution;
  /** The tool message answering the call. */
  message: Message;
  /** Messages a RetryAgentRun / StopAgentRun asked to add after the tool results. */
  extraMessages: Message[];
  /** Set when the tool asked to end the loop (StopAgentRun or stopAfterToolCall). */
  stop: boolean;
  /** Set when the result should be shown to the user as content. */
  showResult: boolean;
  /** Set when the tool paused waiting for a person: the tools to answer; the call stays open. */
  paused?: ToolExecution[];
}

/** Parses a tool call's JSON arguments, or returns the error text the model receives. */
export function parseToolArguments(
  call: ToolCall,
): { args: Record<string, unknown> } | { error: string } {
  const raw = call.function.arguments?.trim() ? call.function.arguments : "{}";
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    return {
      error: `Error while decoding function arguments: ${(error as Error).message}\n\nPlease make sure the arguments are valid JSON and retry.`,
    };
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    return { error: "Function arguments are not a valid JSON object.\n\n Please fix and retry." };
  }
  return { args: parsed as Record<string, unknown> };
}

/** Turns a tool's return value into the text the model receives. */
export function resultToString(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  return safeStringify(value);
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function"
  );
}

/** Runs one tool call: parse, validate, hooks, cache, execute; never throws for tool failures. */
export async function executeToolCall(req: ToolCallRequest): Promise<ToolCallOutcome> {
  const { call, tool } = req;
  const name = call.function.name;
  const execution =
    req.execution ??
    createToolExecution({ tool_call_id: call.id, tool_name: name, tool_args: req.args ?? null });
  const startedAt = Date.now();
  const outcome = (
    content: string,
    error: boolean,
    extra: Partial<ToolCallOutcome> = {},
  ): ToolCallOutcome => {
    const endedAt = Date.now();
    execution.result = content;
    execution.tool_call_error = error;
    execution.metrics = {
      start_time: startedAt / 1000,
      end_time: endedAt / 1000,
      duration: (endedAt - startedAt) / 1000,
    };
    const stop = extra.stop ?? false;
    if (stop) execution.stop_after_tool_call = true;
    const message = createMessage({
      role: "tool",
      content,
      tool_call_id: call.id,
      tool_name: name,
      tool_args: execution.tool_args ?? {},
      tool_call_error: error,
      ...(stop ? { stop_after_tool_call: true } : {}),
    });
    return { execution, message, extraMessages: [], stop, showResult: false, ...extra };
  };

  if (!tool) return outcome("Error: The requested tool does not exist or is not available.", true);

  let args = req.args;
  if (!args) {
    const parsed = parseToolArguments(call);
    if ("error" in parsed) return outcome(parsed.error, true);
    args = parsed.args;
  }
  execution.tool_args = args;
  if (tool.validatesArgs && tool.inputSchema) {
    const validation = await validateWithSchema(tool.inputSchema, args);
    if (!validation.ok) {
      return outcome(
        `Invalid arguments for tool ${name}: ${validation.message}. Please fix and retry.`,
        true,
      );
    }
    args = validation.value as Record<string, unknown>;
  }

  const ctx = req.makeContext(call.id, name);
  const hookParams = {
    name,
    args,
    toolCallId: call.id,
    runContext: req.runContext,
    agent: req.agent,
    toolExecution: execution,
  };
  let result: unknown;
  let errorText: string | undefined;
  let control: AgentRunException | undefined;
  try {
    if (tool.preHook) await tool.preHook(hookParams);
    const cached = tool.cacheResults ? await readCache(name, args, tool.cacheDir) : undefined;
    const invoke = async (finalArgs: Record<string, unknown>): Promise<unknown> => {
      if (cached !== undefined) return cached;
      if (!tool.execute) throw new Error(`Tool ${name} has no execute function.`);
      const value = await tool.execute(finalArgs, ctx);
      if (!isAsyncIterable(value) || typeof value === "string") return value;
      // An async generator: forward custom events, gather other yields as the result.
      const iterator = value[Symbol.asyncIterator]();
      const pieces: unknown[] = [];
      for (;;) {
        const step = await iterator.next();
        if (step.done)
          return step.value !== undefined
            ? step.value
            : pieces.length
              ? pieces.map(resultToString).join("")
              : undefined;
        const raw = forwarded(step.value);
        if (raw) req.onForwardEvent?.(raw);
        else if (isCustomEvent(step.value)) req.onCustomEvent({ ...step.value }, call.id);
        else pieces.push(step.value);
      }
    };
    const hooks = [...(req.agentToolHooks ?? []), ...(tool.toolHooks ?? [])];
    const chain = hooks.reduceRight<(a: Record<string, unknown>) => Promise<unknown>>(
      (next, hook) => async (a) =>
        hook({
          name,
          args: a,
          next,
          runContext: req.runContext,
          agent: req.agent,
          toolCallId: call.id,
        }),
      invoke,
    );
    result = await chain(args);
    if (tool.cacheResults && cached === undefined) {
      await writeCache(name, args, resultToString(result), tool.cacheTtl, tool.cacheDir);
    }
  } catch (error) {
    if (AgentRunException.isInstance(error)) control = error;
    else {
      errorText = error instanceof Error ? error.message : String(error);
      log.warn(`Tool ${name} failed: ${errorText}`);
    }
  } finally {
    if (tool.postHook) {
      try {
        await tool.postHook({
          ...hookParams,
          result,
          ...(errorText !== undefined ? { error: errorText } : {}),
        });
      } catch (error) {
        if (AgentRunException.isInstance(error)) control ??= error;
        else log.warn(`Post-hook of tool ${name} failed: ${(error as Error).message}`);
      }
    }
  }

  if (ToolCallPaused.isInstance(control)) {
    return { ...outcome("", false), paused: control.paused };
  }
  if (control) {
    const stop = StopAgentRun.isInstance(control);
    const extraMessages: Message[] = [];
    if (control.userMessage)
      extraMessages.push(createMessage({ role: "user", content: control.userMessage }));
    if (control.agentMessage)
      extraMessages.push(createMessage({ role: "assistant", content: control.agentMessage }));
    for (const m of control.messages ?? [])
      extraMessages.push(createMessage(m as Parameters<typeof createMessage>[0]));
    if (stop) for (const m of extraMessages) m.stop_after_tool_call = true;
    return outcome(control.message, true, { stop, extraMessages });
  }
  if (errorText !== undefined) return outcome(errorText, true);
  const content = resultToString(result);
  return outcome(content, false, { stop: tool.stopAfterToolCall, showResult: tool.showResult });
}
