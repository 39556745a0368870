import type { BaseDb } from "../db/base-db.js";
import { RunCancelledError } from "../errors.js";
import type { RunOutputEvent } from "../run/events.js";
import { RunContext, type RunContextInit } from "../run/run-context.js";
import { safeStringify } from "../utils/json.js";
import type { BaseWorkflowRunOutputEvent, WorkflowStreamEvent } from "./events.js";
import type { WorkflowRunOutput } from "./run-output.js";
import type { WorkflowSession } from "./session.js";
import type { ExecutorType, StepIndex, StepInput, StepOutput, StepType } from "./types.js";

/** Marks the workflow's step classes (Step, Steps, Condition, Parallel, Router, Loop). */
export const WORKFLOW_STEP: unique symbol = Symbol.for("agno.workflow.step");

/** Fields of a {@link WorkflowRunContext}. */
export interface WorkflowRunContextInit extends RunContextInit {
  workflowId: string;
  workflowName?: string;
  /** Aborts when the run is cancelled, or the step times out. */
  signal: AbortSignal;
  stepName?: string;
  stepId?: string;
}

/**
 * What function steps, condition evaluators, router selectors and custom workflow functions
 * know about the run. `sessionState` is shared by every step of the run and stored with the
 * session: change it in place. `signal` aborts on cancellation or step timeout.
 */
export class WorkflowRunContext extends RunContext {
  readonly workflowId: string;
  readonly workflowName: string | undefined;
  readonly signal: AbortSignal;
  readonly stepName: string | undefined;
  readonly stepId: string | undefined;

  constructor(init: WorkflowRunContextInit) {
    super(init);
    this.workflowId = init.workflowId;
    this.workflowName = init.workflowName;
    this.signal = init.signal;
    this.stepName = init.stepName;
    this.stepId = init.stepId;
  }

  get workflow_id(): string {
    return this.workflowId;
  }
  get workflow_name(): string | undefined {
    return this.workflowName;
  }

  /** A copy for one step (same session state object, the step's signal). */
  forStep(step: { name?: string; stepId?: string; signal?: AbortSignal }): WorkflowRunContext {
    return new WorkflowRunContext({
      runId: this.runId,
      sessionId: this.sessionId,
      userId: this.userId,
      dependencies: this.dependencies,
      knowledgeFilters: this.knowledgeFilters,
      metadata: this.metadata,
      sessionState: this.sessionState,
      workflowId: this.workflowId,
      ...(this.workflowName !== undefined ? { workflowName: this.workflowName } : {}),
      signal: step.signal ?? this.signal,
      ...(step.name !== undefined ? { stepName: step.name } : {}),
      ...(step.stepId !== undefined ? { stepId: step.stepId } : {}),
    });
  }
}

/** Where a step runs: its index (a path inside composites) and its parent composite's id. */
export interface StepPosition {
  index: StepIndex;
  parentStepId?: string;
}

/** Everything a step needs from the run it is part of. */
export interface ExecutionContext {
  workflowId: string;
  workflowName: string | undefined;
  runId: string;
  sessionId: string;
  userId: string | undefined;
  /** The run's output, updated as steps finish (executor runs are added to it). */
  run: WorkflowRunOutput;
  runContext: WorkflowRunContext;
  /** Aborts when the run is cancelled (or, inside a Parallel, when a sibling failed). */
  signal: AbortSignal;
  /** Build step-level events (StepStarted, Loop..., Parallel...). */
  emit: boolean;
  /** Forward the events of agents, teams and function generators. */
  streamExecutorEvents: boolean;
  /** Stream agent and team runs (to forward their events live). */
  streamExecutors: boolean;
  storeExecutorOutputs: boolean;
  session: WorkflowSession | null;
  addWorkflowHistoryToSteps: boolean;
  numHistoryRuns: number | undefined;
  db: BaseDb | undefined;
  debug: boolean;
}

/** A step of a workflow: Step, Steps, Condition, Parallel, Router or Loop. */
export interface WorkflowStep {
  readonly [WORKFLOW_STEP]: true;
  readonly stepType: StepType;
  readonly name: string | undefined;
  readonly description: string | undefined;
  readonly stepId: string;
  /** For a Step: what runs it. */
  readonly executorType?: ExecutorType;
  /**
   * Runs the step: yields its events, returns its output (undefined when it did nothing, as a
   * Condition that is not met and has no else branch).
   */
  execute(
    input: StepInput,
    ctx: ExecutionContext,
    position: StepPosition,
  ): AsyncGenerator<WorkflowStreamEvent, StepOutput | undefined>;
}

/** True for the workflow's step classes. */
export function isWorkflowStep(value: unknown): value is WorkflowStep {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<symbol, unknown>)[WORKFLOW_STEP] === true
  );
}

/** Builds a workflow event with the run's base attributes, in the wire's key order. */
export function makeWorkflowEvent<E extends BaseWorkflowRunOutputEvent>(
  ctx: Pick<ExecutionContext, "workflowId" | "workflowName" | "sessionId" | "runId">,
  event: E["event"],
  fields: Record<string, unknown> = {},
): E {
  const out: Record<string, unknown> = {
    created_at: Math.floor(Date.now() / 1000),
    event,
    workflow_id: ctx.workflowId,
  };
  if (ctx.workflowName !== undefined) out.workflow_name = ctx.workflowName;
  out.session_id = ctx.sessionId;
  out.run_id = ctx.runId;
  if (fields.step_id !== undefined) out.step_id = fields.step_id;
  if (fields.parent_step_id !== undefined) out.parent_step_id = fields.parent_step_id;
  out.nested_depth = 0;
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined || k === "step_id" || k === "parent_step_id") continue;
    out[k] = v;
  }
  return out as E;
}

/**
 * A copy of an agent or team event tagged with the workflow step it ran in: `workflow_id`,
 * `workflow_run_id`, `step_id`, `step_name`, `step_index` (placed before `nested_depth`).
 */
export function tagExecutorEvent(
  event: object,
  ctx: ExecutionContext,
  step: { stepId: string; name: string | undefined },
  index: StepIndex,
): RunOutputEvent {
  const tags: Record<string, unknown> = {
    workflow_id: ctx.workflowId,
    workflow_run_id: ctx.runId,
    step_id: step.stepId,
  };
  const source = event as Record<string, unknown>;
  const stepName = source.step_name ?? step.name;
  if (stepName !== undefined) tags.step_name = stepName;
  tags.step_index = source.step_index ?? index;
  const out: Record<string, unknown> = {};
  let placed = false;
  for (const [key, value] of Object.entries(source)) {
    if (key in tags) continue;
    if (key === "nested_depth" && !placed) {
      Object.assign(out, tags);
      placed = true;
    }
    out[key] = value;
  }
  if (!placed) Object.assign(out, tags);
  if (out.session_id === undefined) out.session_id = ctx.sessionId;
  return out as unknown as RunOutputEvent;
}

/** A workflow-level copy of a custom event (`CustomEvent` yielded by a step or custom function). */
export function tagCustomEvent(
  event: object,
  ctx: ExecutionContext,
  step?: { stepId: string; name: string | undefined; index: StepIndex },
): WorkflowStreamEvent {
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(event)) if (k !== "event") fields[k] = v;
  if (step) {
    fields.step_id ??= step.stepId;
    if (step.name !== undefined) fields.step_name ??= step.name;
    fields.step_index ??= step.index;
  }
  return makeWorkflowEvent(ctx, "CustomEvent", fields);
}

/** True for anything shaped like an event (an object with a string `event`). */
export function isEventLike(value: unknown): value is { event: string } & Record<string, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { event?: unknown }).event === "string"
  );
}

/** Throws {@link RunCancelledError} when the run was cancelled. */
export function throwIfCancelled(ctx: Pick<ExecutionContext, "signal" | "runId">): void {
  if (ctx.signal.aborted) throw cancelledError(ctx.runId, ctx.signal.reason);
}

/** The cancellation error of a run, from its abort reason. */
export function cancelledError(runId: string, reason: unknown): RunCancelledError {
  if (RunCancelledError.isInstance(reason)) return reason;
  return new RunCancelledError(
    runId,
    typeof reason === "string" ? reason : `Run ${runId} was cancelled`,
  );
}

/** Resolves as `promise`, or rejects with the signal's reason as soon as it aborts. */
export function raceAbort<T>(promise: PromiseLike<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    Promise.resolve(promise).then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/** An AbortController that also aborts (with the same reason) when `parent` aborts. */
export function linkedController(parent: AbortSignal): {
  controller: AbortController;
  unlink: () => void;
} {
  const controller = new AbortController();
  const onAbort = () => controller.abort(parent.reason);
  if (parent.aborted) onAbort();
  else parent.addEventListener("abort", onAbort, { once: true });
  return { controller, unlink: () => parent.removeEventListener("abort", onAbort) };
}

export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

/** True for async iterables, and for sync generators (not arrays or strings). */
export function isStreamLike(value: unknown): value is AsyncIterable<unknown> | Iterable<unknown> {
  if (typeof value !== "object" || value === null) return false;
  if (typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function") return true;
  return (
    typeof (value as Iterable<unknown>)[Symbol.iterator] === "function" &&
    typeof (value as Iterator<unknown>).next === "function"
  );
}

/** An async iterator over an async iterable or a sync generator. */
export function asyncIteratorOf(
  value: AsyncIterable<unknown> | Iterable<unknown>,
): AsyncIterator<unknown> {
  if (typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function")
    return (value as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  const it = (value as Iterable<unknown>)[Symbol.iterator]();
  return {
    next: async () => it.next(),
    return: async (v?: unknown) => it.return?.(v) ?? { done: true, value: v },
  };
}

/**
 * Applies an executor's session-state changes (keys it added, changed or removed relative to
 * `before`) to the shared state, leaving other keys (maybe changed meanwhile by a parallel
 * step) alone.
 */
export function applyStateChanges(
  shared: Record<string, unknown>,
  before: Record<string, unknown>,
  after: Record<string, unknown> | undefined,
): void {
  if (!after) return;
  for (const [key, value] of Object.entries(after)) {
    if (!(key in before) || safeStringify(before[key]) !== safeStringify(value))
      shared[key] = value;
  }
  for (const key of Object.keys(before)) if (!(key in after)) delete shared[key];
}
