import type {
  Message,
  Metrics,
  RunOutputEvent,
  RunStatus,
  ToolExecution,
  WorkflowStreamEvent,
} from "@agno/core";

type Dict = Record<string, unknown>;

/** The wire's statuses (`RunStatus` of `@agno/core`). */
const STATUS = {
  pending: "PENDING",
  running: "RUNNING",
  completed: "COMPLETED",
  paused: "PAUSED",
  cancelled: "CANCELLED",
  error: "ERROR",
} as const satisfies Record<string, RunStatus>;

/** Event fields that are not fields of the run's output. */
const EVENT_ONLY = new Set(["event", "created_at", "nested_depth", "event_index"]);

function wireDict(value: object): Dict {
  const out: Dict = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[key] = v;
  }
  return JSON.parse(JSON.stringify(out));
}

/**
 * The output of a remote agent run, as the AgentOS sent it (`RunOutput.to_dict()`): the same
 * snake_case fields as `RunOutput` of `@agno/core`, so it can stand in for one (a remote member
 * of a local team, a remote agent in a workflow step). Media stay as their wire dicts.
 */
export class RemoteRunOutput<TContent = unknown> {
  run_id?: string;
  agent_id?: string;
  agent_name?: string;
  session_id?: string;
  parent_run_id?: string;
  workflow_id?: string;
  workflow_step_id?: string;
  user_id?: string;
  /** The answer: text, or the structured object of an output schema. */
  content?: TContent | null;
  /** `"str"` for text, else the output schema's name. */
  content_type = "str";
  reasoning_content?: string;
  reasoning_steps?: unknown[];
  reasoning_messages?: Message[];
  model?: string;
  model_provider?: string;
  messages?: Message[];
  metrics?: Metrics;
  additional_input?: Message[];
  tools?: ToolExecution[];
  images?: any[];
  videos?: any[];
  audio?: any[];
  files?: any[];
  response_audio?: any;
  input?: any;
  citations?: unknown;
  model_provider_data?: unknown;
  references?: unknown[];
  metadata?: Dict;
  session_state?: Dict;
  /** Epoch seconds. */
  created_at: number = Math.floor(Date.now() / 1000);
  events?: RunOutputEvent[];
  status: RunStatus = STATUS.running;

  constructor(init: Dict = {}) {
    for (const [key, value] of Object.entries(init))
      if (value !== undefined && value !== null) (this as Dict)[key] = value;
  }

  /** True while the run waits for a human (status `PAUSED`). */
  get isPaused(): boolean {
    return this.status === STATUS.paused;
  }

  /** Tool calls still waiting for confirmation, input or an external result. */
  get activeRequirements(): ToolExecution[] {
    return (this.tools ?? []).filter(
      (t) =>
        (t.requires_confirmation === true && (t.confirmed === null || t.confirmed === undefined)) ||
        (t.requires_user_input === true && t.answered !== true) ||
        (t.external_execution_required === true && (t.result === null || t.result === undefined)),
    );
  }

  /** The wire form (null and empty values dropped). */
  toDict(): Dict {
    return wireDict(this);
  }

  toJSON(): Dict {
    return this.toDict();
  }

  /** Builds an output from the AgentOS's JSON. */
  static fromDict<TContent = unknown>(dict: Dict): RemoteRunOutput<TContent> {
    return new RemoteRunOutput<TContent>(dict);
  }
}

/** The output of a remote team run: a {@link RemoteRunOutput} with the team's fields. */
export class RemoteTeamRunOutput<TContent = unknown> extends RemoteRunOutput<TContent> {
  team_id?: string;
  team_name?: string;
  /** The members' run outputs (when the team stores them). */
  member_responses: Dict[] = [];

  constructor(init: Dict = {}) {
    super();
    for (const [key, value] of Object.entries(init))
      if (value !== undefined && value !== null) (this as Dict)[key] = value;
  }

  static override fromDict<TContent = unknown>(dict: Dict): RemoteTeamRunOutput<TContent> {
    return new RemoteTeamRunOutput<TContent>(dict);
  }
}

/** The output of a remote workflow run (`WorkflowRunOutput.to_dict()`). */
export class RemoteWorkflowRunOutput {
  input?: unknown;
  content?: unknown;
  content_type = "str";
  workflow_id?: string;
  workflow_name?: string;
  run_id?: string;
  session_id?: string;
  user_id?: string;
  parent_run_id?: string;
  /** Top-level step outputs, as dicts. */
  step_results: Dict[] = [];
  /** The agent and team runs of the steps, as dicts. */
  step_executor_runs?: Dict[];
  events?: WorkflowStreamEvent[];
  metrics?: Dict;
  metadata?: Dict;
  images?: any[];
  videos?: any[];
  audio?: any[];
  files?: any[];
  /** Epoch seconds. */
  created_at: number = Math.floor(Date.now() / 1000);
  status: RunStatus = STATUS.pending;

  constructor(init: Dict = {}) {
    for (const [key, value] of Object.entries(init))
      if (value !== undefined && value !== null) (this as Dict)[key] = value;
  }

  get isCancelled(): boolean {
    return this.status === STATUS.cancelled;
  }
  get isPaused(): boolean {
    return this.status === STATUS.paused;
  }
  get isRunning(): boolean {
    return this.status === STATUS.pending || this.status === STATUS.running;
  }

  /** The wire form (null and empty values dropped). */
  toDict(): Dict {
    return wireDict(this);
  }

  toJSON(): Dict {
    return this.toDict();
  }

  static fromDict(dict: Dict): RemoteWorkflowRunOutput {
    return new RemoteWorkflowRunOutput(dict);
  }
}

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

/**
 * Builds an agent's or a team's output from its events. A team stream also carries its members'
 * events (their own run ids, names without the `Team` prefix): those are not the team's output.
 */
export class RunOutputBuilder<TOutput extends RemoteRunOutput<any>>
  implements OutputBuilder<TOutput>
{
  runId: string | undefined;
  sessionId: string | undefined;
  finished = false;
  readonly #output: TOutput;
  readonly #prefix: "" | "Team";
  #text = "";
  #structured: unknown;
  #sawDelta = false;
  #final = false;

  constructor(kind: "agent" | "team", output: TOutput) {
    this.#prefix = kind === "team" ? "Team" : "";
    this.#output = output;
  }

  add(event: Dict): void {
    const full = String(event.event ?? "");
    const isTeamEvent = full.startsWith("Team");
    if ((this.#prefix === "Team") !== isTeamEvent) return;
    const name = isTeamEvent ? full.slice(4) : full;
    const runId = typeof event.run_id === "string" ? event.run_id : undefined;
    if (this.runId === undefined && runId) this.runId = runId; // the first own event names the run
    if (runId !== undefined && this.runId !== undefined && runId !== this.runId) return;
    const o = this.#output as RemoteRunOutput<any> & Dict;
    if (this.runId) o.run_id = this.runId;
    for (const key of ["agent_id", "agent_name", "team_id", "team_name", "session_id"]) {
      const v = event[key];
      if (typeof v === "string" && v) o[key] ??= v;
    }
    for (const key of ["parent_run_id", "workflow_id"]) {
      const v = event[key];
      if (typeof v === "string" && v) o[key] ??= v;
    }
    if (typeof o.session_id === "string") this.sessionId = o.session_id;
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
        if (event.tool) o.tools = [...(o.tools ?? []), event.tool as ToolExecution];
        break;
      case "RunCompleted":
        this.finished = true;
        if (o.status !== STATUS.cancelled && o.status !== STATUS.error) o.status = STATUS.completed;
        for (const [key, v] of Object.entries(event)) {
          if (EVENT_ONLY.has(key) || v === undefined || v === null) continue;
          o[key] = v;
        }
        if ("content" in event) this.#final = true;
        break;
      case "RunPaused":
        this.finished = true;
        o.status = STATUS.paused;
        if (Array.isArray(event.tools)) o.tools = event.tools as ToolExecution[];
        if (event.requirements !== undefined) o.requirements = event.requirements;
        break;
      case "RunCancelled":
        this.finished = true;
        o.status = STATUS.cancelled;
        if (typeof event.reason === "string" && !this.#sawDelta) {
          o.content = event.reason;
          this.#final = true;
        }
        break;
      case "RunError":
        this.finished = true;
        o.status = STATUS.error;
        o.content = event.content;
        this.#final = true;
        for (const key of ["error_type", "error_id", "additional_data"]) {
          if (event[key] !== undefined) o[key] = event[key];
        }
        break;
    }
  }

  complete(): void {
    this.finished = true;
    const o = this.#output;
    if (o.status === STATUS.running || o.status === STATUS.pending) o.status = STATUS.completed;
  }

  build(): TOutput {
    const o = this.#output;
    if (!this.#final && this.#sawDelta) o.content = this.#structured ?? this.#text;
    return o;
  }
}

/** Builds a workflow's output from its events (the final `WorkflowCompleted` carries most). */
export class WorkflowOutputBuilder implements OutputBuilder<RemoteWorkflowRunOutput> {
  runId: string | undefined;
  sessionId: string | undefined;
  finished = false;
  #output = new RemoteWorkflowRunOutput({ status: STATUS.running });
  #snapshot: Dict | undefined;

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
    const o = this.#output as RemoteWorkflowRunOutput & Dict;
    if (name === "WorkflowStarted" && this.runId === undefined && typeof event.run_id === "string")
      this.runId = event.run_id;
    if (this.runId !== undefined && event.run_id !== undefined && event.run_id !== this.runId)
      return;
    if (this.runId) o.run_id = this.runId;
    for (const key of ["workflow_id", "workflow_name", "session_id"]) {
      const v = event[key];
      if (typeof v === "string" && v) o[key] ??= v;
    }
    if (typeof o.session_id === "string") this.sessionId = o.session_id;
    switch (name) {
      case "WorkflowStarted":
        if (typeof event.created_at === "number") o.created_at = event.created_at;
        break;
      case "WorkflowCompleted":
      case "WorkflowPaused":
        this.finished = true;
        o.status = name === "WorkflowCompleted" ? STATUS.completed : STATUS.paused;
        for (const [key, v] of Object.entries(event)) {
          if (EVENT_ONLY.has(key) || key === "status" || v === undefined || v === null) continue;
          o[key] = v;
        }
        break;
      case "WorkflowCancelled":
        this.finished = true;
        o.status = STATUS.cancelled;
        o.content = event.content ?? event.reason;
        break;
      case "WorkflowError":
        this.finished = true;
        o.status = STATUS.error;
        o.content = event.error ?? event.content;
        for (const key of ["error_type", "error_id", "additional_data"]) {
          if (event[key] !== undefined) o[key] = event[key];
        }
        break;
    }
  }

  complete(): void {
    this.finished = true;
    if (this.#output.status === STATUS.running) this.#output.status = STATUS.completed;
  }

  build(): RemoteWorkflowRunOutput {
    if (this.#snapshot) {
      const { event: _event, ...rest } = this.#snapshot;
      return new RemoteWorkflowRunOutput({ ...this.#output.toDict(), ...rest });
    }
    return this.#output;
  }
}
