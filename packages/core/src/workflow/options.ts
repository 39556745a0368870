import type { BaseDb } from "../db/base-db.js";
import type { Audio, File, Image, Video } from "../media/media.js";
import type { SchemaLike } from "../tools/schema.js";
import type { WorkflowRunContext } from "./context.js";
import type { WorkflowRunEventName, WorkflowStreamEvent } from "./events.js";
import type { StepLike } from "./normalize.js";
import type { WorkflowRunOutput } from "./run-output.js";
import type { WorkflowSession } from "./session.js";
import type { Steps } from "./steps.js";
import type { WorkflowExecutionInput } from "./types.js";
import type { Workflow } from "./workflow.js";

/**
 * A workflow written as one function: receives the workflow, the run's input and the run
 * context; returns the content, or an (async) generator yielding events and text.
 */
export type CustomWorkflowFunction = (
  workflow: Workflow,
  executionInput: WorkflowExecutionInput,
  runContext: WorkflowRunContext,
) => unknown;

/** A workflow's steps: a list of step-like items, a Steps group, or one custom function. */
export type WorkflowSteps = StepLike[] | Steps | CustomWorkflowFunction;

/** Options of `new Workflow(...)`. */
export interface WorkflowOptions {
  /** Workflow id. @default derived from the name (`"Blog Post"` → `blog-post`), else a random UUID */
  id?: string;
  name?: string;
  description?: string;
  steps: WorkflowSteps;
  /** Database for sessions and runs. */
  db?: BaseDb;
  /** Default session id. @default a UUID made on the first run and kept */
  sessionId?: string;
  /** Default user id. */
  userId?: string;
  /** Default session state (the stored state and the run's override it). */
  sessionState?: Record<string, unknown>;
  /** Validates the run input (a JSON string is parsed first); invalid input fails with `InputValidationError`. */
  inputSchema?: SchemaLike;
  /** Keep the run's events on `WorkflowRunOutput.events` (and in storage). @default false */
  storeEvents?: boolean;
  /** Events not kept by `storeEvents`. */
  eventsToSkip?: Array<WorkflowRunEventName | string>;
  /** Forward the events of the steps' agents and teams. @default true */
  streamExecutorEvents?: boolean;
  /** Keep the steps' agent and team runs on `step_executor_runs`. @default true */
  storeExecutorOutputs?: boolean;
  /** Prepend the workflow's history (past runs of the session) to the agents' input. @default false */
  addWorkflowHistoryToSteps?: boolean;
  /** Past runs in that history. @default all */
  numHistoryRuns?: number;
  /** Stored with the session and each run. */
  metadata?: Record<string, unknown>;
  /** Log each run's progress (also `AGNO_DEBUG=true`). @default false */
  debugMode?: boolean;
  /** Default of `printResponse`'s `stream`. */
  stream?: boolean;
  /** Default of `streamEvents` for streamed runs. @default false */
  streamEvents?: boolean;
}

/** Options of one workflow run. */
export interface WorkflowRunOptions {
  /** Return an async generator of events instead of the output. */
  stream?: boolean;
  /** With `stream`, yield every event (steps, loops, agents' tool calls...), not only content. */
  streamEvents?: boolean;
  sessionId?: string;
  userId?: string;
  /** Merged over the stored session state for this run. */
  sessionState?: Record<string, unknown>;
  /** Use this run id (to cancel the run, or poll it with `getRun`). @default a random UUID */
  runId?: string;
  images?: Image[];
  videos?: Video[];
  audio?: Audio[];
  files?: File[];
  /** Extra data for the steps (`stepInput.additional_data`). */
  additionalData?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  /** Return at once (status PENDING) and run in the background; poll with `getRun(runId)`. */
  background?: boolean;
  /** Cancels the run when aborted. */
  signal?: AbortSignal;
  debugMode?: boolean;
}

/** Options of `workflow.printResponse(...)`. */
export interface WorkflowPrintOptions
  extends Omit<WorkflowRunOptions, "stream" | "streamEvents" | "background"> {
  /** Print agents' answers as they stream. @default the workflow's `stream`, else false */
  stream?: boolean;
  /** Print each step's output. @default true */
  showStepDetails?: boolean;
  /** Where to write. @default process.stdout */
  output?: { write(chunk: string): unknown; isTTY?: boolean };
}

/**
 * A streamed workflow run: an async generator of events that also knows its run id, and whose
 * `output` resolves to the run's output once the stream has been read to the end.
 */
export type WorkflowRunStream = AsyncGenerator<WorkflowStreamEvent, void, unknown> & {
  readonly runId: string;
  readonly output: Promise<WorkflowRunOutput>;
};

/** A run's state between preparation and the end. */
export interface Prepared {
  input: unknown;
  sessionId: string;
  userId: string | undefined;
  session: WorkflowSession | null;
  sessionState: Record<string, unknown>;
  output: WorkflowRunOutput;
  background: boolean;
  /** Pending progress writes of a background run, in order. */
  writes: Promise<void>;
}
