import { RunCancelledError, toError } from "../errors.js";
import { log } from "../logger.js";
import { sleep } from "../utils/sleep.js";
import { registerRun, unregisterRun } from "./cancellation.js";

/**
 * One run of any kind of component (agent, team, workflow), as its kind describes it: how to
 * prepare it, its body, and its four ends. {@link runLifecycle} does the rest, once for every
 * kind: registration for `cancelRun`, the caller's abort signal, retries, telling a cancellation
 * from a failure, and the consumer that stops reading.
 */
export interface RunLifecycle<S, E, O> {
  runId: string;
  /** The caller's signal: aborting it cancels the run. */
  signal?: AbortSignal | undefined;
  /** Builds the run's state; `signal` aborts when the run is cancelled. A throw here ends the run with it. */
  prepare(signal: AbortSignal): Promise<S>;
  /** The run's work, yielding its events. */
  body(state: S): AsyncGenerator<E, void>;
  /** Attempts of the body after a failure (cancellations are never retried). */
  retry?: {
    attempts: number;
    /** False for failures that must not be retried (a guardrail's refusal). */
    retryable(error: unknown): boolean;
    delayMs(attempt: number): number;
    /** Puts the state back as it was before the first attempt. */
    reset(state: S): void;
  };
  /** The body finished: final output, events and storage. A throw here fails the run. */
  completed(state: S): AsyncGenerator<E, O>;
  /** The run was cancelled (`reason` says by what). */
  cancelled(state: S, reason: string): AsyncGenerator<E, O>;
  /** The run failed. */
  failed(state: S, error: Error): AsyncGenerator<E, O>;
  /** The consumer stopped reading before the end: the run is stopped and stored as cancelled. */
  abandoned(state: S): Promise<void>;
  /** Runs last, however the run ended. */
  cleanup?(state: S | undefined): void;
  /** The reason of a cancellation from the run's signal and what was thrown. @default the signal's reason */
  cancelReason?(signal: AbortSignal, error: unknown): string;
}

/** The reason of a cancelled run: the abort reason, else the default text. */
function defaultReason(runId: string) {
  return (signal: AbortSignal): string => {
    const reason = signal.reason;
    return typeof reason === "string" ? reason : `Run ${runId} was cancelled`;
  };
}

/** Runs one run through its lifecycle: its events, then its output. */
export async function* runLifecycle<S, E, O>(run: RunLifecycle<S, E, O>): AsyncGenerator<E, O> {
  const { runId } = run;
  const controller = registerRun(runId);
  const onAbort = () => controller.abort(run.signal?.reason ?? `Run ${runId} was cancelled`);
  run.signal?.addEventListener("abort", onAbort, { once: true });
  if (run.signal?.aborted) onAbort();
  let state: S | undefined;
  let finished = false;
  try {
    state = await run.prepare(controller.signal);
    const attempts = run.retry ? Math.max(1, run.retry.attempts) : 1;
    for (let attempt = 0; ; attempt++) {
      try {
        yield* run.body(state);
        break;
      } catch (error) {
        if (controller.signal.aborted || RunCancelledError.isInstance(error)) throw error;
        if (!run.retry || attempt + 1 >= attempts || !run.retry.retryable(error)) throw error;
        log.warn(
          `Run ${runId} attempt ${attempt + 1} of ${attempts} failed: ${toError(error).message}. Retrying.`,
        );
        await sleep(run.retry.delayMs(attempt), controller.signal);
        run.retry.reset(state);
      }
    }
    if (controller.signal.aborted) throw new RunCancelledError(runId);
    const output = yield* run.completed(state);
    finished = true;
    return output;
  } catch (error) {
    if (state === undefined) throw error;
    let output: O;
    if (controller.signal.aborted || RunCancelledError.isInstance(error)) {
      const reason = run.cancelReason
        ? run.cancelReason(controller.signal, error)
        : defaultReason(runId)(controller.signal);
      output = yield* run.cancelled(state, reason);
    } else {
      output = yield* run.failed(state, toError(error));
    }
    finished = true;
    return output;
  } finally {
    run.signal?.removeEventListener("abort", onAbort);
    if (!finished && state !== undefined) {
      controller.abort(`Run ${runId} was cancelled`);
      await run.abandoned(state);
    }
    unregisterRun(runId);
    run.cleanup?.(state);
  }
}

/** A streamed run: its events, with the run id and a promise of its output. */
export type RunStream<E, O> = AsyncGenerator<E, void, unknown> & {
  readonly runId: string;
  readonly output: Promise<O>;
};

/**
 * The stream a caller reads: the run's events that `keep` lets through, and the output once the
 * run ended. Leaving the stream early stops the run (it is stored as cancelled).
 */
export function streamView<E, O>(
  runId: string,
  events: AsyncGenerator<E, O>,
  keep: (event: E) => boolean,
  onDone?: (output: O) => void,
): RunStream<E, O> {
  let settle!: { resolve: (o: O) => void; reject: (e: unknown) => void };
  const output = new Promise<O>((resolve, reject) => {
    settle = { resolve, reject };
  });
  output.catch(() => {});
  async function* view(): AsyncGenerator<E, void, unknown> {
    try {
      for (;;) {
        let next: IteratorResult<E, O>;
        try {
          next = await events.next();
        } catch (error) {
          settle.reject(error);
          throw error;
        }
        if (next.done) {
          onDone?.(next.value);
          settle.resolve(next.value);
          return;
        }
        if (keep(next.value)) yield next.value;
      }
    } finally {
      await events.return(undefined as never);
    }
  }
  return Object.assign(view(), { runId, output });
}

/** Runs the events to their end; resolves to the output. */
export async function drain<O>(events: AsyncGenerator<unknown, O>): Promise<O> {
  for (;;) {
    const next = await events.next();
    if (next.done) return next.value;
  }
}
