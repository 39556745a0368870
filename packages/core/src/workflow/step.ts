import { InputValidationError, RunCancelledError, toError } from "../errors.js";
import { log } from "../logger.js";
import { RunOutput } from "../run/run-output.js";
import { RunStatus } from "../run/status.js";
import { uuid } from "../utils/ids.js";
import {
  applyStateChanges,
  asyncIteratorOf,
  cancelledError,
  type ExecutionContext,
  isEventLike,
  isPromiseLike,
  isStreamLike,
  linkedController,
  makeWorkflowEvent,
  raceAbort,
  type StepPosition,
  tagCustomEvent,
  tagExecutorEvent,
  WORKFLOW_STEP,
  type WorkflowRunContext,
  type WorkflowStep,
} from "./context.js";
import { StepExecutionError, StepTimeoutError } from "./errors.js";
import type { WorkflowStreamEvent } from "./events.js";
import { mayShareSession, type RunnableExecutor, runExecutor } from "./executor.js";
import {
  asText,
  contentTypeOf,
  type ExecutorRunOutput,
  type ExecutorType,
  mediaToDict,
  type StepInput,
  StepOutput,
  StepType,
} from "./types.js";

/**
 * A function step: receives the step input and the run context (shared `sessionState`, `signal`),
 * returns the step's content (any value), a {@link StepOutput}, or an (async) generator that
 * yields events to forward, text to accumulate, and optionally a final StepOutput.
 */
export type StepExecutor = (stepInput: StepInput, runContext: WorkflowRunContext) => unknown;

/** Options of `new Step(...)`: a name and exactly one of `agent`, `team` or `executor`. */
export interface StepOptions {
  /** Step name (used in `previous_step_outputs`, events and metrics). @default the agent's or function's name */
  name?: string;
  /** An agent to run (or any object with a compatible `run`). */
  agent?: RunnableExecutor;
  /** A team to run (or any object with a compatible `run`). */
  team?: RunnableExecutor;
  /** A function to run. */
  executor?: StepExecutor;
  /** Stable step id. @default a random UUID */
  stepId?: string;
  description?: string;
  /** Retries after a failed attempt (so `maxRetries + 1` attempts in all). @default 3 */
  maxRetries?: number;
  /** Seconds one attempt may take; past it the attempt fails (and its agent run is cancelled). */
  timeoutSeconds?: number;
  /** After the last failed attempt, continue the workflow with a failed output instead of failing it. @default false */
  skipOnFailure?: boolean;
  /** Prepend the workflow's history to the agent's input. @default the workflow's addWorkflowHistoryToSteps */
  addWorkflowHistory?: boolean;
  /** Past runs in that history. @default the workflow's numHistoryRuns (all) */
  numHistoryRuns?: number;
  /** Fail (without retrying) when the step has no input at all, instead of warning. @default false */
  strict?: boolean;
}

/**
 * One unit of work: an agent, a team or a function, with retries, a timeout and skip-on-failure.
 *
 * @example
 * const write = new Step({ name: "Write", agent: writer, maxRetries: 1, timeoutSeconds: 60 });
 * const count = new Step({ name: "Count", executor: (input) => String(input.previous_step_content).length });
 */
export class Step implements WorkflowStep {
  readonly [WORKFLOW_STEP] = true as const;
  readonly stepType = StepType.step;
  readonly options: StepOptions;
  #stepId: string | undefined;

  constructor(options: StepOptions) {
    this.options = options;
    this.#stepId = options.stepId;
    const given = [options.agent, options.team, options.executor].filter((e) => e !== undefined);
    if (given.length !== 1) {
      throw new TypeError(
        `Step "${options.name ?? "unnamed"}" needs exactly one of agent, team or executor (got ${given.length}).`,
      );
    }
  }

  get name(): string | undefined {
    const o = this.options;
    return o.name ?? o.agent?.name ?? o.team?.name ?? functionName(o.executor);
  }
  get description(): string | undefined {
    return (
      this.options.description ?? this.options.agent?.description ?? this.options.team?.description
    );
  }
  get stepId(): string {
    this.#stepId ??= uuid();
    return this.#stepId;
  }
  get executorType(): ExecutorType {
    if (this.options.agent) return "agent";
    if (this.options.team) return "team";
    return "function";
  }
  /** Name of the agent, team or function that runs the step. */
  get executorName(): string {
    const o = this.options;
    const executor = o.agent ?? o.team;
    if (executor) return executor.name ?? "unnamed_executor";
    return functionName(o.executor) ?? "anonymous_function";
  }

  async *execute(
    input: StepInput,
    ctx: ExecutionContext,
    position: StepPosition,
  ): AsyncGenerator<WorkflowStreamEvent, StepOutput> {
    const name = this.name ?? "unnamed_step";
    const base = {
      step_id: this.stepId,
      parent_step_id: position.parentStepId,
      step_name: name,
      step_index: position.index,
    };
    if (ctx.emit) yield makeWorkflowEvent(ctx, "StepStarted", base);
    const attempts = Math.max(0, this.options.maxRetries ?? 3) + 1;
    let lastError: unknown;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (ctx.signal.aborted) throw cancelledError(ctx.runId, ctx.signal.reason);
      try {
        const output = yield* this.attempt(input, ctx, position);
        if (ctx.emit) yield stepCompleted(ctx, base, output);
        return output;
      } catch (error) {
        if (ctx.signal.aborted) throw cancelledError(ctx.runId, ctx.signal.reason);
        if (RunCancelledError.isInstance(error)) throw error;
        lastError = error;
        if (InputValidationError.isInstance(error)) break;
        const more = attempt + 1 < attempts ? " Retrying." : "";
        const reason = toError(error).message.replace(/\.$/, "");
        log.warn(`Step "${name}" attempt ${attempt + 1} of ${attempts} failed: ${reason}.${more}`);
      }
    }
    const message = toError(lastError).message;
    if (ctx.emit) yield makeWorkflowEvent(ctx, "StepError", { ...base, error: message });
    if (!this.options.skipOnFailure) throw lastError;
    const skipped = new StepOutput({
      step_name: name,
      step_id: this.stepId,
      step_type: StepType.step,
      executor_type: this.executorType,
      executor_name: this.executorName,
      content: `Step ${name} failed but skipped`,
      success: false,
      error: message,
    });
    if (ctx.emit) yield stepCompleted(ctx, base, skipped);
    return skipped;
  }

  /** One attempt, bounded by the timeout and the run's cancellation. */
  private async *attempt(
    input: StepInput,
    ctx: ExecutionContext,
    position: StepPosition,
  ): AsyncGenerator<WorkflowStreamEvent, StepOutput> {
    const name = this.name ?? "unnamed_step";
    const noInput =
      (input.input === undefined || input.input === null || input.input === "") &&
      Object.keys(input.previous_step_outputs).length === 0;
    if (noInput) {
      const message = `Step "${name}" has no input: the workflow got none and no step ran before it.`;
      if (this.options.strict) throw new InputValidationError(message);
      if (this.executorType !== "function") log.warn(message);
    }
    const { controller, unlink } = linkedController(ctx.signal);
    const timeout = this.options.timeoutSeconds;
    const timer =
      timeout !== undefined && timeout > 0
        ? setTimeout(() => controller.abort(new StepTimeoutError(name, timeout)), timeout * 1000)
        : undefined;
    try {
      const output =
        this.executorType === "function"
          ? yield* this.runFunction(input, ctx, position, controller.signal)
          : yield* this.runAgent(input, ctx, position, controller.signal);
      if (controller.signal.aborted) throw controller.signal.reason;
      return output;
    } catch (error) {
      if (ctx.signal.aborted) throw cancelledError(ctx.runId, ctx.signal.reason);
      if (controller.signal.aborted && StepTimeoutError.isInstance(controller.signal.reason))
        throw controller.signal.reason;
      throw error;
    } finally {
      if (timer) clearTimeout(timer);
      unlink();
    }
  }

  private async *runFunction(
    input: StepInput,
    ctx: ExecutionContext,
    position: StepPosition,
    signal: AbortSignal,
  ): AsyncGenerator<WorkflowStreamEvent, StepOutput> {
    const fn = this.options.executor!;
    const runContext = ctx.runContext.forStep({
      ...(this.name !== undefined ? { name: this.name } : {}),
      stepId: this.stepId,
      signal,
    });
    let result = fn(input, runContext);
    if (isPromiseLike(result)) result = await raceAbort(result, signal);
    if (!isStreamLike(result)) return this.finish(toStepOutput(result));
    const tag = { stepId: this.stepId, name: this.name, index: position.index };
    const iterator = asyncIteratorOf(result);
    let text = "";
    let content: unknown;
    let final: StepOutput | undefined;
    try {
      for (;;) {
        const next = await raceAbort(iterator.next(), signal);
        if (next.done) {
          if (next.value !== undefined) final = toStepOutput(next.value);
          break;
        }
        const item = next.value;
        if (item instanceof StepOutput) {
          final = item;
          break;
        }
        if (item instanceof RunOutput) {
          content = item.content;
          continue;
        }
        if (isEventLike(item)) {
          if (item.event === "RunContent" || item.event === "TeamRunContent") {
            if (typeof item.content === "string") text += item.content;
            else if (item.content !== undefined) content = item.content;
          }
          if (item.event === "CustomEvent" && !("agent_id" in item) && !("team_id" in item))
            yield tagCustomEvent(item, ctx, tag);
          else if (ctx.streamExecutorEvents) yield tagExecutorEvent(item, ctx, tag, position.index);
          continue;
        }
        if (item !== undefined && item !== null) text += asText(item);
      }
    } finally {
      await iterator.return?.();
    }
    return this.finish(final ?? new StepOutput({ content: content ?? text }));
  }

  private async *runAgent(
    input: StepInput,
    ctx: ExecutionContext,
    position: StepPosition,
    signal: AbortSignal,
  ): AsyncGenerator<WorkflowStreamEvent, StepOutput> {
    const executor = (this.options.agent ?? this.options.team)!;
    const name = this.name ?? "unnamed_step";
    let message = agentMessage(input);
    const withHistory = this.options.addWorkflowHistory ?? ctx.addWorkflowHistoryToSteps;
    if (withHistory && ctx.session) {
      const history = ctx.session.getWorkflowHistoryContext(
        this.options.numHistoryRuns ?? ctx.numHistoryRuns,
      );
      if (history) message = `${history}${asText(message)}`;
    }
    const shared = ctx.runContext.sessionState;
    const before = structuredClone(shared);
    const runId = uuid();
    const output = yield* runExecutor(
      executor,
      message,
      {
        runId,
        ...(mayShareSession(executor, ctx.db) ? { sessionId: ctx.sessionId } : {}),
        ...(ctx.userId !== undefined ? { userId: ctx.userId } : {}),
        sessionState: shared,
        ...(input.images.length ? { images: input.images } : {}),
        ...(input.videos.length ? { videos: input.videos } : {}),
        ...(input.audio.length ? { audio: input.audio } : {}),
        ...(input.files.length ? { files: input.files } : {}),
        signal,
      },
      ctx,
      { stepId: this.stepId, name: this.name, index: position.index },
    );
    applyStateChanges(shared, before, output.session_state);
    output.parent_run_id = ctx.runId;
    output.workflow_id = ctx.workflowId;
    output.workflow_step_id = this.stepId;
    if (ctx.storeExecutorOutputs) {
      ctx.run.step_executor_runs ??= [];
      ctx.run.step_executor_runs.push(output);
    }
    if (output.status === RunStatus.cancelled) {
      if (signal.aborted) throw signal.reason;
      throw new StepExecutionError(
        name,
        `The ${this.executorType} run of step "${name}" was cancelled.`,
        {
          ...(output.run_id !== undefined ? { executorRunId: output.run_id } : {}),
        },
      );
    }
    if (output.status === RunStatus.error) {
      throw new StepExecutionError(
        name,
        `The ${this.executorType} run of step "${name}" failed: ${asText(output.content)}`,
        { ...(output.run_id !== undefined ? { executorRunId: output.run_id } : {}) },
      );
    }
    return this.finish(fromExecutorRun(output));
  }

  /** Stamps the step's identity on its output. */
  private finish(output: StepOutput): StepOutput {
    output.step_name = this.name ?? "unnamed_step";
    output.step_id = this.stepId;
    output.step_type ??= StepType.step;
    output.executor_type = this.executorType;
    output.executor_name = this.executorName;
    return output;
  }
}

/**
 * A function's own name; undefined for anonymous functions (including those that only got the
 * name of the `executor` option they were written in).
 */
export function functionName(fn: ((...args: never[]) => unknown) | undefined): string | undefined {
  const name = fn?.name;
  return name && name !== "executor" && name !== "anonymous" ? name : undefined;
}

function stepCompleted(
  ctx: ExecutionContext,
  base: Record<string, unknown>,
  output: StepOutput,
): WorkflowStreamEvent {
  return makeWorkflowEvent(ctx, "StepCompleted", {
    ...base,
    content: output.content,
    content_type: contentTypeOf(output.content),
    images: output.images?.map(mediaToDict),
    videos: output.videos?.map(mediaToDict),
    audio: output.audio?.map(mediaToDict),
    files: output.files?.map(mediaToDict),
    step_response: output,
  });
}

/** What an agent step sends: the previous step's content, else the workflow's input. */
function agentMessage(input: StepInput): unknown {
  if (Object.keys(input.previous_step_outputs).length > 0) {
    const last = input.getLastStepContent();
    if (last !== undefined && last !== null && last !== "") return last;
  }
  return input.input;
}

function toStepOutput(result: unknown): StepOutput {
  if (result instanceof StepOutput) return result;
  if (result instanceof RunOutput) return new StepOutput({ content: result.content });
  return new StepOutput({ content: result });
}

function fromExecutorRun(run: ExecutorRunOutput): StepOutput {
  return new StepOutput({
    content: run.content,
    ...(run.run_id !== undefined ? { step_run_id: run.run_id } : {}),
    ...(run.images?.length ? { images: run.images } : {}),
    ...(run.videos?.length ? { videos: run.videos } : {}),
    ...(run.audio?.length ? { audio: run.audio } : {}),
    ...(run.files?.length ? { files: run.files } : {}),
    ...(run.metrics ? { metrics: run.metrics } : {}),
  });
}
