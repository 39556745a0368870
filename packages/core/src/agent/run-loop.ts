import {
  InputCheckError,
  OutputCheckError,
  OutputParseError,
  RunCancelledError,
} from "../errors.js";
import { log } from "../logger.js";
import { createMessage, type Message, type ToolCall } from "../messages.js";
import { addMetrics, type Metrics, normalizeMetrics } from "../metrics.js";
import type {
  Model,
  ModelRequest,
  ModelResponse,
  OutputSchemaSpec,
  ToolDefinition,
} from "../models/model.js";
import type { ComponentKind } from "../run/component-kind.js";
import type { RunEventName, RunOutputEvent } from "../run/events.js";
import type { RunContext } from "../run/run-context.js";
import { type RunOutput, runInputToDict } from "../run/run-output.js";
import { RunStatus } from "../run/status.js";
import type { AgentSession } from "../session/agent-session.js";
import type { Delegation } from "../team/delegation.js";
import { executeToolCall, parseToolArguments, type ToolCallOutcome } from "../tools/execute.js";
import type { Tool, ToolContext, ToolHook } from "../tools/tool.js";
import { createToolExecution, type ToolExecution } from "../tools/tool-execution.js";
import { AsyncQueue } from "../utils/async-queue.js";
import type { Agent } from "./agent.js";
import { callHook, hookName } from "./hooks.js";
import type { AgentOptions, RunHookParams } from "./options.js";
import { type OutputSchemaLike, parseStructuredOutput } from "./output-schema.js";

/** Everything one run needs, prepared by the Agent. */
export interface RunState {
  agent: Agent<any>;
  options: AgentOptions<any>;
  output: RunOutput;
  runContext: RunContext;
  model: Model;
  parserModel?: Model;
  outputModel?: Model;
  tools: Map<string, Tool>;
  toolDefinitions: ToolDefinition[];
  agentToolHooks?: ToolHook[];
  outputSchema?: { spec: OutputSchemaSpec; schema: OutputSchemaLike; parse: boolean };
  /** Builds the messages sent to the model (system, additional input, user). Called after pre-hooks. */
  buildMessages: () => Promise<Message[]>;
  signal: AbortSignal;
  stream: boolean;
  debug: boolean;
  /** `performance.now()` at the start of the run. */
  startedAt: number;
  toolCallCount: number;
  firstTokenAt?: number;
  /** The stored session this run belongs to (null without a db or for a new session). */
  session?: AgentSession | null;
  /** Agent or team: event names, id fields, session type. */
  kind: ComponentKind;
  /**
   * False for a run that is part of a parent's run (a team member's): it neither loads nor stores
   * a session of its own; the parent stores it in the parent's session.
   */
  storesOwnSession: boolean;
  /** A team run's delegations to its members. */
  delegation?: Delegation;
}

/** Reason text of a cancelled run. */
export function cancelReason(state: RunState): string {
  const reason = state.signal.reason;
  return typeof reason === "string" ? reason : `Run ${state.output.run_id} was cancelled`;
}

function throwIfCancelled(state: RunState): void {
  if (state.signal.aborted)
    throw new RunCancelledError(state.output.run_id ?? "", cancelReason(state));
}

/** Builds an event with the run's base attributes, in the wire's key order. */
export function makeEvent<E extends RunOutputEvent>(
  state: RunState,
  event: E["event"],
  extra: Record<string, unknown> = {},
): E {
  const o = state.output as RunOutput & Record<string, unknown>;
  const kind = state.kind;
  const base: Record<string, unknown> = {
    created_at: Math.floor(Date.now() / 1000),
    event: kind.eventName(event as RunEventName),
    [kind.idKey]: (o[kind.idKey] as string | undefined) ?? "",
    [kind.nameKey]: (o[kind.nameKey] as string | undefined) ?? "",
    run_id: o.run_id,
    session_id: o.session_id,
  };
  if (o.parent_run_id) base.parent_run_id = o.parent_run_id;
  if (o.workflow_id) base.workflow_id = o.workflow_id;
  base.nested_depth = 0;
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) base[k] = v;
  return base as E;
}

const PAUSED_CONTENT = {
  confirmation: "I have tools to execute, but I need confirmation.",
  user_input: "I have tools to execute, but I need user input.",
  external: "I have tools to execute, but it needs external execution.",
};

/** Pauses the run on the tools it waits for (already on `output.tools`): `RunPaused` ends it. */
export async function* pauseRun(state: RunState): AsyncGenerator<RunOutputEvent, void> {
  const output = state.output;
  const waiting = (output.tools ?? []).filter(
    (t) =>
      (t.requires_confirmation && (t.confirmed === null || t.confirmed === undefined)) ||
      (t.requires_user_input && !t.answered) ||
      (t.external_execution_required && (t.result === null || t.result === undefined)),
  );
  output.status = RunStatus.paused;
  output.content = pausedContent(waiting);
  yield makeEvent(state, "RunPaused", { tools: output.tools, content: output.content });
}

function pausedContent(tools: ToolExecution[]): string {
  const kinds = new Set<keyof typeof PAUSED_CONTENT>();
  for (const t of tools) {
    if (t.requires_confirmation && t.confirmed === null) kinds.add("confirmation");
    if (t.requires_user_input && !t.answered) kinds.add("user_input");
    if (t.external_execution_required && t.result === null) kinds.add("external");
  }
  if (kinds.size === 1) return PAUSED_CONTENT[[...kinds][0] as keyof typeof PAUSED_CONTENT];
  const needs = [
    kinds.has("confirmation") ? "confirmation" : undefined,
    kinds.has("user_input") ? "user input" : undefined,
    kinds.has("external") ? "external execution" : undefined,
  ].filter(Boolean);
  return `I have tools to execute, but I need ${needs.join(" and ")}.`;
}

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
async function* runTools(
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

function argsOrNull(call: ToolCall): Record<string, unknown> | null {
  const parsed = parseToolArguments(call);
  return "args" in parsed ? parsed.args : null;
}

function needsHuman(tool: Tool | undefined): boolean {
  return !!tool && (tool.requiresConfirmation || tool.requiresUserInput || tool.externalExecution);
}

/** Appends outcomes' messages; returns true when the loop must stop; updates show-result content. */
function applyOutcomes(
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

function mergeTools(
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
    const { response, metrics } = yield* callModel(
      state,
      state.model,
      request,
      streamText ? "RunContent" : state.outputModel ? "RunIntermediateContent" : null,
    );
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
      yield makeEvent(state, "RunPaused", { tools: output.tools, content: output.content });
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
    yield makeEvent(state, "RunPaused", { tools: output.tools, content: output.content });
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
