/**
 * The events of a streamed run, as the AgentOS sends them (each SSE message's JSON, snake_case
 * keys), discriminated on `event`. Agent events have the names of `RunEvent` (`RunStarted`,
 * `RunContent`, `ToolCallCompleted`...); a team's own events are the same names prefixed with
 * `Team`, with `team_id` / `team_name` in place of the agent's; workflows add theirs.
 */
import type {
  MediaDict,
  Message,
  RunInputDict,
  RunMetrics,
  StepOutputDict,
  ToolExecution,
} from "./parts.js";

type Dict = Record<string, unknown>;

/** Flattens an intersection into one object type (readable hovers, implicit index signature). */
type Flat<T> = { [K in keyof T]: T[K] };

/** Fields shared by agent and team events. */
type RunEventCommon = {
  /** Epoch seconds. */
  created_at: number;
  event: string;
  run_id?: string;
  parent_run_id?: string;
  session_id?: string;
  workflow_id?: string;
  workflow_run_id?: string;
  step_id?: string;
  step_name?: string;
  step_index?: number;
  /** 0 for the top-level run. */
  nested_depth: number;
  tools?: ToolExecution[];
  content?: unknown;
  /** Position of the event in a background run's stream (0-based). */
  event_index?: number;
};

/** Fields every agent event has. */
export type AgentEventBase = RunEventCommon & { agent_id: string; agent_name: string };

/** Fields every team event has. */
export type TeamEventBase = RunEventCommon & { team_id: string; team_name: string };

type ContentFields = {
  content?: unknown;
  content_type: string;
  reasoning_content?: string;
  citations?: unknown;
  model_provider_data?: unknown;
  response_audio?: MediaDict;
  references?: unknown[];
  additional_input?: Message[];
  reasoning_steps?: unknown[];
  reasoning_messages?: Message[];
};

type MediaFields = {
  images?: MediaDict[];
  videos?: MediaDict[];
  audio?: MediaDict[];
  files?: MediaDict[];
};

/** The fields each agent event adds to {@link AgentEventBase}, by event name. */
export type AgentEventFields = {
  RunStarted: { model: string; model_provider: string };
  RunContent: ContentFields & { workflow_agent?: boolean; image?: MediaDict };
  RunContentCompleted: {};
  RunIntermediateContent: { content?: unknown; content_type: string };
  RunCompleted: ContentFields &
    MediaFields & {
      metadata?: Dict;
      metrics?: RunMetrics;
      session_state?: Dict;
    };
  RunPaused: { tools?: ToolExecution[]; requirements?: unknown[] };
  RunContinued: {};
  /** `content` is the error message. */
  RunError: { content?: string; error_type?: string; error_id?: string; additional_data?: Dict };
  RunCancelled: { reason?: string };
  PreHookStarted: { pre_hook_name?: string; run_input?: RunInputDict };
  PreHookCompleted: { pre_hook_name?: string; run_input?: RunInputDict };
  PostHookStarted: { post_hook_name?: string };
  PostHookCompleted: { post_hook_name?: string };
  ToolCallStarted: { tool?: ToolExecution };
  ToolCallCompleted: MediaFields & { tool?: ToolExecution; content?: unknown };
  ToolCallError: { tool?: ToolExecution; error?: string };
  ReasoningStarted: {};
  ReasoningStep: { content?: unknown; content_type: string; reasoning_content: string };
  ReasoningContentDelta: { reasoning_content: string };
  ReasoningCompleted: { content?: unknown; content_type: string };
  MemoryUpdateStarted: {};
  MemoryUpdateCompleted: { memories?: unknown[] };
  SessionSummaryStarted: {};
  SessionSummaryCompleted: { session_summary?: unknown };
  ParserModelResponseStarted: {};
  ParserModelResponseCompleted: {};
  OutputModelResponseStarted: {};
  OutputModelResponseCompleted: {};
  /** An event yielded by a tool: any fields. */
  CustomEvent: { tool_call_id?: string; [key: string]: unknown };
};

/** The names of agent events. */
export type AgentEventName = keyof AgentEventFields;

/** The agent event named `TName`: `AgentRunEvent<"RunContent">`. */
export type AgentRunEvent<TName extends AgentEventName = AgentEventName> = {
  [K in TName]: Flat<AgentEventBase & AgentEventFields[K] & { event: K }>;
}[TName];

/** Fields team events add to the agent events of the same name. */
type TeamExtraFields = {
  RunCompleted: { member_responses?: Dict[] };
};

/** The names of a team's own events (`TeamRunStarted`, `TeamToolCallCompleted`...). */
export type TeamEventName = `Team${Exclude<AgentEventName, "CustomEvent">}`;

type TeamFieldsOf<K extends string> = K extends `Team${infer A extends AgentEventName}`
  ? AgentEventFields[A] & (A extends keyof TeamExtraFields ? TeamExtraFields[A] : {})
  : never;

/** A team's own event named `TName`: `TeamRunOutputEvent<"TeamRunContent">`. */
export type TeamRunOutputEvent<TName extends TeamEventName = TeamEventName> = {
  [K in TName]: Flat<TeamEventBase & TeamFieldsOf<K> & { event: K }>;
}[TName];

/** Every event of an agent or team stream (a team's stream also carries its members' events). */
export type RunOutputEvent = AgentRunEvent | TeamRunOutputEvent;

/** Fields every workflow event has. */
export type WorkflowEventBase = {
  /** Epoch seconds. */
  created_at: number;
  event: string;
  workflow_id?: string;
  workflow_name?: string;
  session_id?: string;
  run_id?: string;
  step_id?: string;
  parent_step_id?: string;
  /** 0 for the top-level workflow. */
  nested_depth: number;
  /** Position of the event in a background run's stream (0-based). */
  event_index?: number;
};

/** A step's position: its index at the top level, or its path inside composite steps. */
export type StepIndex = number | number[];

type StepFields = { step_name?: string; step_index?: StepIndex };

type StepResultsFields = StepFields & { step_results: StepOutputDict[] };

/** The fields each workflow event adds to {@link WorkflowEventBase}, by event name. */
export type WorkflowEventFields = {
  WorkflowStarted: {};
  WorkflowCompleted: {
    content?: unknown;
    content_type: string;
    step_results: StepOutputDict[];
    step_executor_runs?: Dict[];
    metadata?: Dict;
    metrics?: Dict;
  };
  WorkflowPaused: {
    content?: unknown;
    status?: string;
    paused_step_index?: StepIndex;
    paused_step_name?: string;
    pause_kind?: string;
    step_requirements?: Dict[];
    step_results?: StepOutputDict[];
    step_executor_runs?: Dict[];
    metadata?: Dict;
  };
  WorkflowCancelled: { reason?: string; content?: string };
  /** `error` (not `content`) is the error message. */
  WorkflowError: { error?: string; error_type?: string; error_id?: string; additional_data?: Dict };
  StepStarted: StepFields;
  StepCompleted: StepFields &
    MediaFields & { content?: unknown; content_type: string; step_response?: StepOutputDict };
  StepError: StepFields & { error?: string };
  StepOutput: StepFields & { step_output?: StepOutputDict };
  ConditionExecutionStarted: StepFields & { condition_result?: boolean };
  ConditionExecutionCompleted: StepResultsFields & {
    condition_result?: boolean;
    executed_steps?: number;
    branch?: string;
  };
  ParallelExecutionStarted: StepFields & { parallel_step_count?: number };
  ParallelExecutionCompleted: StepResultsFields & { parallel_step_count?: number };
  RouterExecutionStarted: StepFields & { selected_steps: string[] };
  RouterExecutionCompleted: StepResultsFields & {
    selected_steps: string[];
    executed_steps?: number;
  };
  LoopExecutionStarted: StepFields & { max_iterations?: number };
  LoopIterationStarted: StepFields & { iteration: number; max_iterations?: number };
  LoopIterationCompleted: StepFields & {
    iteration: number;
    max_iterations?: number;
    iteration_results: StepOutputDict[];
    should_continue: boolean;
  };
  LoopExecutionCompleted: StepFields & {
    total_iterations: number;
    max_iterations?: number;
    all_results: StepOutputDict[][];
  };
  StepsExecutionStarted: StepFields & { steps_count?: number };
  StepsExecutionCompleted: StepResultsFields & { steps_count?: number; executed_steps?: number };
  /** An event yielded by a function step: any fields. */
  CustomEvent: { [key: string]: unknown };
};

/** The names of a workflow's own events. */
export type WorkflowEventName = keyof WorkflowEventFields;

/** A workflow's own event named `TName`: `WorkflowRunOutputEvent<"StepCompleted">`. */
export type WorkflowRunOutputEvent<TName extends WorkflowEventName = WorkflowEventName> = {
  [K in TName]: Flat<WorkflowEventBase & WorkflowEventFields[K] & { event: K }>;
}[TName];

/**
 * Every event of a workflow stream: the workflow's own, and the events of its steps' agents and
 * teams (with `workflow_id`, `workflow_run_id`, `step_id`, `step_name` and `step_index` set).
 */
export type WorkflowStreamEvent = WorkflowRunOutputEvent | RunOutputEvent;
