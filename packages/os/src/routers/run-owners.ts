import type { ComponentType } from "../registry.js";

/** Who a run started through AgentOS belongs to. */
export interface RunOwner {
  kind: ComponentType;
  componentId: string;
  sessionId: string;
  /** The user the run acts for (the verified one under authorization); none for anonymous runs. */
  userId?: string;
}

/** The owner of a run of `componentId` in `sessionId`, for `userId` (none for anonymous runs). */
export function runOwner(
  kind: ComponentType,
  componentId: string,
  sessionId: string,
  userId: string | undefined,
): RunOwner {
  return { kind, componentId, sessionId, ...(userId !== undefined ? { userId } : {}) };
}

/** How long a finished run's owner is remembered, so a late cancel is answered, not 404. */
const KEEP_FINISHED_MS = 10 * 60 * 1000;
/** Finished runs remembered at most (the oldest are forgotten first). */
const MAX_FINISHED = 10_000;

/**
 * The owners of the runs this process started (in flight, and recently finished), by run id:
 * cancel and continue check the owner kept here, never a session id the caller names.
 */
class RunOwnerRegistry {
  readonly #live = new Map<string, RunOwner>();
  readonly #finished = new Map<string, { owner: RunOwner; at: number }>();

  /** Records a run as in flight; call the returned function once it ended. */
  track(runId: string, owner: RunOwner): () => void {
    this.#live.set(runId, owner);
    this.#finished.delete(runId);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (this.#live.get(runId) !== owner) return;
      this.#live.delete(runId);
      this.#finished.set(runId, { owner, at: Date.now() });
      this.#prune();
    };
  }

  /** The owner of a run in flight or finished a short while ago. */
  get(runId: string): { owner: RunOwner; live: boolean } | undefined {
    const live = this.#live.get(runId);
    if (live) return { owner: live, live: true };
    const finished = this.#finished.get(runId);
    if (finished && Date.now() - finished.at < KEEP_FINISHED_MS) {
      return { owner: finished.owner, live: false };
    }
    return undefined;
  }

  #prune(): void {
    const now = Date.now();
    // Map order is insertion order: the oldest finished runs come first.
    for (const [runId, { at }] of this.#finished) {
      if (this.#finished.size <= MAX_FINISHED && now - at < KEEP_FINISHED_MS) break;
      this.#finished.delete(runId);
    }
  }
}

/** Process-wide, like the run cancellation registry of `@agno/core`. */
export const runOwners = new RunOwnerRegistry();
