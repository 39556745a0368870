import type { Audio, File, Image, MediaDict, Video } from "../media/media.js";
import { addMetrics, type Metrics, metricsToDict } from "../metrics.js";
import type { RunStatus } from "../run/status.js";
import { safeStringify } from "../utils/json.js";

/** Kinds of workflow steps, as serialized in `step_type`. */
export const StepType = {
  step: "Step",
  steps: "Steps",
  condition: "Condition",
  parallel: "Parallel",
  router: "Router",
  loop: "Loop",
} as const;
export type StepType = (typeof StepType)[keyof typeof StepType];

/** What runs a {@link Step}: an agent, a team, or a plain function. */
export type ExecutorType = "agent" | "team" | "function";

/** Position of a step: its index at the top level, or its path inside composite steps. */
export type StepIndex = number | number[];

/** Media of a step or a run, by kind. */
export interface StepMedia {
  images?: Image[];
  videos?: Video[];
  audio?: Audio[];
  files?: File[];
}

const MEDIA_KEYS = ["images", "videos", "audio", "files"] as const;

/**
 * The run of an agent or team inside a step, as kept in `step_executor_runs`. `RunOutput`
 * satisfies it; other executors may return any object with these fields.
 */
export interface ExecutorRunOutput {
  run_id?: string;
  agent_id?: string;
  session_id?: string;
  parent_run_id?: string;
  workflow_id?: string;
  workflow_step_id?: string;
  content?: unknown;
  content_type?: string;
  status?: RunStatus | string;
  metrics?: Metrics;
  session_state?: Record<string, unknown>;
  images?: Image[];
  videos?: Video[];
  audio?: Audio[];
  files?: File[];
  toDict?(): Record<string, unknown>;
}

/** Where a step reads the workflow's past runs from (the workflow session). */
export interface WorkflowHistorySource {
  getWorkflowHistory(numRuns?: number): Array<[string, string]>;
  getWorkflowHistoryContext(numRuns?: number): string | undefined;
}

/** Serializes media (live objects or already-serialized dicts). */
export function mediaToDict(m: unknown): MediaDict {
  const media = m as { toJSON?: () => MediaDict };
  return typeof media.toJSON === "function" ? media.toJSON() : (m as MediaDict);
}

/** Text form of any value: strings as they are, everything else as JSON. */
export function asText(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : safeStringify(value);
}

/** `"str"` for text (or nothing), `"json"` for structured content. */
export function contentTypeOf(content: unknown): string {
  return content === undefined || content === null || typeof content === "string" ? "str" : "json";
}

/** Fields a {@link StepOutput} is built from. */
export interface StepOutputInit extends StepMedia {
  step_name?: string;
  step_id?: string;
  step_type?: StepType | string;
  executor_type?: ExecutorType | string;
  executor_name?: string;
  content?: unknown;
  step_run_id?: string;
  metrics?: Metrics;
  success?: boolean;
  error?: string;
  stop?: boolean;
  steps?: StepOutput[];
}

/**
 * The result of one step. Return one from a function step to set its content, media or `stop`
 * (ends the whole workflow after this step): `return new StepOutput({ content, stop: true })`.
 * Composite steps (Steps, Condition, Parallel, Router, Loop) nest their children in `steps`.
 */
export class StepOutput {
  step_name?: string;
  step_id?: string;
  step_type?: StepType | string;
  executor_type?: ExecutorType | string;
  executor_name?: string;
  /** The step's main output: text or any value. */
  content?: unknown;
  /** Run id of the agent or team run that produced it. */
  step_run_id?: string;
  images?: Image[];
  videos?: Video[];
  audio?: Audio[];
  files?: File[];
  metrics?: Metrics;
  success = true;
  error?: string;
  /** Ends the workflow after this step. */
  stop = false;
  /** Outputs of the children of a composite step. */
  steps?: StepOutput[];

  constructor(init: StepOutputInit = {}) {
    for (const [key, value] of Object.entries(init))
      if (value !== undefined) (this as Record<string, unknown>)[key] = value;
  }

  /** The wire form (snake_case, media as dicts, nested outputs included). */
  toDict(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (this.content !== undefined && this.content !== null) out.content = this.content;
    for (const key of [
      "step_name",
      "step_id",
      "step_type",
      "executor_type",
      "executor_name",
      "step_run_id",
    ] as const) {
      const v = this[key];
      if (v !== undefined && v !== null) out[key] = v;
    }
    for (const key of MEDIA_KEYS) {
      const list = this[key];
      if (list && list.length > 0) out[key] = list.map(mediaToDict);
    }
    const metrics = metricsToDict(this.metrics);
    if (metrics && Object.keys(metrics).length > 0) out.metrics = metrics;
    out.success = this.success;
    if (this.error !== undefined && this.error !== null) out.error = this.error;
    out.stop = this.stop;
    if (this.steps && this.steps.length > 0) out.steps = this.steps.map((s) => s.toDict());
    return out;
  }

  toJSON(): Record<string, unknown> {
    return this.toDict();
  }

  /** Rebuilds a step output from its dict (media stay serialized dicts). */
  static fromDict(dict: Record<string, unknown>): StepOutput {
    const { steps, ...rest } = dict;
    const output = new StepOutput(rest as StepOutputInit);
    if (Array.isArray(steps))
      output.steps = steps.map((s) => StepOutput.fromDict(s as Record<string, unknown>));
    return output;
  }
}

/**
 * The content a composite output stands for: a Parallel's aggregated text, the last child's
 * content for other composites, or the step's own content.
 */
export function deepestContent(output: StepOutput): unknown {
  if (output.step_type === StepType.parallel) return output.content;
  const last = output.steps?.at(-1);
  return last ? deepestContent(last) : output.content;
}

/** Media of a list of outputs, concatenated by kind. */
export function collectMedia(outputs: StepOutput[]): StepMedia {
  const media: StepMedia = {};
  for (const key of MEDIA_KEYS) {
    const all = outputs.flatMap((o) => (o[key] ?? []) as never[]);
    if (all.length > 0) media[key] = all;
  }
  return media;
}

/** Fields a {@link StepInput} is built from. */
export interface StepInputInit extends StepMedia {
  input?: unknown;
  previous_step_content?: unknown;
  previous_step_outputs?: Record<string, StepOutput>;
  additional_data?: Record<string, unknown>;
  workflow_session?: WorkflowHistorySource | null;
}

/**
 * What a step receives: the workflow input, the previous steps' outputs, and the media gathered
 * so far (the workflow input's plus every earlier step's).
 */
export class StepInput {
  /** The workflow's input, as given to `run()` (validated by `inputSchema` when set). */
  input?: unknown;
  /** Content of the step just before (a Parallel's aggregated text, a composite's last content). */
  previous_step_content?: unknown;
  /** Every earlier step's output by name, in execution order. */
  previous_step_outputs: Record<string, StepOutput>;
  additional_data?: Record<string, unknown>;
  images: Image[];
  videos: Video[];
  audio: Audio[];
  files: File[];
  /** The workflow session (history of past runs), when the workflow has a db. */
  workflow_session?: WorkflowHistorySource | null;
  #last: StepOutput | undefined;

  constructor(init: StepInputInit = {}) {
    this.input = init.input;
    this.previous_step_content = init.previous_step_content;
    this.previous_step_outputs = { ...(init.previous_step_outputs ?? {}) };
    if (init.additional_data !== undefined) this.additional_data = init.additional_data;
    this.images = [...(init.images ?? [])];
    this.videos = [...(init.videos ?? [])];
    this.audio = [...(init.audio ?? [])];
    this.files = [...(init.files ?? [])];
    this.workflow_session = init.workflow_session ?? null;
    const values = Object.values(this.previous_step_outputs);
    this.#last = values.at(-1);
  }

  /** The input for the next step: this one plus `output` (its content, outputs and media). */
  withOutput(output: StepOutput): StepInput {
    const previous: Record<string, StepOutput> = {};
    const name = output.step_name ?? `step_${Object.keys(this.previous_step_outputs).length + 1}`;
    for (const [key, value] of Object.entries(this.previous_step_outputs))
      if (key !== name) previous[key] = value;
    previous[name] = output;
    const next = new StepInput({
      input: this.input,
      previous_step_content: deepestContent(output),
      previous_step_outputs: previous,
      ...(this.additional_data !== undefined ? { additional_data: this.additional_data } : {}),
      images: [...this.images, ...(output.images ?? [])],
      videos: [...this.videos, ...(output.videos ?? [])],
      audio: [...this.audio, ...(output.audio ?? [])],
      files: [...this.files, ...(output.files ?? [])],
      workflow_session: this.workflow_session ?? null,
    });
    next.#last = output;
    return next;
  }

  /** The input as text (objects as JSON). */
  getInputAsString(): string | undefined {
    return this.input === undefined || this.input === null ? undefined : asText(this.input);
  }

  /** A previous step's output by name, searching inside composite steps too. */
  getStepOutput(stepName: string): StepOutput | undefined {
    const direct = this.previous_step_outputs[stepName];
    if (direct) return direct;
    const search = (outputs: StepOutput[] | undefined): StepOutput | undefined => {
      for (const o of outputs ?? []) {
        if (o.step_name === stepName) return o;
        const found = search(o.steps);
        if (found) return found;
      }
      return undefined;
    };
    return search(Object.values(this.previous_step_outputs));
  }

  /**
   * A previous step's content by name. For a Parallel, an object of its branches' contents by
   * name; for other composite steps, the content of their last child.
   */
  getStepContent(stepName: string): unknown {
    const output = this.getStepOutput(stepName);
    if (!output) return undefined;
    if (output.step_type === StepType.parallel && output.steps?.length) {
      const byName: Record<string, unknown> = {};
      for (const branch of output.steps) {
        if (branch.step_name) byName[branch.step_name] = deepestContent(branch);
      }
      return byName;
    }
    return deepestContent(output);
  }

  /** Every previous step's content, each under a `=== name ===` heading. */
  getAllPreviousContent(): string {
    return Object.entries(this.previous_step_outputs)
      .filter(([, o]) => o.content !== undefined && o.content !== null && o.content !== "")
      .map(([name, o]) => `=== ${name} ===\n${asText(o.content)}`)
      .join("\n\n");
  }

  /** Content of the step just before (for composites, their last child's). */
  getLastStepContent(): unknown {
    return this.#last ? deepestContent(this.#last) : undefined;
  }

  /** Past runs of this session as `[input, output]` pairs (all when `numRuns` is omitted). */
  getWorkflowHistory(numRuns?: number): Array<[string, string]> {
    return this.workflow_session?.getWorkflowHistory(numRuns) ?? [];
  }

  /** Past runs formatted for a prompt, inside `<workflow_history_context>` tags. */
  getWorkflowHistoryContext(numRuns?: number): string | undefined {
    return this.workflow_session?.getWorkflowHistoryContext(numRuns);
  }

  /** The wire form. */
  toDict(): Record<string, unknown> {
    const out: Record<string, unknown> = {
      input: this.input ?? null,
      previous_step_outputs: Object.fromEntries(
        Object.entries(this.previous_step_outputs).map(([k, v]) => [k, v.toDict()]),
      ),
      previous_step_content:
        this.previous_step_content === undefined || this.previous_step_content === null
          ? null
          : asText(this.previous_step_content),
      additional_data: this.additional_data ?? null,
    };
    for (const key of MEDIA_KEYS) out[key] = this[key].length ? this[key].map(mediaToDict) : null;
    return out;
  }

  toJSON(): Record<string, unknown> {
    return this.toDict();
  }
}

/** What a custom-function workflow receives: the run's input and media. */
export class WorkflowExecutionInput {
  input?: unknown;
  additional_data?: Record<string, unknown>;
  images?: Image[];
  videos?: Video[];
  audio?: Audio[];
  files?: File[];

  constructor(init: Omit<StepInputInit, "previous_step_content" | "previous_step_outputs"> = {}) {
    this.input = init.input;
    if (init.additional_data !== undefined) this.additional_data = init.additional_data;
    for (const key of MEDIA_KEYS) if (init[key]?.length) this[key] = [...init[key]] as never;
  }

  /** The input as text (objects as JSON). */
  getInputAsString(): string | undefined {
    return this.input === undefined || this.input === null ? undefined : asText(this.input);
  }

  toDict(): Record<string, unknown> {
    const out: Record<string, unknown> = {
      input: this.input ?? null,
      additional_data: this.additional_data ?? null,
    };
    for (const key of MEDIA_KEYS) out[key] = this[key]?.length ? this[key].map(mediaToDict) : null;
    return out;
  }
}

/** Metrics of one step's agent or team (`WorkflowMetrics.steps[name]`). */
export interface StepMetrics {
  step_name: string;
  executor_type: string;
  executor_name: string;
  metrics?: Metrics;
}

/** Metrics of a workflow run: per-step executor metrics and the run's duration (seconds). */
export interface WorkflowMetrics {
  steps: Record<string, StepMetrics>;
  duration?: number;
}

/**
 * Gathers the agent and team metrics of every step (nested ones included), by step name. A name
 * met twice (a step inside a Loop) has its metrics summed.
 */
export function aggregateWorkflowMetrics(
  stepResults: StepOutput[],
  duration: number | undefined,
): WorkflowMetrics {
  const steps: Record<string, StepMetrics> = {};
  const visit = (output: StepOutput): void => {
    for (const child of output.steps ?? []) visit(child);
    const type = output.executor_type;
    if (!output.step_name || !output.metrics || (type !== "agent" && type !== "team")) return;
    const existing = steps[output.step_name];
    const metrics = existing?.metrics
      ? {
          ...addMetrics(existing.metrics, output.metrics),
          duration: (existing.metrics.duration ?? 0) + (output.metrics.duration ?? 0),
        }
      : { ...output.metrics };
    steps[output.step_name] = {
      step_name: output.step_name,
      executor_type: type,
      executor_name: output.executor_name ?? "unknown",
      metrics,
    };
  };
  for (const result of stepResults) visit(result);
  return duration === undefined ? { steps } : { steps, duration };
}

/** Serialized workflow metrics (per-step metrics without zero counters). */
export function workflowMetricsToDict(m: WorkflowMetrics): Record<string, unknown> {
  const steps: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(m.steps)) {
    const metrics = metricsToDict(s.metrics);
    steps[name] = {
      step_name: s.step_name,
      executor_type: s.executor_type,
      executor_name: s.executor_name,
      ...(metrics && Object.keys(metrics).length > 0 ? { metrics } : {}),
    };
  }
  return m.duration === undefined ? { steps } : { steps, duration: m.duration };
}
