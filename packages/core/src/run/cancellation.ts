/**
 * Process-wide registry of running runs, so that `cancelRun(runId)` works from any agent instance
 * (for example a fresh one built per request by a factory).
 */
const running = new Map<string, AbortController>();
/** Cancellations requested before the run registered (a cancel racing the start). */
const early = new Map<string, string | undefined>();

/** Registers a run; the returned controller aborts when the run is cancelled. */
export function registerRun(runId: string): AbortController {
  const controller = new AbortController();
  running.set(runId, controller);
  if (early.has(runId)) {
    controller.abort(early.get(runId));
    early.delete(runId);
  }
  return controller;
}

/** Forgets a finished run. */
export function unregisterRun(runId: string): void {
  running.delete(runId);
  early.delete(runId);
}

/**
 * Cancels a running run. Returns true when the run was running here; otherwise remembers the
 * request briefly, in case the run is about to start, and returns false.
 */
export function cancelRun(runId: string, reason?: string): boolean {
  const controller = running.get(runId);
  if (controller) {
    controller.abort(reason ?? `Run ${runId} was cancelled`);
    return true;
  }
  early.set(runId, reason);
  setTimeout(() => early.delete(runId), 60_000).unref?.();
  return false;
}

/** True while the run is registered. */
export function isRunActive(runId: string): boolean {
  return running.has(runId);
}
