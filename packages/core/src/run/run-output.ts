import type { Audio, File, Image, Video } from "../media/media.js";
import type { Message } from "../messages.js";
import { type Metrics, metricsToDict } from "../metrics.js";
import { isPaused, type ToolExecution } from "../tools/tool-execution.js";
import { nowSeconds } from "../utils/ids.js";
import type { RunOutputEvent } from "./events.js";
import { mediaDict, type RunInput, runInputToDict } from "./run-input.js";

export { type RunInput, type RunInputDict, runInputToDict } from "./run-input.js";

import { RunStatus } from "./status.js";

/**
 * What a paused run waits for, one per waiting tool (the reference's RunRequirement dict): the
 * tool execution to answer, and the member that waits when a team member paused.
 */
export interface RunRequirement {
  id: string;
  /** ISO-8601 time. */
  created_at: string;
  member_agent_id?: string;
  member_agent_name?: string;
  member_run_id?: string;
  execute_pre_hooks: boolean;
  tool_execution: ToolExecution;
  user_input_schema?: unknown;
}

/** Fields a {@link RunOutput} is built from. */
export type RunOutputInit<TContent = unknown> = Partial<
  Omit<RunOutput<TContent>, "toDict" | "toJSON" | "isPaused" | "activeRequirements">
>;

/**
 * The result of an agent run. Attributes use the spec's snake_case names, so the object
 * serializes as the wire format (`toDict()`, or `JSON.stringify`).
 */
export class RunOutput<TContent = unknown> {
  run_id?: string;
  agent_id?: string;
  agent_name?: string;
  session_id?: string;
  parent_run_id?: string;
  workflow_id?: string;
  workflow_step_id?: string;
  user_id?: string;
  /** The answer: text, or the parsed object when an output schema is set. */
  content?: TContent | null;
  /** `"str"` for text, else the output schema's name. */
  content_type = "str";
  reasoning_content?: string;
  reasoning_steps?: unknown[];
  reasoning_messages?: Message[];
  /** Model id used. */
  model?: string;
  model_provider?: string;
  /** Every message of the run: system, user, assistant and tool. */
  messages?: Message[];
  metrics?: Metrics;
  additional_input?: Message[];
  tools?: ToolExecution[];
  /** While paused: what the run waits for. */
  requirements?: RunRequirement[];
  images?: Image[];
  videos?: Video[];
  audio?: Audio[];
  files?: File[];
  response_audio?: Audio;
  input?: RunInput;
  citations?: unknown;
  model_provider_data?: unknown;
  references?: unknown[];
  metadata?: Record<string, unknown>;
  /** The session state at the end of the run. */
  session_state?: Record<string, unknown>;
  /** Epoch seconds. */
  created_at: number = nowSeconds();
  /** The session the run was first made in, for a run copied by `forkSession`. */
  forked_from_session_id?: string;
  /** Events kept when `storeEvents` is set. */
  events?: RunOutputEvent[];
  status: RunStatus = RunStatus.running;

  constructor(init: RunOutputInit<TContent> = {}) {
    Object.assign(this, init);
  }

  /** True while the run waits for a human (status `PAUSED`). */
  get isPaused(): boolean {
    return this.status === RunStatus.paused;
  }

  /** Tool calls still waiting for confirmation, input or an external result. */
  get activeRequirements(): ToolExecution[] {
    return (this.tools ?? []).filter(isPaused);
  }

  /** The wire form: null and empty values dropped, media as dicts, metrics without zeros. */
  toDict(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const scalars = [
      "run_id",
      "agent_id",
      "agent_name",
      "session_id",
      "parent_run_id",
      "workflow_id",
      "user_id",
      "content",
      "content_type",
      "reasoning_content",
      "model_provider_data",
      "model",
      "model_provider",
      "created_at",
      "status",
      "forked_from_session_id",
      "workflow_step_id",
    ] as const;
    for (const key of scalars) {
      const v = this[key];
      if (v !== undefined && v !== null) out[key] = v;
    }
    const metrics = metricsToDict(this.metrics);
    if (metrics && Object.keys(metrics).length > 0) out.metrics = metrics;
    const lists = [
      "events",
      "messages",
      "additional_input",
      "reasoning_steps",
      "reasoning_messages",
      "references",
    ] as const;
    for (const key of lists) {
      const v = this[key];
      if (v && v.length > 0) out[key] = v;
    }
    if (this.metadata && Object.keys(this.metadata).length > 0) out.metadata = this.metadata;
    if (this.session_state !== undefined) out.session_state = this.session_state;
    for (const key of ["images", "videos", "audio", "files"] as const) {
      const v = this[key];
      if (v && v.length > 0) out[key] = v.map(mediaDict);
    }
    if (this.response_audio) out.response_audio = mediaDict(this.response_audio);
    if (this.citations !== undefined && this.citations !== null) out.citations = this.citations;
    if (this.tools && this.tools.length > 0) out.tools = this.tools;
    if (this.requirements && this.requirements.length > 0) out.requirements = this.requirements;
    if (this.input) out.input = runInputToDict(this.input);
    return JSON.parse(JSON.stringify(out));
  }

  toJSON(): Record<string, unknown> {
    return this.toDict();
  }

  /**
   * Rebuilds a run output from its stored dict. Messages, tools and events stay plain objects;
   * media stay as their serialized dicts.
   */
  static fromDict<TContent = unknown>(dict: Record<string, unknown>): RunOutput<TContent> {
    const { input, ...rest } = dict;
    const output = new RunOutput<TContent>(rest as RunOutputInit<TContent>);
    if (input && typeof input === "object") output.input = input as RunInput;
    return output;
  }
}
