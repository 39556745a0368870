import { type RemoteRunOutput, RemoteWorkflowRunOutput } from "./run-output.js";
import { RunStatus, type ToolExecution } from "./wire/parts.js";

type Dict = Record<string, unknown>;

/** Folds a stream's events into the run's output (what a non-streamed run would answer). */
export interface OutputBuilder<TOutput> {
  /** The run's id, once an event named it. */
  readonly runId: string | undefined;
  readonly sessionId: string | undefined;
  /** True once the terminal event (completed, error, cancelled, paused) was seen. */
  readonly finished: boolean;
  add(event: Dict): void;
  /** Marks the run completed (a clean end of a stream without a terminal event). */
  complete(): void;
  build(): TOutput;
}

/** Event fields that are not fields of the run's output. */
const EVENT_ONLY = new Set(["event", "created_at", "nested_depth", "event_index"]);
const ERROR_FIELDS = ["error_type", "error_id", "additional_data"] as const;

/** What both builders share: the run's ids, its output, and the terminal events' fields. */
abstract class EventFolder<TOutput extends object> implements OutputBuilder<TOutput> {
  runId: string | undefined;
  sessionId: string | undefined;
  finished = false;
  readonly #result: TOutput;
  /** The output being built, as a dict. */
  protected readonly output: Dict;

  protected constructor(output: TOutput) {
    this.#result = output;
    this.output = output as unknown as Dict;
  }

  abstract add(event: Dict): void;

  complete(): void {
    this.finished = true;
    const o = this.output;
    if (o.status === RunStatus.running || o.status === RunStatus.pending)
      o.status = RunStatus.completed;
  }

  build(): TOutput {
    return this.#result;
  }

  /** Whether an event naming `runId` belongs to this run (the first one named it). */
  protected ownRun(runId: unknown): boolean {
    return runId === undefined || this.runId === undefined || runId === this.runId;
  }

  /** Copies the run's id and the event's id fields (the first value of each wins). */
  protected takeIds(event: Dict, keys: readonly string[]): void {
    const o = this.output;
    if (this.runId) o.run_id = this.runId;
    for (const key of keys) {
      const v = event[key];
      if (typeof v === "string" && v) o[key] ??= v;
    }
    if (typeof o.session_id === "string") this.sessionId = o.session_id;
  }

  /** Copies a terminal event's fields onto the output (`skip` kept out too). */
  protected takeFields(event: Dict, skip?: string): void {
    for (const [key, v] of Object.entries(event)) {
      if (EVENT_ONLY.has(key) || key === skip || v === undefined || v === null) continue;
      this.output[key] = v;
    }
  }

  /** Marks the run failed with `message`, keeping the event's error details. */
  protected fail(event: Dict, message: unknown): void {
    this.finished = true;
    this.output.status = RunStatus.error;
    this.output.content = message;
    for (const key of ERROR_FIELDS) if (event[key] !== undefined) this.output[key] = event[key];
  }
}

const RUN_ID_FIELDS = [
  "agent_id",
  "agent_name",
  "team_id",
  "team_name",
  "session_id",
  "parent_run_id",
  "workflow_id",
];

/**
 * Builds an agent's or a team's output from its events. A team stream also carries its members'
 * events (their own run ids, names without the `Team` prefix): those are not the team's output.
 */
export class RunOutputBuilder<TOutput extends RemoteRunOutput<any>> extends EventFolder<TOutput> {
  readonly #prefix: "" | "Team";
  #text = "";
  #structured: unknown;
  #sawDelta = false;
  #final = false;

  constructor(kind: "agent" | "team", output: TOutput) {
    super(output);
    this.#prefix = kind === "team" ? "Team" : "";
  }

  add(event: Dict): void {
    const full = String(event.event ?? "");
    const isTeamEvent = full.startsWith("Team");
    if ((this.#prefix === "Team") !== isTeamEvent) return;
    const name = isTeamEvent ? full.slice(4) : full;
    const runId = typeof event.run_id === "string" ? event.run_id : undefined;
    if (this.runId === undefined && runId) this.runId = runId; // the first own event names the run
    if (!this.ownRun(runId)) return;
    this.takeIds(event, RUN_ID_FIELDS);
    const o = this.output;
    switch (name) {
      case "RunStarted":
        if (typeof event.model === "string") o.model = event.model;
        if (typeof event.model_provider === "string") o.model_provider = event.model_provider;
        if (typeof event.created_at === "number") o.created_at = event.created_at;
        break;
      case "RunContent":
        if (event.content === undefined || event.content === null) break;
        this.#sawDelta = true;
        if (typeof event.content === "string") this.#text += event.content;
        else this.#structured = event.content;
        if (typeof event.content_type === "string") o.content_type = event.content_type;
        break;
      case "ToolCallCompleted":
      case "ToolCallError":
        if (event.tool) o.tools = [...((o.tools as ToolExecution[]) ?? []), event.tool];
        break;
      case "RunCompleted":
        this.finished = true;
        if (o.status !== RunStatus.cancelled && o.status !== RunStatus.error)
          o.status = RunStatus.completed;
        this.takeFields(event);
        if ("content" in event) this.#final = true;
        break;
      case "RunPaused":
        this.finished = true;
        o.status = RunStatus.paused;
        if (Array.isArray(event.tools)) o.tools = event.tools as ToolExecution[];
        if (event.requirements !== undefined) o.requirements = event.requirements;
        break;
      case "RunCancelled":
        this.finished = true;
        o.status = RunStatus.cancelled;
        if (typeof event.reason === "string" && !this.#sawDelta) {
          o.content = event.reason;
          this.#final = true;
        }
        break;
      case "RunError":
        this.fail(event, event.content);
        this.#final = true;
        break;
    }
  }

  override build(): TOutput {
    if (!this.#final && this.#sawDelta) this.output.content = this.#structured ?? this.#text;
    return super.build();
  }
}

/** Builds a workflow's output from its events (the final `WorkflowCompleted` carries most). */
export class WorkflowOutputBuilder extends EventFolder<RemoteWorkflowRunOutput> {
  #snapshot: Dict | undefined;

  constructor() {
    super(new RemoteWorkflowRunOutput({ status: RunStatus.running }));
  }

  add(event: Dict): void {
    const name = String(event.event ?? "");
    if (name === "WorkflowRunOutput") {
      // The legacy snapshot after a paused stream: the whole run dict.
      this.#snapshot = event;
      return;
    }
    const own =
      name.startsWith("Workflow") ||
      (this.runId !== undefined && event.run_id === this.runId && !("agent_id" in event));
    if (!own) return;
    if (name === "WorkflowStarted" && this.runId === undefined && typeof event.run_id === "string")
      this.runId = event.run_id;
    if (!this.ownRun(event.run_id)) return;
    this.takeIds(event, ["workflow_id", "workflow_name", "session_id"]);
    const o = this.output;
    switch (name) {
      case "WorkflowStarted":
        if (typeof event.created_at === "number") o.created_at = event.created_at;
        break;
      case "WorkflowCompleted":
      case "WorkflowPaused":
        this.finished = true;
        o.status = name === "WorkflowCompleted" ? RunStatus.completed : RunStatus.paused;
        this.takeFields(event, "status");
        break;
      case "WorkflowCancelled":
        this.finished = true;
        o.status = RunStatus.cancelled;
        o.content = event.content ?? event.reason;
        break;
      case "WorkflowError":
        this.fail(event, event.error ?? event.content);
        break;
    }
  }

  override build(): RemoteWorkflowRunOutput {
    const output = super.build();
    if (!this.#snapshot) return output;
    const { event: _event, ...rest } = this.#snapshot;
    return new RemoteWorkflowRunOutput({ ...output.toDict(), ...rest });
  }
}
