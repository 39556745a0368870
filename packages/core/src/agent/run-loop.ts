import { InputCheckError, OutputCheckError, OutputParseError } from "../errors.js";
import { log } from "../logger.js";
import { createMessage, type Message, type ToolCall } from "../messages.js";
import { addMetrics, type Metrics, normalizeMetrics } from "../metrics.js";
import type { Model, ModelRequest, ModelResponse } from "../models/model.js";
import type { RunOutputEvent } from "../run/events.js";
import { runInputToDict } from "../run/run-output.js";
import { RunStatus } from "../run/status.js";
import type { ToolCallOutcome } from "../tools/execute.js";
import { createToolExecution, type ToolExecution } from "../tools/tool-execution.js";
import { callHook, hookName } from "./hooks.js";
import type { RunHookParams } from "./options.js";
import { parseStructuredOutput } from "./output-schema.js";

import {
  makeEvent,
  pausedContent,
  pausedEvent,
  type RunState,
  throwIfCancelled,
} from "./run-events.js";
import { applyOutcomes, argsOrNull, mergeTools, needsHuman, runTools } from "./tool-calls.js";

export { cancelReason, makeEvent, pauseRun, type RunState } from "./run-events.js";

function hookParams(state: RunState): Partial<RunHookParams> {
  const ctx = state.runContext;
  return {
    agent: state.agent,
    runContext: ctx,
    session: state.session ?? undefined,
    session_state: ctx.sessionState,
    dependencies: ctx.dependencies,
    metadata: ctx.metadata,
    user_id: ctx.userId,
    debug_mode: state.debug,
  };
}

/** Runs the pre-hooks, yielding their events. An `InputCheckError` propagates. */
export async function* runPreHooks(state: RunState): AsyncGenerator<RunOutputEvent> {
  for (const hook of state.options.preHooks ?? []) {
    const name = hookName(hook);
    const runInput = state.output.input ? runInputToDict(state.output.input) : undefined;
    yield makeEvent(state, "PreHookStarted", { pre_hook_name: name, run_input: runInput });
    try {
      await callHook(hook, { ...hookParams(state), run_input: state.output.input! });
    } catch (error) {
      if (InputCheckError.isInstance(error) || OutputCheckError.isInstance(error)) throw error;
      log.warn(`Pre-hook ${name} failed: ${(error as Error).message}`);
    }
    yield makeEvent(state, "PreHookCompleted", { pre_hook_name: name, run_input: runInput });
  }
}

async function* runPostHooks(state: RunState): AsyncGenerator<RunOutputEvent> {
  for (const hook of state.options.postHooks ?? []) {
    const name = hookName(hook);
    yield makeEvent(state, "PostHookStarted", { post_hook_name: name });
    try {
      await callHook(hook, { ...hookParams(state), run_output: state.output });
    } catch (error) {
      if (InputCheckError.isInstance(error) || OutputCheckError.isInstance(error)) throw error;
      log.warn(`Post-hook ${name} failed: ${(error as Error).message}`);
    }
    yield makeEvent(state, "PostHookCompleted", { post_hook_name: name });
  }
}

/** The token counts a `ModelRequestCompleted` reports (a team's also its reasoning and cache tokens). */
function requestTokens(state: RunState, metrics: Metrics): Record<string, unknown> {
  const out: Record<string, unknown> = {
    input_tokens: metrics.input_tokens,
    output_tokens: metrics.output_tokens,
    total_tokens: metrics.total_tokens,
    time_to_first_token: metrics.time_to_first_token,
  };
  if (state.kind.type === "team") {
    out.reasoning_tokens = metrics.reasoning_tokens;
    out.cache_read_tokens = metrics.cache_read_tokens;
    out.cache_write_tokens = metrics.cache_write_tokens;
  }
  return out;
}

/** Calls the model once, streaming content events when the run streams. Returns the whole answer. */
async function* callModel(
  state: RunState,
  model: Model,
  request: ModelRequest,
  contentEvent: "RunContent" | "RunIntermediateContent" | null,
): AsyncGenerator<RunOutputEvent, { response: ModelResponse; metrics: Metrics }> {
  const started = performance.now();
  let firstToken: number | undefined;
  let response: ModelResponse;
  if (!state.stream) {
    response = await model.response(request);
    firstToken = performance.now();
  } else {
    let content = "";
    let reasoning = "";
    const toolCalls: ToolCall[] = [];
    let usage: ModelResponse["usage"];
    let providerData: Record<string, unknown> | undefined;
    for await (const delta of model.responseStream(request)) {
      throwIfCancelled(state);
      if (delta.type === "content") {
        if (!delta.content) continue;
        firstToken ??= performance.now();
        content += delta.content;
        if (contentEvent) {
          yield makeEvent(state, contentEvent, { content: delta.content, content_type: "str" });
        }
      } else if (delta.type === "reasoning") {
        firstToken ??= performance.now();
        reasoning += delta.content;
        if (contentEvent === "RunContent") {
          yield makeEvent(state, "RunContent", {
            content_type: "str",
            reasoning_content: delta.content,
          });
        }
      } else if (delta.type === "tool_call") {
        firstToken ??= performance.now();
        toolCalls.push(delta.toolCall);
      } else if (delta.type === "usage") {
        usage = { ...(usage ?? {}), ...delta.usage };
      } else if (delta.type === "provider_data") {
        providerData = { ...(providerData ?? {}), ...delta.data };
      }
    }
    response = { content: content || (toolCalls.length > 0 ? null : content) };
    if (toolCalls.length > 0) response.toolCalls = toolCalls;
    if (reasoning) response.reasoningContent = reasoning;
    if (usage) response.usage = usage;
    if (providerData) response.providerData = providerData;
  }
  throwIfCancelled(state);
  const ended = performance.now();
  if (firstToken !== undefined && state.firstTokenAt === undefined) state.firstTokenAt = firstToken;
  const metrics = normalizeMetrics({
    ...(response.usage ?? {}),
    duration: (ended - started) / 1000,
    ...(firstToken !== undefined ? { time_to_first_token: (firstToken - started) / 1000 } : {}),
  });
  return { response, metrics };
}

function assistantMessage(response: ModelResponse, metrics: Metrics): Message {
  const message = createMessage({ role: "assistant", content: response.content ?? null, metrics });
  if (response.toolCalls?.length) message.tool_calls = response.toolCalls;
  if (response.reasoningContent) message.reasoning_content = response.reasoningContent;
  if (response.providerData) message.provider_data = response.providerData;
  return message;
}

function addUsage(state: RunState, metrics: Metrics): void {
  const { duration: _d, time_to_first_token: _t, ...tokens } = metrics;
  state.output.metrics = addMetrics(state.output.metrics, tokens);
}

export async function* modelLoop(
  state: RunState,
  messages: Message[],
): AsyncGenerator<RunOutputEvent, void> {
  const o = state.options;
  const output = state.output;
  const structured = state.outputSchema;
  const streamText = !(structured?.parse && !state.parserModel) && !state.outputModel;
  let content = typeof output.content === "string" ? output.content : "";
  let lastContent: string | null = null;

  for (;;) {
    throwIfCancelled(state);
    const request: ModelRequest = { messages: [...messages], signal: state.signal };
    if (state.toolDefinitions.length > 0) {
      request.tools = state.toolDefinitions;
      if (o.toolChoice !== undefined) request.toolChoice = o.toolChoice;
    }
    if (structured && !state.parserModel) request.outputSchema = structured.spec;
    if (state.debug) log.debug(`Model ${state.model.id} <- ${messages.length} messages`);
    const model = { model: state.model.id, model_provider: state.model.provider };
    yield makeEvent(state, "ModelRequestStarted", model);
    const { response, metrics } = yield* callModel(
      state,
      state.model,
      request,
      streamText ? "RunContent" : state.outputModel ? "RunIntermediateContent" : null,
    );
    yield makeEvent(state, "ModelRequestCompleted", { ...model, ...requestTokens(state, metrics) });
    const message = assistantMessage(response, metrics);
    messages.push(message);
    addUsage(state, metrics);
    if (response.content) {
      content += response.content;
      lastContent = response.content;
    }
    if (response.reasoningContent) {
      output.reasoning_content = (output.reasoning_content ?? "") + response.reasoningContent;
    }
    if (response.providerData) output.model_provider_data = response.providerData;
    if (state.debug)
      log.debug(
        `Model ${state.model.id} -> ${response.content ?? ""} ${JSON.stringify(response.toolCalls ?? [])}`,
      );

    const calls = response.toolCalls ?? [];
    if (calls.length === 0) break;

    // Tool-call limit: calls beyond it are answered with an error, not run.
    const limited: ToolCallOutcome[] = [];
    const runnable: ToolCall[] = [];
    for (const call of calls) {
      if (o.toolCallLimit !== undefined && state.toolCallCount >= o.toolCallLimit) {
        const execution = createToolExecution({
          tool_call_id: call.id,
          tool_name: call.function.name,
          tool_args: argsOrNull(call),
          tool_call_error: true,
          result: `Tool call limit reached. Tool call ${call.function.name} not executed. Don't try to execute it again.`,
        });
        limited.push({
          execution,
          message: createMessage({
            role: "tool",
            content: execution.result,
            tool_call_id: call.id,
            tool_name: call.function.name,
            tool_args: execution.tool_args ?? {},
            tool_call_error: true,
          }),
          extraMessages: [],
          stop: false,
          showResult: false,
        });
      } else {
        state.toolCallCount++;
        runnable.push(call);
      }
    }
    const paused: ToolExecution[] = [];
    const toRun: Array<{ call: ToolCall }> = [];
    for (const call of runnable) {
      const tool = state.tools.get(call.function.name);
      if (needsHuman(tool)) {
        const args = argsOrNull(call) ?? {};
        const execution = createToolExecution({
          tool_call_id: call.id,
          tool_name: call.function.name,
          tool_args: args,
        });
        if (tool!.requiresConfirmation) execution.requires_confirmation = true;
        if (tool!.externalExecution) execution.external_execution_required = true;
        if (tool!.requiresUserInput) {
          execution.requires_user_input = true;
          execution.user_input_schema = tool!.userInputSchema(args);
        }
        paused.push(execution);
      } else {
        toRun.push({ call });
      }
    }
    const outcomes = toRun.length > 0 ? yield* runTools(state, toRun) : [];
    const { stop, shown } = applyOutcomes(state, messages, [
      ...limited,
      ...outcomes.filter((o) => !o.paused),
    ]);
    for (const o of outcomes) if (o.paused) paused.push(...o.paused);
    if (shown) {
      content += shown;
      lastContent = shown;
      yield makeEvent(state, "RunContent", { content: shown, content_type: "str" });
    }
    if (paused.length > 0) {
      output.tools = mergeTools(output.tools, paused);
      output.content = content || pausedContent(paused);
      output.messages = messages;
      output.status = RunStatus.paused;
      yield makeEvent(state, "RunContentCompleted");
      yield pausedEvent(state);
      return;
    }
    if (stop) break;
  }

  output.messages = messages;
  output.content = content || null;

  if (state.outputModel) {
    yield makeEvent(state, "OutputModelResponseStarted");
    const request: ModelRequest = {
      messages: outputModelMessages(state, messages),
      signal: state.signal,
    };
    if (structured) request.outputSchema = structured.spec;
    const { response, metrics } = yield* callModel(
      state,
      state.outputModel,
      request,
      streamText ? null : structured ? null : "RunContent",
    );
    addUsage(state, metrics);
    lastContent = response.content ?? "";
    output.content = lastContent;
    yield makeEvent(state, "OutputModelResponseCompleted");
  }

  if (structured) {
    let source = lastContent ?? "";
    if (state.parserModel) {
      yield makeEvent(state, "ParserModelResponseStarted");
      const prompt =
        o.parserModelPrompt ??
        "You are tasked with creating a structured output from the provided user message.";
      const request: ModelRequest = {
        messages: [
          createMessage({ role: "system", content: prompt }),
          createMessage({ role: "user", content: source }),
        ],
        outputSchema: {
          ...structured.spec,
          mode: state.parserModel.supportsNativeStructuredOutputs ? "json_schema" : "prompt",
        },
        signal: state.signal,
      };
      const { response, metrics } = yield* callModel(state, state.parserModel, request, null);
      addUsage(state, metrics);
      source = response.content ?? "";
      yield makeEvent(state, "ParserModelResponseCompleted");
    }
    output.content_type = structured.spec.name;
    if (structured.parse) {
      try {
        output.content = await parseStructuredOutput(structured.schema, source);
      } catch (error) {
        if (!OutputParseError.isInstance(error)) throw error;
        log.warn(error.message);
        output.content = source;
      }
    } else {
      output.content = source;
    }
    if (state.stream) {
      yield makeEvent(state, "RunContent", {
        content: output.content,
        content_type: output.content_type,
      });
    }
  } else if (state.outputModel && state.stream && !streamText) {
    yield makeEvent(state, "RunContent", { content: output.content, content_type: "str" });
  }
  yield makeEvent(state, "RunContentCompleted");
  yield* runPostHooks(state);
}

function outputModelMessages(state: RunState, messages: Message[]): Message[] {
  const prompt = state.options.outputModelPrompt;
  const rest = messages.filter((m) => m.role !== "system");
  const system = prompt
    ? createMessage({ role: "system", content: prompt })
    : messages.find((m) => m.role === "system");
  return system ? [system, ...rest] : rest;
}

/**
 * Resumes a paused run: answers the paused tools from `updatedTools` (running confirmed ones,
 * rejecting the others, taking external results and user input), then goes on with the loop.
 */
export async function* continueLoop(
  state: RunState,
  updatedTools: ToolExecution[],
): AsyncGenerator<RunOutputEvent, void> {
  const output = state.output;
  const messages = [...(output.messages ?? [])];
  const byId = new Map(updatedTools.map((t) => [t.tool_call_id, t]));
  output.tools = (output.tools ?? []).map((t) => ({ ...t, ...(byId.get(t.tool_call_id) ?? {}) }));
  const answered = new Set(messages.filter((m) => m.role === "tool").map((m) => m.tool_call_id));
  const pending = output.tools.filter((t) => !answered.has(t.tool_call_id ?? ""));
  output.requirements = undefined;
  yield makeEvent(state, "RunContinued");

  const stillPaused: ToolExecution[] = [];
  const toRun: Array<{ call: ToolCall; execution: ToolExecution; args: Record<string, unknown> }> =
    [];
  const direct: ToolCallOutcome[] = [];
  for (const t of pending) {
    const id = t.tool_call_id ?? "";
    const name = t.tool_name ?? "";
    const call: ToolCall = {
      id,
      type: "function",
      function: { name, arguments: JSON.stringify(t.tool_args ?? {}) },
    };
    const reply = (content: string, error: boolean): ToolCallOutcome => ({
      execution: { ...t, result: content, tool_call_error: error },
      message: createMessage({
        role: "tool",
        content,
        tool_call_id: id,
        tool_name: name,
        tool_args: t.tool_args ?? {},
        tool_call_error: error,
      }),
      extraMessages: [],
      stop: false,
      showResult: false,
    });
    if (t.requires_confirmation) {
      if (t.confirmed === true) {
        toRun.push({
          call,
          execution: { ...t, requires_confirmation: false },
          args: t.tool_args ?? {},
        });
      } else if (t.confirmed === false) {
        const note = t.confirmation_note ?? "Function call was rejected by the user";
        const outcome = reply(note, true);
        outcome.execution.requires_confirmation = false;
        outcome.execution.confirmation_note = t.confirmation_note ?? "Tool call was rejected";
        direct.push(outcome);
      } else {
        stillPaused.push(t);
      }
    } else if (t.external_execution_required) {
      if (t.result !== null && t.result !== undefined) {
        const outcome = reply(String(t.result), false);
        outcome.execution.external_execution_required = false;
        direct.push(outcome);
      } else {
        stillPaused.push(t);
      }
    } else if (t.requires_user_input) {
      const fields = t.user_input_schema ?? [];
      const missing = fields.some((f) => f.value === null || f.value === undefined);
      if (missing && !t.answered) {
        stillPaused.push(t);
      } else {
        const args = { ...(t.tool_args ?? {}) };
        for (const f of fields) args[f.name] = f.value;
        toRun.push({ call, execution: { ...t, tool_args: args, answered: true }, args });
      }
    } else {
      toRun.push({ call, execution: t, args: t.tool_args ?? {} });
    }
  }
  const outcomes = toRun.length > 0 ? yield* runTools(state, toRun) : [];
  const { stop } = applyOutcomes(state, messages, [
    ...direct,
    ...outcomes.filter((o) => !o.paused),
  ]);
  for (const o of outcomes) if (o.paused) stillPaused.push(...o.paused);
  if (stillPaused.length > 0) {
    output.tools = mergeTools(output.tools, stillPaused);
    output.messages = messages;
    output.status = RunStatus.paused;
    output.content = pausedContent(stillPaused);
    yield pausedEvent(state);
    return;
  }
  output.status = RunStatus.running;
  output.content = null;
  if (stop) {
    output.messages = messages;
    output.content = messages.filter((m) => m.role === "tool").at(-1)?.content ?? null;
    yield makeEvent(state, "RunContentCompleted");
    return;
  }
  yield* modelLoop(state, messages);
}
