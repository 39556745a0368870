import { Agent } from "../agent/agent.js";
import type { BaseDb } from "../db/base-db.js";
import type { Metrics } from "../metrics.js";
import { baseEventName } from "../run/component-kind.js";
import type { RunOutputEvent } from "../run/events.js";
import { RunOutput } from "../run/run-output.js";
import { RunStatus } from "../run/status.js";
import type { ToolExecution } from "../tools/tool-execution.js";
import {
  type ExecutionContext,
  isPromiseLike,
  isStreamLike,
  raceAbort,
  tagExecutorEvent,
} from "./context.js";
import type { ExecutorRunOutput, StepIndex } from "./types.js";

/**
 * Anything a step can run like an agent: an `Agent`, a `Team`, or any object with a compatible
 * `run(input, options)` (resolving to a run output, or an async iterable of events when
 * `options.stream` is true).
 */
export interface RunnableExecutor {
  readonly id?: string;
  readonly name?: string;
  readonly description?: string;
  run(input: any, options?: any): unknown;
  cancelRun?(runId: string): unknown;
}

/** True for agent-like objects (they have a `run` method). */
export function isRunnable(value: unknown): value is RunnableExecutor {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { run?: unknown }).run === "function"
  );
}

/** Options given to an executor's `run()` by a step. */
export interface ExecutorRunOptions {
  runId: string;
  sessionId?: string;
  userId?: string;
  sessionState: Record<string, unknown>;
  images?: unknown[];
  videos?: unknown[];
  audio?: unknown[];
  files?: unknown[];
  signal: AbortSignal;
}

/**
 * Whether the workflow may pass its session id to the executor: not when the executor stores
 * its runs in the workflow's own db (its agent session would overwrite the workflow session).
 */
export function mayShareSession(
  executor: RunnableExecutor,
  workflowDb: BaseDb | undefined,
): boolean {
  const db = (executor as { options?: { db?: BaseDb } }).options?.db;
  return !db || db !== workflowDb;
}

/**
 * Runs an agent or team for a step. Streams it (yielding its events, tagged with the step) when
 * the context asks for executor events; otherwise awaits its output. A stream's run output is
 * its `output` promise when it has one (agents and teams), else rebuilt from its events. Agents
 * honour `signal`; other executors are abandoned when it aborts.
 */
export async function* runExecutor(
  executor: RunnableExecutor,
  message: unknown,
  options: ExecutorRunOptions,
  ctx: ExecutionContext,
  step: { stepId: string; name: string | undefined; index: StepIndex },
): AsyncGenerator<RunOutputEvent, ExecutorRunOutput> {
  const honoursSignal = executor instanceof Agent;
  const wait = <T>(p: PromiseLike<T>): Promise<T> =>
    honoursSignal ? Promise.resolve(p) : raceAbort(p, options.signal);
  const streamed = ctx.streamExecutors;
  const result = executor.run(message, {
    ...options,
    stream: streamed,
    ...(streamed ? { streamEvents: true } : {}),
  });
  if (!isStreamLike(result)) {
    const output = isPromiseLike(result) ? await wait(result) : result;
    return asRunOutput(output, options);
  }
  const builder = new RunOutputBuilder(options);
  const iterator = (result as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  let ended = false;
  try {
    for (;;) {
      const next = await wait(iterator.next());
      if (next.done) {
        ended = true;
        break;
      }
      const item = next.value;
      if (item instanceof RunOutput || (isObject(item) && !("event" in item) && "run_id" in item)) {
        builder.final = item as ExecutorRunOutput;
        continue;
      }
      if (!isObject(item) || typeof item.event !== "string") continue;
      builder.add(item);
      if (ctx.streamExecutorEvents) yield tagExecutorEvent(item, ctx, step, step.index);
    }
  } finally {
    await iterator.return?.();
  }
  // Agent and team streams expose their finished run (messages included) as `output`.
  const full = (result as { output?: unknown }).output;
  if (ended && !builder.final && isPromiseLike(full)) {
    try {
      const output = await wait(full);
      if (isObject(output)) return output as ExecutorRunOutput;
    } catch {
      // keep the run rebuilt from the events
    }
  }
  return builder.build();
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function asRunOutput(value: unknown, options: ExecutorRunOptions): ExecutorRunOutput {
  if (isObject(value) && ("content" in value || "status" in value || "run_id" in value))
    return value as ExecutorRunOutput;
  return new RunOutput({
    run_id: options.runId,
    content: value,
    status: RunStatus.completed,
    ...(options.sessionId !== undefined ? { session_id: options.sessionId } : {}),
  });
}

/** Rebuilds a run output from an agent's (or team's) stream of events. */
class RunOutputBuilder {
  final: ExecutorRunOutput | undefined;
  private readonly output: RunOutput;
  private runId: string;
  private started = false;
  private text = "";
  private structured: unknown;
  private sawContent = false;
  private cancelReason: string | undefined;

  constructor(options: ExecutorRunOptions) {
    this.runId = options.runId;
    this.output = new RunOutput({
      run_id: options.runId,
      ...(options.sessionId !== undefined ? { session_id: options.sessionId } : {}),
      ...(options.userId !== undefined ? { user_id: options.userId } : {}),
    });
  }

  add(event: Record<string, unknown>): void {
    const o = this.output as RunOutput & Record<string, unknown>;
    const name = baseEventName(String(event.event));
    // The first RunStarted names the run (an executor may ignore the run id it was given).
    if (name === "RunStarted" && !this.started && typeof event.run_id === "string") {
      this.started = true;
      this.runId = event.run_id;
      o.run_id = event.run_id;
    }
    // A team's stream also carries its members' events (their own run ids): not the team's output.
    if (event.run_id !== undefined && event.run_id !== this.runId) return;
    if (typeof event.agent_id === "string" && event.agent_id && !o.agent_id)
      o.agent_id = event.agent_id;
    if (typeof event.agent_name === "string" && event.agent_name && !o.agent_name)
      o.agent_name = event.agent_name;
    if (typeof event.team_id === "string" && event.team_id) o.team_id ??= event.team_id;
    if (typeof event.team_name === "string" && event.team_name) o.team_name ??= event.team_name;
    switch (name) {
      case "RunStarted":
        if (typeof event.session_id === "string") o.session_id = event.session_id;
        if (typeof event.model === "string") o.model = event.model;
        if (typeof event.model_provider === "string") o.model_provider = event.model_provider;
        break;
      case "RunContent":
        if (event.content === undefined || event.content === null) break;
        this.sawContent = true;
        if (typeof event.content === "string") this.text += event.content;
        else this.structured = event.content;
        break;
      case "ToolCallCompleted":
      case "ToolCallError":
        if (event.tool) o.tools = [...(o.tools ?? []), event.tool as ToolExecution];
        break;
      case "RunCompleted":
        // A cancelled run ends with RunCancelled, then RunCompleted: it stays cancelled.
        if (o.status !== RunStatus.cancelled) o.status = RunStatus.completed;
        if (event.content !== undefined) {
          o.content = event.content;
          this.sawContent = false;
        }
        if (typeof event.content_type === "string") o.content_type = event.content_type;
        if (event.metrics) o.metrics = event.metrics as Metrics;
        if (event.metadata) o.metadata = event.metadata as Record<string, unknown>;
        if (event.session_state) o.session_state = event.session_state as Record<string, unknown>;
        if (typeof event.reasoning_content === "string")
          o.reasoning_content = event.reasoning_content;
        break;
      case "RunPaused":
        o.status = RunStatus.paused;
        if (Array.isArray(event.tools)) o.tools = event.tools as ToolExecution[];
        break;
      case "RunCancelled":
        o.status = RunStatus.cancelled;
        if (typeof event.reason === "string") this.cancelReason = event.reason;
        break;
      case "RunError":
        o.status = RunStatus.error;
        o.content = event.content;
        this.sawContent = false;
        break;
    }
  }

  build(): ExecutorRunOutput {
    if (this.final) return this.final;
    const o = this.output;
    if (this.sawContent) o.content = this.structured ?? this.text;
    if (o.status === RunStatus.cancelled && (o.content === undefined || o.content === ""))
      o.content = this.cancelReason;
    return o;
  }
}
