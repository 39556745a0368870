import type { RunOwner } from "../routers/run-owners.js";

/** How a buffered run ended, or `running` while it goes on. */
export type BufferedRunStatus = "running" | "completed" | "error" | "cancelled" | "paused";

/** One event of a run, with its 0-based position among the run's events. */
export interface BufferedEvent {
  index: number;
  event: Record<string, unknown>;
}

/** What a buffer holds of one run, from some index on. */
export interface BufferedRun {
  owner: RunOwner;
  status: BufferedRunStatus;
  /** Events the run has produced so far (held or trimmed). */
  total: number;
  /** The held events after the asked index, in order (the oldest may have been trimmed). */
  events: BufferedEvent[];
}

/** Told of each new event of a run, and once when the run ended. */
export interface RunEventListener {
  event(event: BufferedEvent): void;
  end(status: BufferedRunStatus): void;
}

/**
 * Where AgentOS keeps the events of the runs it streams, so that a client that lost its stream
 * can resume it (`POST .../runs/{run_id}/resume`). A run's events are numbered from 0 in the order
 * they were appended; an implementation may trim the oldest and forget a run some time after it
 * ended. The in-memory one is {@link MemoryRunEventBuffer}; a shared one (Redis) implements the
 * same methods.
 */
export interface RunEventBuffer {
  /** Starts (or restarts) the buffer of a run. */
  open(runId: string, owner: RunOwner): void | Promise<void>;
  /** Appends one event; resolves to its index. */
  append(runId: string, event: Record<string, unknown>): number | Promise<number>;
  /** The run's status and its held events with an index above `afterIndex`; undefined if unknown. */
  read(
    runId: string,
    afterIndex: number,
  ): BufferedRun | undefined | Promise<BufferedRun | undefined>;
  /** Listens to the run's new events until it ends; returns the function that stops listening. */
  subscribe(runId: string, listener: RunEventListener): () => void;
  /** Marks the run ended: listeners are told, and the run is kept for the grace period. */
  finish(runId: string, status: Exclude<BufferedRunStatus, "running">): void | Promise<void>;
}

/** Caps of a run event buffer (the `runEvents` option of AgentOS). */
export interface RunEventBufferOptions {
  /** Events held per run; the oldest are trimmed first. @default 1000 */
  maxEvents?: number;
  /** Bytes of event JSON held per run; the oldest events are trimmed first. @default 5 MiB */
  maxBytes?: number;
  /** Seconds a run stays buffered after it ended. @default 3600 */
  graceSeconds?: number;
  /** Runs buffered at most; the oldest ended runs are forgotten first. @default 10000 */
  maxRuns?: number;
}

/** The defaults of {@link RunEventBufferOptions}. */
export const DEFAULT_RUN_EVENT_BUFFER: Readonly<Required<RunEventBufferOptions>> = {
  maxEvents: 1000,
  maxBytes: 5 * 1024 * 1024,
  graceSeconds: 3600,
  maxRuns: 10_000,
};

interface Entry {
  owner: RunOwner;
  status: BufferedRunStatus;
  events: Array<BufferedEvent & { bytes: number }>;
  bytes: number;
  total: number;
  endedAt?: number;
  listeners: Set<RunEventListener>;
}

const encoder = new TextEncoder();

/** A {@link RunEventBuffer} in this process's memory. */
export class MemoryRunEventBuffer implements RunEventBuffer {
  readonly options: Readonly<Required<RunEventBufferOptions>>;
  readonly #runs = new Map<string, Entry>();
  readonly #now: () => number;

  /** `now` (milliseconds) is the clock of the grace period. */
  constructor(options: RunEventBufferOptions = {}, now: () => number = Date.now) {
    this.options = { ...DEFAULT_RUN_EVENT_BUFFER, ...definedOnly(options) };
    this.#now = now;
  }

  open(runId: string, owner: RunOwner): void {
    const previous = this.#runs.get(runId);
    if (previous) for (const l of previous.listeners) l.end(previous.status);
    this.#runs.delete(runId);
    this.#runs.set(runId, {
      owner,
      status: "running",
      events: [],
      bytes: 0,
      total: 0,
      listeners: new Set(),
    });
    this.#prune();
  }

  append(runId: string, event: Record<string, unknown>): number {
    const entry = this.#runs.get(runId);
    if (!entry) return -1;
    const index = entry.total++;
    const bytes = encoder.encode(JSON.stringify(event)).byteLength;
    entry.events.push({ index, event, bytes });
    entry.bytes += bytes;
    const { maxEvents, maxBytes } = this.options;
    while (entry.events.length > maxEvents || (entry.bytes > maxBytes && entry.events.length > 0)) {
      entry.bytes -= (entry.events.shift() as { bytes: number }).bytes;
    }
    for (const l of entry.listeners) l.event({ index, event });
    return index;
  }

  read(runId: string, afterIndex: number): BufferedRun | undefined {
    this.#prune();
    const entry = this.#runs.get(runId);
    if (!entry) return undefined;
    const events = entry.events
      .filter((e) => e.index > afterIndex)
      .map(({ index, event }) => ({ index, event }));
    return { owner: entry.owner, status: entry.status, total: entry.total, events };
  }

  subscribe(runId: string, listener: RunEventListener): () => void {
    const entry = this.#runs.get(runId);
    if (!entry || entry.status !== "running") {
      listener.end(entry?.status ?? "completed");
      return () => {};
    }
    entry.listeners.add(listener);
    return () => entry.listeners.delete(listener);
  }

  finish(runId: string, status: Exclude<BufferedRunStatus, "running">): void {
    const entry = this.#runs.get(runId);
    if (!entry || entry.status !== "running") return;
    entry.status = status;
    entry.endedAt = this.#now();
    // Re-inserted: ended runs are then in the order they ended.
    this.#runs.delete(runId);
    this.#runs.set(runId, entry);
    for (const l of entry.listeners) l.end(status);
    entry.listeners.clear();
    this.#prune();
  }

  /** Runs currently buffered (running, or ended within the grace period). */
  get size(): number {
    this.#prune();
    return this.#runs.size;
  }

  #prune(): void {
    const graceMs = this.options.graceSeconds * 1000;
    const now = this.#now();
    let excess = this.#runs.size - this.options.maxRuns;
    for (const [runId, entry] of this.#runs) {
      if (entry.endedAt === undefined) continue;
      if (excess > 0 || now - entry.endedAt >= graceMs) {
        this.#runs.delete(runId);
        excess--;
      }
    }
  }
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(options).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}

/**
 * How a run ended, from the name of its last event (`TeamRunCancelled`, `WorkflowError`...); a
 * stream that ends on anything else completed (content-only streams have no `RunCompleted`).
 */
export function statusOfLastEvent(name: unknown): Exclude<BufferedRunStatus, "running"> {
  const text = typeof name === "string" ? name : "";
  if (/(Error)$/.test(text)) return "error";
  if (/(Cancelled)$/.test(text)) return "cancelled";
  if (/(Paused)$/.test(text)) return "paused";
  return "completed";
}
