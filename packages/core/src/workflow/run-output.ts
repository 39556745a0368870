import type { Audio, File, Image, Video } from "../media/media.js";
import { RunOutput } from "../run/run-output.js";
import { RunStatus } from "../run/status.js";
import { nowSeconds } from "../utils/ids.js";
import type { WorkflowStreamEvent } from "./events.js";
import {
  type ExecutorRunOutput,
  mediaToDict,
  StepOutput,
  type WorkflowMetrics,
  workflowMetricsToDict,
} from "./types.js";

/**
 * The dict of an agent or team run. A run read back from storage keeps its media as dicts, which
 * `RunOutput.toDict()` does not expect: its own fields are serialized then.
 */
export function executorRunToDict(run: ExecutorRunOutput): Record<string, unknown> {
  if (typeof run.toDict === "function") {
    try {
      return run.toDict();
    } catch {
      // fall through
    }
  }
  return JSON.parse(JSON.stringify({ ...run }));
}

/** Fields a {@link WorkflowRunOutput} is built from. */
export type WorkflowRunOutputInit = Partial<
  Omit<WorkflowRunOutput, "toDict" | "toJSON" | "isCancelled" | "isPaused" | "isRunning">
>;

/**
 * The result of a workflow run. Attributes use the spec's snake_case names, so the object
 * serializes as the wire format (`toDict()`, or `JSON.stringify`).
 */
export class WorkflowRunOutput {
  /** The input given to `run()`. */
  input?: unknown;
  /** The final content: the last step's (a composite's last child's, a Parallel's aggregate). */
  content?: unknown;
  content_type = "str";
  workflow_id?: string;
  workflow_name?: string;
  run_id?: string;
  session_id?: string;
  user_id?: string;
  /** For a workflow run inside another: the outer run's id and step id. */
  parent_run_id?: string;
  workflow_step_id?: string;
  /** The run's media: the input's plus every step's. */
  images?: Image[];
  videos?: Video[];
  audio?: Audio[];
  files?: File[];
  response_audio?: Audio;
  /** Top-level step outputs, in execution order (composites nest theirs in `steps`). */
  step_results: StepOutput[] = [];
  /** The agent and team runs of the steps (when `storeExecutorOutputs`). */
  step_executor_runs?: ExecutorRunOutput[];
  /** The events of the run (when `storeEvents`, minus `eventsToSkip`). */
  events?: WorkflowStreamEvent[];
  metrics?: WorkflowMetrics;
  metadata?: Record<string, unknown>;
  /** Epoch seconds. */
  created_at: number = nowSeconds();
  status: RunStatus = RunStatus.pending;

  constructor(init: WorkflowRunOutputInit = {}) {
    for (const [key, value] of Object.entries(init))
      if (value !== undefined) (this as Record<string, unknown>)[key] = value;
  }

  get isCancelled(): boolean {
    return this.status === RunStatus.cancelled;
  }
  get isPaused(): boolean {
    return this.status === RunStatus.paused;
  }
  /** True while the run is pending or running. */
  get isRunning(): boolean {
    return this.status === RunStatus.pending || this.status === RunStatus.running;
  }

  /** The wire form: null values dropped, nested outputs, runs and media serialized. */
  toDict(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of [
      "input",
      "content",
      "content_type",
      "workflow_id",
      "workflow_name",
      "run_id",
      "session_id",
      "user_id",
      "parent_run_id",
      "workflow_step_id",
      "created_at",
      "status",
    ] as const) {
      const v = this[key];
      if (v !== undefined && v !== null) out[key] = v;
    }
    if (this.metadata && Object.keys(this.metadata).length > 0) out.metadata = this.metadata;
    for (const key of ["images", "videos", "audio", "files"] as const) {
      const list = this[key];
      if (list && list.length > 0) out[key] = list.map(mediaToDict);
    }
    if (this.response_audio) out.response_audio = mediaToDict(this.response_audio);
    if (this.step_results.length > 0) out.step_results = this.step_results.map((s) => s.toDict());
    if (this.step_executor_runs && this.step_executor_runs.length > 0) {
      out.step_executor_runs = this.step_executor_runs.map(executorRunToDict);
    }
    if (this.metrics) out.metrics = workflowMetricsToDict(this.metrics);
    if (this.events && this.events.length > 0) out.events = this.events;
    return JSON.parse(JSON.stringify(out));
  }

  toJSON(): Record<string, unknown> {
    return this.toDict();
  }

  /** Rebuilds a run from its stored dict (media, messages and events stay plain objects). */
  static fromDict(dict: Record<string, unknown>): WorkflowRunOutput {
    const { step_results, step_executor_runs, ...rest } = dict;
    const output = new WorkflowRunOutput(rest as WorkflowRunOutputInit);
    if (Array.isArray(step_results))
      output.step_results = step_results.map((s) =>
        StepOutput.fromDict(s as Record<string, unknown>),
      );
    if (Array.isArray(step_executor_runs)) {
      output.step_executor_runs = step_executor_runs.map((r) =>
        RunOutput.fromDict(r as Record<string, unknown>),
      );
    }
    return output;
  }
}
