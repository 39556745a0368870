import type { MediaDict } from "../media/media.js";
import type { RunOutputEvent } from "../run/events.js";
import type { ExecutorRunOutput, StepIndex, StepOutput, WorkflowMetrics } from "./types.js";

/** Names of workflow events. */
export const WorkflowRunEvent = {
  workflowStarted: "WorkflowStarted",
  workflowCompleted: "WorkflowCompleted",
  workflowCancelled: "WorkflowCancelled",
  workflowError: "WorkflowError",
  stepStarted: "StepStarted",
  stepCompleted: "StepCompleted",
  stepError: "StepError",
  stepOutput: "StepOutput",
  conditionExecutionStarted: "ConditionExecutionStarted",
  conditionExecutionCompleted: "ConditionExecutionCompleted",
  parallelExecutionStarted: "ParallelExecutionStarted",
  parallelExecutionCompleted: "ParallelExecutionCompleted",
  routerExecutionStarted: "RouterExecutionStarted",
  routerExecutionCompleted: "RouterExecutionCompleted",
  loopExecutionStarted: "LoopExecutionStarted",
  loopIterationStarted: "LoopIterationStarted",
  loopIterationCompleted: "LoopIterationCompleted",
  loopExecutionCompleted: "LoopExecutionCompleted",
  stepsExecutionStarted: "StepsExecutionStarted",
  stepsExecutionCompleted: "StepsExecutionCompleted",
  customEvent: "CustomEvent",
} as const;

export type WorkflowRunEventName = (typeof WorkflowRunEvent)[keyof typeof WorkflowRunEvent];

/** Attributes every workflow event has (snake_case, in the wire's order). */
export interface BaseWorkflowRunOutputEvent {
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
}

/** Attributes of events about one step. */
interface StepEventFields {
  step_name?: string;
  step_index?: StepIndex;
}

export interface WorkflowStartedEvent extends BaseWorkflowRunOutputEvent {
  event: "WorkflowStarted";
}
export interface WorkflowCompletedEvent extends BaseWorkflowRunOutputEvent {
  event: "WorkflowCompleted";
  content?: unknown;
  content_type: string;
  step_results: StepOutput[];
  step_executor_runs?: ExecutorRunOutput[];
  metadata?: Record<string, unknown>;
  metrics?: WorkflowMetrics;
}
export interface WorkflowCancelledEvent extends BaseWorkflowRunOutputEvent {
  event: "WorkflowCancelled";
  reason?: string;
  content?: string;
}
export interface WorkflowErrorEvent extends BaseWorkflowRunOutputEvent {
  event: "WorkflowError";
  /** The error message (workflow errors carry `error`, not `content`). */
  error?: string;
  error_type?: string;
  error_id?: string;
  additional_data?: Record<string, unknown>;
}
export interface StepStartedEvent extends BaseWorkflowRunOutputEvent, StepEventFields {
  event: "StepStarted";
}
export interface StepCompletedEvent extends BaseWorkflowRunOutputEvent, StepEventFields {
  event: "StepCompleted";
  content?: unknown;
  content_type: string;
  images?: MediaDict[];
  videos?: MediaDict[];
  audio?: MediaDict[];
  files?: MediaDict[];
  step_response?: StepOutput;
}
export interface StepErrorEvent extends BaseWorkflowRunOutputEvent, StepEventFields {
  event: "StepError";
  error?: string;
}
export interface StepOutputEvent extends BaseWorkflowRunOutputEvent, StepEventFields {
  event: "StepOutput";
  step_output?: StepOutput;
}
export interface ConditionExecutionStartedEvent
  extends BaseWorkflowRunOutputEvent,
    StepEventFields {
  event: "ConditionExecutionStarted";
  condition_result?: boolean;
}
export interface ConditionExecutionCompletedEvent
  extends BaseWorkflowRunOutputEvent,
    StepEventFields {
  event: "ConditionExecutionCompleted";
  condition_result?: boolean;
  executed_steps?: number;
  /** `"if"`, `"else"`, or absent when nothing ran. */
  branch?: string;
  step_results: StepOutput[];
}
export interface ParallelExecutionStartedEvent extends BaseWorkflowRunOutputEvent, StepEventFields {
  event: "ParallelExecutionStarted";
  parallel_step_count?: number;
}
export interface ParallelExecutionCompletedEvent
  extends BaseWorkflowRunOutputEvent,
    StepEventFields {
  event: "ParallelExecutionCompleted";
  parallel_step_count?: number;
  step_results: StepOutput[];
}
export interface RouterExecutionStartedEvent extends BaseWorkflowRunOutputEvent, StepEventFields {
  event: "RouterExecutionStarted";
  selected_steps: string[];
}
export interface RouterExecutionCompletedEvent extends BaseWorkflowRunOutputEvent, StepEventFields {
  event: "RouterExecutionCompleted";
  selected_steps: string[];
  executed_steps?: number;
  step_results: StepOutput[];
}
export interface LoopExecutionStartedEvent extends BaseWorkflowRunOutputEvent, StepEventFields {
  event: "LoopExecutionStarted";
  max_iterations?: number;
}
export interface LoopIterationStartedEvent extends BaseWorkflowRunOutputEvent, StepEventFields {
  event: "LoopIterationStarted";
  /** 1-based. */
  iteration: number;
  max_iterations?: number;
}
export interface LoopIterationCompletedEvent extends BaseWorkflowRunOutputEvent, StepEventFields {
  event: "LoopIterationCompleted";
  iteration: number;
  max_iterations?: number;
  iteration_results: StepOutput[];
  should_continue: boolean;
}
export interface LoopExecutionCompletedEvent extends BaseWorkflowRunOutputEvent, StepEventFields {
  event: "LoopExecutionCompleted";
  total_iterations: number;
  max_iterations?: number;
  all_results: StepOutput[][];
}
export interface StepsExecutionStartedEvent extends BaseWorkflowRunOutputEvent, StepEventFields {
  event: "StepsExecutionStarted";
  steps_count?: number;
}
export interface StepsExecutionCompletedEvent extends BaseWorkflowRunOutputEvent, StepEventFields {
  event: "StepsExecutionCompleted";
  steps_count?: number;
  executed_steps?: number;
  step_results: StepOutput[];
}
/** A custom event yielded by a function step or a custom workflow function; extra fields are kept. */
export interface WorkflowCustomEvent extends BaseWorkflowRunOutputEvent {
  event: "CustomEvent";
  [key: string]: unknown;
}

/** Every event a workflow emits itself, discriminated on `event`. */
export type WorkflowRunOutputEvent =
  | WorkflowStartedEvent
  | WorkflowCompletedEvent
  | WorkflowCancelledEvent
  | WorkflowErrorEvent
  | StepStartedEvent
  | StepCompletedEvent
  | StepErrorEvent
  | StepOutputEvent
  | ConditionExecutionStartedEvent
  | ConditionExecutionCompletedEvent
  | ParallelExecutionStartedEvent
  | ParallelExecutionCompletedEvent
  | RouterExecutionStartedEvent
  | RouterExecutionCompletedEvent
  | LoopExecutionStartedEvent
  | LoopIterationStartedEvent
  | LoopIterationCompletedEvent
  | LoopExecutionCompletedEvent
  | StepsExecutionStartedEvent
  | StepsExecutionCompletedEvent
  | WorkflowCustomEvent;

/**
 * What a workflow stream yields: its own events, and (with `streamExecutorEvents`) the events of
 * the agents and teams of its steps, tagged with `workflow_id`, `workflow_run_id`, `step_id`,
 * `step_name` and `step_index`.
 */
export type WorkflowStreamEvent = WorkflowRunOutputEvent | RunOutputEvent;

/** Events streamed without `streamEvents`: the workflow's start and end, and content. */
export const CONTENT_EVENTS: ReadonlySet<string> = new Set([
  "WorkflowStarted",
  "WorkflowCompleted",
  "WorkflowCancelled",
  "WorkflowError",
  "StepOutput",
  "CustomEvent",
  "RunContent",
  "TeamRunContent",
]);
