/**
 * Run dicts as the AgentOS sends them: `RunOutput.to_dict()` and its team and workflow variants
 * (snake_case keys). The output classes of this package are these dicts with a few helpers.
 */
import type { RunOutputEvent, WorkflowStreamEvent } from "./events.js";
import type {
  MediaList,
  Message,
  RunInputDict,
  RunMetrics,
  RunStatus,
  StepOutputDict,
  ToolExecution,
} from "./parts.js";

/** The fields of a run dict that agents, teams and workflows share. */
interface RunDictBase<TContent> {
  run_id?: string;
  session_id?: string;
  user_id?: string;
  parent_run_id?: string;
  workflow_id?: string;
  workflow_step_id?: string;
  /** The answer: text, or the structured object of an output schema. */
  content?: TContent | null;
  /** `"str"` for text, else the output schema's name. */
  content_type: string;
  metadata?: Record<string, unknown>;
  images?: MediaList;
  videos?: MediaList;
  audio?: MediaList;
  files?: MediaList;
  response_audio?: any;
  /** Epoch seconds. */
  created_at: number;
  status: RunStatus;
}

/** An agent run (`RunOutput.to_dict()`). */
export interface RunOutputDict<TContent = unknown> extends RunDictBase<TContent> {
  agent_id?: string;
  agent_name?: string;
  reasoning_content?: string;
  reasoning_steps?: unknown[];
  reasoning_messages?: Message[];
  /** Model id. */
  model?: string;
  model_provider?: string;
  messages?: Message[];
  metrics?: RunMetrics;
  additional_input?: Message[];
  tools?: ToolExecution[];
  input?: RunInputDict;
  citations?: unknown;
  model_provider_data?: unknown;
  references?: unknown[];
  /** The session state at the end of the run. */
  session_state?: Record<string, unknown>;
  /** The run's stored events. */
  events?: RunOutputEvent[];
}

/** A team run: an agent run dict with the team's fields. */
export interface TeamRunOutputDict<TContent = unknown> extends RunOutputDict<TContent> {
  team_id?: string;
  team_name?: string;
  /** The members' runs (when the team stores them). */
  member_responses: Array<Record<string, unknown>>;
}

/** A workflow run (`WorkflowRunOutput.to_dict()`). */
export interface WorkflowRunOutputDict extends RunDictBase<unknown> {
  input?: unknown;
  workflow_name?: string;
  /** Top-level step results. */
  step_results: StepOutputDict[];
  /** The agent and team runs of the steps. */
  step_executor_runs?: Array<Record<string, unknown>>;
  events?: WorkflowStreamEvent[];
  metrics?: Record<string, unknown>;
}
