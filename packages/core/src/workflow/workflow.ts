import { COMPONENT_BRAND, type Component } from "../component.js";
import type { BaseDb } from "../db/base-db.js";
import type { SessionRecord } from "../db/types.js";
import { AgnoError, toError } from "../errors.js";
import { envDebug, log } from "../logger.js";
import { type Metrics, sumMetrics } from "../metrics.js";
import { cancelRun as cancelRegisteredRun } from "../run/cancellation.js";
import { drain, runLifecycle, streamView } from "../run/lifecycle.js";
import { RunStatus } from "../run/status.js";
import { validateRunInput } from "../run/validate-input.js";
import { SessionComponent } from "../session/session-component.js";
import { toJsonSchema } from "../tools/schema.js";
import { uuid } from "../utils/ids.js";
import { type ExecutionContext, makeWorkflowEvent, type WorkflowStep } from "./context.js";
import { runCustomFunction } from "./custom.js";
import { CONTENT_EVENTS, type WorkflowStreamEvent } from "./events.js";
import { executionContext } from "./execution-context.js";
import { describeStep, toWorkflowSteps } from "./normalize.js";
import type {
  CustomWorkflowFunction,
  Prepared,
  WorkflowOptions,
  WorkflowPrintOptions,
  WorkflowRunOptions,
  WorkflowRunStream,
} from "./options.js";
import { printWorkflowRun } from "./print.js";
import { WorkflowRunOutput } from "./run-output.js";
import { runSequence } from "./sequence.js";
import { type WorkflowChatInteraction, WorkflowSession } from "./session.js";
import { Steps } from "./steps.js";
import { loadWorkflowSession, persistWorkflowRun } from "./storage.js";
import {
  aggregateWorkflowMetrics,
  contentTypeOf,
  deepestContent,
  StepInput,
  WorkflowExecutionInput,
} from "./types.js";

export type {
  CustomWorkflowFunction,
  WorkflowOptions,
  WorkflowPrintOptions,
  WorkflowRunOptions,
  WorkflowRunStream,
  WorkflowSteps,
} from "./options.js";

/** Finished background runs kept in memory for `getRun` (oldest dropped first). */
const KEPT_BACKGROUND_RUNS = 100;

/**
 * A workflow: steps (agents, teams, functions, and Steps, Condition, Parallel, Router, Loop)
 * run in order, sharing the input, the previous outputs, media and session state.
 *
 * @example
 * const workflow = new Workflow({
 *   name: "Blog",
 *   steps: [new Step({ name: "Draft", agent: writer }), new Step({ name: "Edit", agent: editor })],
 * });
 * const output = await workflow.run("Write about tide pools");
 * console.log(output.content);
 */
export class Workflow
  extends SessionComponent<WorkflowSession, WorkflowRunOutput, WorkflowChatInteraction>
  implements Component
{
  /** The options this workflow was built with (never mutated). */
  readonly options: WorkflowOptions;
  #sessionId: string | undefined;
  #steps: WorkflowStep[] | undefined;
  readonly #runs = new Map<string, WorkflowRunOutput>();
  readonly #finished: string[] = [];

  constructor(options: WorkflowOptions) {
    super(options.id, options.name);
    this.options = options;
    this.#sessionId = options.sessionId;
  }

  get name(): string | undefined {
    return this.options.name;
  }
  get description(): string | undefined {
    return this.options.description;
  }
  readonly kind = "workflow" as const;
  readonly [COMPONENT_BRAND] = "workflow" as const;
  /** The database its sessions and runs are stored in. */
  get db(): BaseDb | undefined {
    return this.options.db;
  }
  /** The session id runs use by default (the option, else the one made by the first run). */
  get sessionId(): string | undefined {
    return this.#sessionId;
  }

  /** The workflow's steps, normalized (agents and functions wrapped in Step); empty for a custom function. */
  get steps(): readonly WorkflowStep[] {
    const steps = this.options.steps;
    if (typeof steps === "function") return [];
    this.#steps ??= steps instanceof Steps ? steps.steps : toWorkflowSteps(steps);
    return this.#steps;
  }

  /**
   * Runs the workflow. Resolves to its output; with `{ stream: true }` returns an async generator
   * of events (content-level ones, or every event with `streamEvents: true`); with
   * `{ background: true }` resolves at once to a PENDING output and keeps running.
   */
  run(
    input: unknown,
    options: WorkflowRunOptions & { background: true },
  ): Promise<WorkflowRunOutput>;
  run(input: unknown, options: WorkflowRunOptions & { stream: true }): WorkflowRunStream;
  run(
    input: unknown,
    options?: WorkflowRunOptions & { stream?: false },
  ): Promise<WorkflowRunOutput>;
  run(input: unknown, options?: WorkflowRunOptions): WorkflowRunStream | Promise<WorkflowRunOutput>;
  run(
    input: unknown,
    options: WorkflowRunOptions = {},
  ): WorkflowRunStream | Promise<WorkflowRunOutput> {
    if (options.background) return this.runInBackground(input, options);
    const runId = options.runId ?? uuid();
    const stream = options.stream ?? false;
    const streamEvents = stream && (options.streamEvents ?? this.options.streamEvents ?? false);
    const events = this.execute(runId, input, options, { stream, streamEvents });
    if (stream) return this.view(runId, events, streamEvents);
    return drain(events);
  }

  /** Runs the workflow and prints its steps and final content to the terminal. */
  async printResponse(
    input: unknown,
    options: WorkflowPrintOptions = {},
  ): Promise<WorkflowRunOutput> {
    const { stream, showStepDetails, output, ...runOptions } = options;
    const runId = runOptions.runId ?? uuid();
    const events = this.execute(runId, input, runOptions, { stream: true, streamEvents: true });
    return printWorkflowRun(events, {
      input,
      stream: stream ?? this.options.stream ?? false,
      showStepDetails: showStepDetails ?? true,
      out: output ?? process.stdout,
    });
  }

  /**
   * Continuing a paused workflow run: workflows do not pause yet (no step asks for confirmation
   * or input), so this always throws, naming the feature.
   */
  continueRun(_options: { runId?: string; sessionId?: string }): Promise<WorkflowRunOutput> {
    return Promise.reject(
      new AgnoError(
        `Workflow "${this.label}": continuing paused workflow runs is not available yet (workflow steps do not pause).`,
        { code: "not_available", status: 501 },
      ),
    );
  }

  /**
   * Cancels a running workflow run (from any Workflow instance in this process): it stops between
   * steps and inside the running agent, and is stored with status CANCELLED. True when it was running.
   */
  cancelRun(runId: string, reason?: string): boolean {
    return cancelRegisteredRun(runId, reason);
  }

  /** A run by id: live (a running or recent background run), else from the db. */
  async getRun(runId: string, sessionId?: string): Promise<WorkflowRunOutput | null> {
    const live = this.#runs.get(runId);
    if (live) return live;
    const db = this.options.db;
    if (!db) return null;
    const id = sessionId ?? this.#sessionId;
    if (id) {
      const found = (await this.getSession(id))?.getRun(runId);
      if (found) return found;
      if (sessionId) return null;
    }
    const { items } = await db.getSessions({ sessionType: "workflow", componentId: this.id });
    for (const record of items) {
      const run = record.runs?.find((r) => r.run_id === runId);
      if (run) return WorkflowRunOutput.fromDict(run);
    }
    return null;
  }

  private async runInBackground(
    input: unknown,
    options: WorkflowRunOptions,
  ): Promise<WorkflowRunOutput> {
    const runId = options.runId ?? uuid();
    const prepared = await this.prepare(runId, input, options, true);
    await this.persist(prepared, false);
    this.#runs.set(runId, prepared.output);
    const events = this.execute(
      runId,
      input,
      options,
      { stream: false, streamEvents: false },
      prepared,
    );
    drain(events).catch((error) =>
      log.error(
        `Background run ${runId} of workflow "${this.label}" failed: ${toError(error).message}`,
      ),
    );
    return prepared.output;
  }

  private view(
    runId: string,
    events: AsyncGenerator<WorkflowStreamEvent, WorkflowRunOutput>,
    all: boolean,
  ): WorkflowRunStream {
    return streamView(runId, events, (e) => all || CONTENT_EVENTS.has(e.event));
  }

  private get label(): string {
    return this.name ?? this.id;
  }

  /** Validates the input, loads the session and builds the run's output (no events yet). */
  private async prepare(
    runId: string,
    input: unknown,
    options: WorkflowRunOptions,
    background: boolean,
  ): Promise<Prepared> {
    const o = this.options;
    const value = await validateRunInput(input, o.inputSchema, {
      kind: "workflow",
      name: this.label,
    });
    this.#sessionId ??= uuid();
    const sessionId = options.sessionId ?? this.#sessionId;
    const userId = options.userId ?? o.userId;
    const session = o.db ? await loadWorkflowSession(o.db, sessionId, userId, true) : null;
    const sessionState = structuredClone({
      ...(o.sessionState ?? {}),
      ...(session?.sessionState ?? {}),
      ...(options.sessionState ?? {}),
    });
    const metadata = { ...(o.metadata ?? {}), ...(options.metadata ?? {}) };
    const output = new WorkflowRunOutput({
      run_id: runId,
      input: value,
      workflow_id: this.id,
      ...(this.name !== undefined ? { workflow_name: this.name } : {}),
      session_id: sessionId,
      ...(userId !== undefined ? { user_id: userId } : {}),
      ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
      status: background ? RunStatus.pending : RunStatus.running,
    });
    return {
      input: value,
      sessionId,
      userId,
      session,
      sessionState,
      output,
      background,
      writes: Promise.resolve(),
    };
  }

  /**
   * A run of this workflow through the shared run lifecycle (`run/lifecycle.ts`): WorkflowStarted
   * and the steps, then one of its ends (WorkflowCompleted, WorkflowCancelled, WorkflowError, or
   * abandoned by the consumer), each stored.
   */
  private execute(
    runId: string,
    input: unknown,
    options: WorkflowRunOptions,
    mode: { stream: boolean; streamEvents: boolean },
    prepared?: Prepared,
  ): AsyncGenerator<WorkflowStreamEvent, WorkflowRunOutput> {
    const startedAt = performance.now();
    const debug = options.debugMode ?? this.options.debugMode ?? envDebug();
    const skip = new Set<string>(this.options.eventsToSkip ?? []);
    const storeEvents = this.options.storeEvents ?? false;
    type Run = { p: Prepared; ctx: ExecutionContext };
    const label = this.label;
    const persist = (p: Prepared, quiet: boolean) => this.persist(p, quiet);
    const record = (p: Prepared, event: WorkflowStreamEvent): WorkflowStreamEvent => {
      if (storeEvents && !skip.has(event.event)) {
        p.output.events ??= [];
        p.output.events.push(event);
      }
      return event;
    };
    const ended = (p: Prepared, status: RunStatus, content: string) => {
      const output = p.output;
      output.metrics = aggregateWorkflowMetrics(output.step_results, seconds(startedAt));
      output.status = status;
      output.content = content;
      output.content_type = "str";
    };
    return runLifecycle<Run, WorkflowStreamEvent, WorkflowRunOutput>({
      runId,
      signal: options.signal,
      prepare: async (signal) => {
        const p = prepared ?? (await this.prepare(runId, input, options, false));
        p.output.status = RunStatus.running;
        this.#runs.set(runId, p.output);
        if (p.background) this.queueWrite(p);
        return { p, ctx: executionContext(this, p, runId, signal, mode, debug) };
      },
      body: ({ p, ctx }) => through(this.runSteps(p, ctx, options, debug), (e) => record(p, e)),
      completed: async function* ({ p, ctx }) {
        const output = p.output;
        output.content_type = contentTypeOf(output.content);
        output.metrics = aggregateWorkflowMetrics(output.step_results, seconds(startedAt));
        output.status = RunStatus.completed;
        const completed = record(
          p,
          makeWorkflowEvent(ctx, "WorkflowCompleted", {
            content: output.content,
            content_type: output.content_type,
            step_results: output.step_results,
            step_executor_runs: output.step_executor_runs,
            metadata: output.metadata,
            metrics: output.metrics,
          }),
        );
        await persist(p, false);
        yield completed;
        if (debug) log.debug(`Workflow "${label}" run ${runId} completed`);
        return output;
      },
      cancelReason: (signal, error) => {
        const cause = signal.aborted ? signal.reason : error;
        if (typeof cause === "string") return cause;
        return cause instanceof Error ? cause.message : `Run ${runId} was cancelled`;
      },
      cancelled: async function* ({ p, ctx }, reason) {
        ended(p, RunStatus.cancelled, reason);
        const cancelled = record(
          p,
          makeWorkflowEvent(ctx, "WorkflowCancelled", { reason, content: reason }),
        );
        await persist(p, true);
        yield cancelled;
        return p.output;
      },
      failed: async function* ({ p, ctx }, err) {
        ended(p, RunStatus.error, err.message);
        log.error(`Run ${runId} of workflow "${label}" failed: ${err.message}`);
        const failed = record(
          p,
          makeWorkflowEvent(ctx, "WorkflowError", {
            error: err.message,
            error_type: AgnoError.isInstance(err) ? err.code : err.name || "Error",
          }),
        );
        await persist(p, true);
        yield failed;
        return p.output;
      },
      abandoned: async ({ p }) => {
        p.output.status = RunStatus.cancelled;
        p.output.content = `Run ${runId} was cancelled`;
        await persist(p, true);
      },
      cleanup: (run) => this.release(runId, run?.p.background ?? prepared?.background ?? false),
    });
  }

  /** WorkflowStarted, then the steps (or the custom function); sets the run's content and media. */
  private async *runSteps(
    p: Prepared,
    ctx: ExecutionContext,
    options: WorkflowRunOptions,
    debug: boolean,
  ): AsyncGenerator<WorkflowStreamEvent, void> {
    const output = p.output;
    if (debug) log.debug(`Workflow "${this.label}" run ${ctx.runId} started`);
    yield makeWorkflowEvent(ctx, "WorkflowStarted");
    const steps = this.options.steps;
    if (typeof steps === "function") {
      yield* this.runCustom(steps, p, ctx, options);
      return;
    }
    const result = yield* runSequence(this.steps, this.stepInput(p, options), ctx, {
      indexOf: (i) => i,
      topLevel: true,
      onOutput: (stepOutput) => {
        output.step_results.push(stepOutput);
        if (debug) log.debug(`Workflow step "${stepOutput.step_name}" finished`);
        if (p.background) {
          output.metrics = aggregateWorkflowMetrics(output.step_results, undefined);
          this.queueWrite(p);
        }
      },
    });
    const last = output.step_results.at(-1);
    output.content = last ? deepestContent(last) : "No steps executed";
    const media = result.input;
    if (media.images.length) output.images = media.images;
    if (media.videos.length) output.videos = media.videos;
    if (media.audio.length) output.audio = media.audio;
    if (media.files.length) output.files = media.files;
  }

  /** Runs a custom workflow function; its content becomes the run's content. */
  private async *runCustom(
    fn: CustomWorkflowFunction,
    p: Prepared,
    ctx: ExecutionContext,
    options: WorkflowRunOptions,
  ): AsyncGenerator<WorkflowStreamEvent, void> {
    const execution = new WorkflowExecutionInput({ input: p.input, ...runInputs(options) });
    ctx.run.content = yield* runCustomFunction(() => fn(this, execution, ctx.runContext), ctx);
  }

  private stepInput(p: Prepared, options: WorkflowRunOptions): StepInput {
    return new StepInput({ input: p.input, ...runInputs(options), workflow_session: p.session });
  }

  /** Forgets a finished run (background runs stay available to `getRun` for a while). */
  private release(runId: string, background: boolean): void {
    if (!background) {
      this.#runs.delete(runId);
      return;
    }
    this.#finished.push(runId);
    while (this.#finished.length > KEPT_BACKGROUND_RUNS) this.#runs.delete(this.#finished.shift()!);
  }

  // Storage

  /** `workflow_data` of the session row: `{ workflow_id, name, steps: [{ name, description, type }] }`. */
  workflowData(): Record<string, unknown> {
    const steps =
      typeof this.options.steps === "function"
        ? [
            {
              name: "Custom Function",
              description: "User-defined callable workflow",
              type: "Callable",
            },
          ]
        : this.steps.map(describeStep);
    return { workflow_id: this.id, ...(this.name !== undefined ? { name: this.name } : {}), steps };
  }

  /** Stores the run (atomically); a background run's earlier progress writes go first. */
  private async persist(p: Prepared, quiet: boolean): Promise<void> {
    const db = this.options.db;
    if (!db) return;
    await p.writes;
    try {
      const session = await this.store(db, p);
      p.session ??= session;
    } catch (error) {
      if (!quiet) throw error;
      log.error(`Could not store workflow run ${p.output.run_id}: ${toError(error).message}`);
    }
  }

  /** Queues a progress write of a background run. */
  private queueWrite(p: Prepared): void {
    const db = this.options.db;
    if (!db) return;
    p.writes = p.writes.then(() =>
      this.store(db, p).then(
        () => {},
        (error) =>
          log.warn(
            `Could not store the progress of run ${p.output.run_id}: ${toError(error).message}`,
          ),
      ),
    );
  }

  private store(db: BaseDb, p: Prepared) {
    return persistWorkflowRun(db, {
      output: p.output,
      workflowId: this.id,
      workflowData: this.workflowData(),
      sessionState: p.sessionState,
      ...(this.options.metadata ? { metadata: this.options.metadata } : {}),
    });
  }

  protected get componentLabel(): string {
    return `Workflow "${this.label}"`;
  }
  protected get sessionDb(): BaseDb | undefined {
    return this.options.db;
  }
  protected get currentSessionId(): string | undefined {
    return this.#sessionId;
  }
  protected get defaultUserId(): string | undefined {
    return this.options.userId;
  }
  protected loadSession(
    sessionId: string,
    userId: string | undefined,
    strict: boolean,
  ): Promise<WorkflowSession | null> {
    return loadWorkflowSession(this.requireDb("getSession"), sessionId, userId, strict);
  }
  protected sessionFromStored(record: SessionRecord): WorkflowSession {
    return new WorkflowSession(record);
  }
  protected blankSession(sessionId: string): WorkflowSession {
    return new WorkflowSession({
      session_id: sessionId,
      workflow_id: this.id,
      user_id: this.options.userId ?? null,
      workflow_data: this.workflowData(),
    });
  }
  protected chatHistoryOf(session: WorkflowSession, lastNRuns?: number): WorkflowChatInteraction[] {
    return session.getChatHistory(lastNRuns);
  }
  /** The steps' agent and team metrics, summed over the session's runs. */
  protected metricsOf(session: WorkflowSession): Metrics | null {
    const all = session.runs.flatMap((r) =>
      Object.values(r.metrics?.steps ?? {}).map((s) => s.metrics),
    );
    return sumMetrics(all);
  }
  /** `"<description or name> - <date time>"`. */
  protected async generateSessionName(): Promise<string> {
    const when = new Date().toISOString().slice(0, 16).replace("T", " ");
    const about = (this.description ?? this.name ?? "Workflow Session").slice(0, 40);
    return `${about} - ${when}`;
  }

  /** Completed runs of the session as `[input, output]` pairs. */
  async getWorkflowHistory(
    sessionId?: string,
    options: { numRuns?: number } = {},
  ): Promise<Array<[string, string]>> {
    return (await this.getSession(sessionId))?.getWorkflowHistory(options.numRuns) ?? [];
  }

  /** `{ id, name, description, steps, input_schema, metadata }` for discovery endpoints. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { id: this.id };
    if (this.name !== undefined) out.name = this.name;
    if (this.description !== undefined) out.description = this.description;
    out.steps = this.workflowData().steps;
    if (this.options.inputSchema) {
      try {
        out.input_schema = toJsonSchema(this.options.inputSchema);
      } catch {
        // not describable as JSON Schema
      }
    }
    if (this.options.metadata) out.metadata = this.options.metadata;
    return out;
  }
}

function seconds(startedAt: number): number {
  return (performance.now() - startedAt) / 1000;
}

/** The additional data and media of a run, as a workflow's first input carries them. */
function runInputs(options: WorkflowRunOptions) {
  return {
    ...(options.additionalData !== undefined ? { additional_data: options.additionalData } : {}),
    ...(options.images ? { images: options.images } : {}),
    ...(options.videos ? { videos: options.videos } : {}),
    ...(options.audio ? { audio: options.audio } : {}),
    ...(options.files ? { files: options.files } : {}),
  };
}

/** Passes a generator's events through `record`, returning its result. */
async function* through<T>(
  events: AsyncGenerator<WorkflowStreamEvent, T>,
  record: (event: WorkflowStreamEvent) => WorkflowStreamEvent,
): AsyncGenerator<WorkflowStreamEvent, T> {
  try {
    for (;;) {
      const next = await events.next();
      if (next.done) return next.value;
      yield record(next.value);
    }
  } finally {
    await events.return(undefined as never);
  }
}
