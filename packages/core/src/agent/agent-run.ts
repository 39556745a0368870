import type { SessionSummaryRecord } from "../db/types.js";
import { AgnoError, InputCheckError, OutputCheckError } from "../errors.js";
import { log } from "../logger.js";
import type { MemoryManager } from "../memory/memory-manager.js";
import type { SessionSummaryManager } from "../memory/session-summary.js";
import type { Model } from "../models/model.js";
import type { RunOutputEvent } from "../run/events.js";
import { runLifecycle } from "../run/lifecycle.js";
import type { RunOutput } from "../run/run-output.js";
import { RunStatus } from "../run/status.js";
import { retryDelayMs } from "../utils/sleep.js";
import type { AgentOptions, RunOptions } from "./options.js";
import { makeEvent, type RunState } from "./run-loop.js";

/** The run's `RunCompleted` (a team's `TeamRunCompleted`), from its output. */
function completedEvent(host: AgentRunHost, state: RunState): RunOutputEvent {
  const output = state.output;
  return makeEvent(state, "RunCompleted", {
    content: output.content,
    content_type: output.content_type,
    reasoning_content: output.reasoning_content,
    model_provider_data: output.model_provider_data,
    metadata: output.metadata,
    metrics: output.metrics,
    session_state: output.session_state,
    ...host.completedExtras(output),
  });
}

/** What a run's lifecycle needs of its agent (or team). */
export interface AgentRunHost {
  readonly options: AgentOptions<any>;
  readonly id: string;
  /** The name, else the id: for messages. */
  label(): string;
  finishRun(state: RunState): Promise<void>;
  persist(state: RunState, quiet?: boolean): Promise<void>;
  completedExtras(output: RunOutput<any>): Record<string, unknown>;
  memoryManager(model?: Model): MemoryManager;
  summaryManager(model: Model): SessionSummaryManager;
}

/**
 * A run of this agent through the shared run lifecycle (`run/lifecycle.ts`): the body, then one
 * of its ends (completed or paused, cancelled, failed, abandoned by the consumer).
 */
export function executeAgentRun(
  host: AgentRunHost,
  runId: string,
  options: RunOptions<any>,
  body: (state: RunState) => AsyncGenerator<RunOutputEvent, void>,
  prepare: () => Promise<RunState>,
): AsyncGenerator<RunOutputEvent, RunOutput<any>> {
  const o = host.options;
  const storeEvents = o.storeEvents ?? false;
  const skip = new Set<string>(o.eventsToSkip ?? ["RunContent"]);
  const record = (state: RunState, event: RunOutputEvent): RunOutputEvent => {
    if (storeEvents && !skip.has(event.event)) {
      state.output.events ??= [];
      state.output.events.push(event);
    }
    return event;
  };
  let snapshot: Snapshot | undefined;
  const label = () => host.label();
  /** Final metrics, state and status, then the kind's end-of-run work. */
  const finish = async (state: RunState, status: RunStatus) => {
    const output = state.output;
    finalizeMetrics(state);
    output.session_state = state.runContext.sessionState;
    output.status = status;
    await host.finishRun(state);
  };
  const ended = async (state: RunState, status: RunStatus) => {
    await finish(state, status);
    await host.persist(state, true);
  };
  return runLifecycle<RunState, RunOutputEvent, RunOutput<any>>({
    runId,
    signal: options.signal,
    prepare: async (signal) => {
      const state = await prepare();
      state.signal = signal;
      snapshot = snapshotOf(state.output);
      return state;
    },
    body: async function* (state) {
      for await (const event of body(state)) yield record(state, event);
    },
    retry: {
      attempts: 1 + Math.max(0, options.retries ?? o.retries ?? 0),
      retryable: (error) =>
        !InputCheckError.isInstance(error) && !OutputCheckError.isInstance(error),
      delayMs: (attempt) =>
        retryDelayMs(attempt, o.delayBetweenRetries ?? 1, o.exponentialBackoff ?? false),
      reset: (state) => {
        if (snapshot) restore(state.output, snapshot);
        state.toolCallCount = 0;
      },
    },
    completed: (state) => completeRun(host, state, (event) => record(state, event)),
    cancelled: async function* (state, reason) {
      const output = state.output;
      if (output.content === undefined || output.content === null || output.content === "")
        output.content = reason;
      await finish(state, RunStatus.cancelled);
      // As the reference: RunCancelled, then RunCompleted, both stored with the run.
      const cancelled = record(
        state,
        makeEvent(state, "RunCancelled", { reason, content: output.content }),
      );
      const completed = record(state, completedEvent(host, state));
      await host.persist(state, true);
      yield cancelled;
      yield completed;
      return output;
    },
    failed: async function* (state, err) {
      const output = state.output;
      output.content = err.message;
      await ended(state, RunStatus.error);
      log.error(`Run ${runId} of agent "${label()}" failed: ${err.message}`);
      const extra: Record<string, unknown> = { content: err.message, error_type: errorType(err) };
      if (InputCheckError.isInstance(err) || OutputCheckError.isInstance(err))
        extra.error_id = err.checkTrigger;
      yield makeEvent(state, "RunError", extra);
      return output;
    },
    abandoned: (state) => ended(state, RunStatus.cancelled),
  });
}

/** A run's completed (or paused) end: final metrics, after-run work, `RunCompleted`, storage. */
async function* completeRun(
  host: AgentRunHost,
  state: RunState,
  record: (event: RunOutputEvent) => RunOutputEvent,
): AsyncGenerator<RunOutputEvent, RunOutput<any>> {
  const output = state.output;
  finalizeMetrics(state);
  output.session_state = state.runContext.sessionState;
  if (output.status !== RunStatus.paused) output.status = RunStatus.completed;
  await host.finishRun(state);
  // Memories and summaries read the stored session, so it is written before them; otherwise
  // the run is written once, with RunCompleted among its events.
  const afterWork = output.status === RunStatus.completed && hasAfterRunWork(host.options);
  if (afterWork) {
    await host.persist(state);
    for await (const event of afterRun(host, state)) yield record(event);
  }
  const completed =
    output.status === RunStatus.paused ? undefined : record(completedEvent(host, state));
  if (!afterWork || host.options.storeEvents) await host.persist(state);
  if (completed) {
    yield completed;
    await saveResponse(host, output);
  }
  if (host.options.storeMedia === false && output.input) {
    output.input = { input_content: output.input.input_content };
  }
  return output;
}

/** True when a completed run is followed by memory or summary work. */
function hasAfterRunWork(o: AgentOptions<any>): boolean {
  return (
    !!o.db && ((!!o.enableUserMemories && !o.enableAgenticMemory) || !!o.enableSessionSummaries)
  );
}

/** Memories and summaries after a completed run, with their events. */
async function* afterRun(host: AgentRunHost, state: RunState): AsyncGenerator<RunOutputEvent> {
  const o = host.options;
  if (!o.db) return;
  if (o.enableUserMemories && !o.enableAgenticMemory) {
    yield makeEvent(state, "MemoryUpdateStarted");
    try {
      const messages = (state.output.messages ?? []).filter(
        (m) => m.role === "user" && !m.from_history,
      );
      await host.memoryManager(state.model).createUserMemories({
        messages,
        agentId: host.id,
        ...(state.output.user_id !== undefined ? { userId: state.output.user_id } : {}),
      });
    } catch (error) {
      log.warn(`Memory update of run ${state.output.run_id} failed: ${(error as Error).message}`);
    }
    yield makeEvent(state, "MemoryUpdateCompleted");
  }
  if (o.enableSessionSummaries && state.session) {
    yield makeEvent(state, "SessionSummaryStarted");
    let summary: SessionSummaryRecord | null = null;
    try {
      summary = await host.summaryManager(state.model).createSessionSummary(state.session);
      if (summary) {
        await o.db.updateSessionFields(state.session.session_id, { summary });
        state.session.summary = summary;
      }
    } catch (error) {
      log.warn(`Session summary of ${state.output.session_id} failed: ${(error as Error).message}`);
    }
    yield makeEvent(state, "SessionSummaryCompleted", summary ? { session_summary: summary } : {});
  }
}

async function saveResponse(host: AgentRunHost, output: RunOutput<any>): Promise<void> {
  const template = host.options.saveResponseToFile;
  if (!template) return;
  const path = template
    .replaceAll("{name}", host.label())
    .replaceAll("{session_id}", output.session_id ?? "")
    .replaceAll("{user_id}", output.user_id ?? "")
    .replaceAll("{run_id}", output.run_id ?? "");
  try {
    const { mkdir, writeFile } = await import("node:fs/promises");
    const { dirname } = await import("node:path");
    await mkdir(dirname(path), { recursive: true });
    const content =
      typeof output.content === "string" ? output.content : JSON.stringify(output.content, null, 2);
    await writeFile(path, content ?? "");
  } catch (error) {
    log.warn(`Could not save the response to ${path}: ${(error as Error).message}`);
  }
}

function errorType(error: Error): string {
  if (InputCheckError.isInstance(error)) return "input_check_error";
  if (OutputCheckError.isInstance(error)) return "output_check_error";
  if (AgnoError.isInstance(error)) return error.code;
  return error.name || "Error";
}

function finalizeMetrics(state: RunState): void {
  const output = state.output;
  const metrics = { ...(output.metrics ?? {}) };
  metrics.duration = (output.metrics?.duration ?? 0) + (performance.now() - state.startedAt) / 1000;
  if (state.firstTokenAt !== undefined && metrics.time_to_first_token === undefined) {
    metrics.time_to_first_token = (state.firstTokenAt - state.startedAt) / 1000;
  }
  output.metrics = metrics;
}

type Snapshot = Pick<
  RunOutput<any>,
  "content" | "messages" | "tools" | "metrics" | "status" | "events"
>;

function snapshotOf(output: RunOutput<any>): Snapshot {
  return {
    content: output.content,
    messages: output.messages ? [...output.messages] : undefined,
    tools: output.tools ? [...output.tools] : undefined,
    metrics: output.metrics ? { ...output.metrics } : undefined,
    status: output.status,
    events: output.events ? [...output.events] : undefined,
  } as Snapshot;
}

function restore(output: RunOutput<any>, snapshot: Snapshot): void {
  Object.assign(output, snapshot);
}
