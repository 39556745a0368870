import type {
  Component,
  ComponentRunOutput,
  ComponentType,
  SessionRecord,
  Workflow,
} from "@agno/core";
import type { Context } from "hono";
import type { RequestBody } from "../http/body.js";
import type { FieldSpec } from "../http/route-group.js";
import type { RunKwargs } from "../http/run-kwargs.js";
import type { Entry } from "../registry.js";
import {
  agentEntryResponse,
  teamEntryResponse,
  workflowEntryResponse,
  workflowSummary,
} from "../schemas/components.js";
import { runSchema, teamRunSchema, workflowRunSchema } from "../schemas/runs.js";
import { type ContinueInput, readStepRequirements, readToolAnswers } from "./continue-input.js";
import { runErrorEvent, workflowErrorEvent } from "./stream-errors.js";

type Run = NonNullable<SessionRecord["runs"]>[number];

/** Names and wording of each kind of component, as the reference's routers use them. */
export interface KindSpec {
  type: ComponentType;
  plural: "agents" | "teams" | "workflows";
  /** `Agent`, `Team`, `Workflow` ("Agent not found"). */
  label: string;
  /** `agent`, `team`, `workflow` ("Access denied to run this agent"). */
  lower: string;
  /** Path parameter of the id. */
  param: string;
  /** Run-dict key of the component id. */
  idKey: "agent_id" | "team_id" | "workflow_id";
  tag: string;
}

/** What the OpenAPI document says about one kind's run routes where the kinds differ. */
export interface RunKindDocs {
  detailQuery?: readonly FieldSpec[];
  runDescription: string;
  runForm: readonly FieldSpec[];
  runResponses: Record<number, string>;
  runStatuses: readonly string[];
  runGetDescription?: string;
  cancelDescription: string;
  continueForm: readonly FieldSpec[];
  continueResponses: Record<number, string>;
  continueSse: boolean;
}

/**
 * One kind of component, as the run routes serve it: its names, and where its wire differs from
 * the other kinds' (as data, or as a small hook).
 */
export interface RunKind extends KindSpec {
  /** An item of `GET /<plural>`. */
  listItem(entry: Entry<any>): unknown;
  /** The answer of `GET /<plural>/{id}`. */
  detail(entry: Entry<any>): unknown;
  /** A stored run in the run list's shape. */
  runSchema(run: Run): unknown;
  /** True when a stored run of the component's session is the component's own. */
  ownsRun(run: Run, componentId: string): boolean;
  /** The run list leaves out member runs (those with a `parent_run_id`). */
  topLevelRunsOnly: boolean;
  /** Uploaded files are given to the run (agents, teams); workflows take none and ignore them. */
  uploads: boolean;
  /** Run options from the extra form fields of a run request. */
  runOptions(kwargs: RunKwargs): Record<string, unknown>;
  /**
   * How a background run starts: `stored`, AgentOS stores it PENDING, then runs it detached
   * (streamed or 202); `own`, a streamed one is detached as it is, and a non-streamed one uses
   * the component's own background mode (it stores and runs the run itself).
   */
  background: "stored" | "own";
  /** A run of this process's component still in memory (fresher than the stored one). */
  liveRun?(
    component: Component,
    runId: string,
    sessionId: string,
  ): Promise<ComponentRunOutput | null>;
  /** The terminal event of a stream that threw. */
  errorEvent(
    component: { id: string; name?: string | undefined },
    runId: string,
    sessionId: string,
    error: unknown,
    c?: Context,
  ): Record<string, unknown>;
  /** Reads a continue request: the answer to the pause (400 when unreadable), stream, background. */
  continueInput(body: RequestBody): ContinueInput;
  /** When set, a continue that passed the 404 and 409 checks answers this 501. */
  continueUnavailable?: string;
  /** A path under the kind's prefix that answers 501 (declared before the id routes). */
  notYet?: { path: string; summary: string; detail: string };
  docs: RunKindDocs;
}

/** The run form of agents and teams. */
function runnableForm(lower: string): FieldSpec[] {
  return [
    { name: "message", required: true, description: "The user's message." },
    { name: "stream", type: "boolean", default: true, description: "Answer with SSE events." },
    {
      name: "stream_events",
      type: "boolean",
      default: true,
      description: "Stream every event (tool calls, lifecycle), not only content.",
    },
    { name: "session_id", description: "Session to continue; a new one when empty." },
    { name: "user_id", description: "User id (a verified user id takes precedence)." },
    { name: "files", type: "files", description: "Images, audio, video or documents." },
    { name: "background", type: "boolean", default: false, description: "Run detached (202)." },
    {
      name: "factory_input",
      type: "json",
      description: `JSON object for a ${lower} factory, validated by its input schema.`,
    },
    { name: "session_state", type: "json", description: "Session state for this run." },
    { name: "dependencies", type: "json", description: "Dependencies for this run." },
    { name: "metadata", type: "json", description: "Metadata stored with the run." },
    { name: "version", description: "Ignored: components have no stored versions here." },
  ];
}

/** The answers of a run request; `forbidden` adds the 403 of the per-resource access check. */
function runResponses(label: string, forbidden: boolean): Record<number, string> {
  const responses: Record<number, string> = {
    200: "The run (JSON) or its events (text/event-stream)",
    202: "Background run accepted",
    400: "Invalid request or factory_input",
    404: `${label} not found`,
    422: "Validation error",
  };
  if (forbidden) responses[403] = "Access denied";
  return responses;
}

/** The continue form: the answer to the pause, then the fields every kind reads. */
function continueForm(answer: FieldSpec, background: boolean): FieldSpec[] {
  return [
    answer,
    { name: "session_id", required: true },
    { name: "user_id" },
    { name: "stream", type: "boolean", default: true },
    ...(background ? [{ name: "background", type: "boolean", default: false } as const] : []),
    { name: "factory_input", type: "json", description: "For factories." },
  ];
}

function runnableDocs(label: string, lower: string, field: "tools" | "requirements"): RunKindDocs {
  return {
    runDescription:
      "Runs the component: SSE events (stream=true, default), the run as JSON (stream=false), or 202 for background=true.",
    runForm: runnableForm(lower),
    runResponses: runResponses(label, true),
    runStatuses: ["PENDING", "RUNNING", "COMPLETED", "PAUSED", "CANCELLED", "ERROR"],
    cancelDescription:
      "Cancels a run of this component that belongs to the caller (factories are not invoked). 200 {}; another user's run answers 404 like an unknown one.",
    continueForm: continueForm(
      {
        name: field,
        type: "json",
        description: "The paused tool executions, answered (complete objects).",
      },
      true,
    ),
    continueResponses: {
      200: "The run (JSON) or its events (text/event-stream)",
      400: "Invalid tools or missing session_id",
      404: "Run not found",
      409: "Run not paused",
      501: "fork / regenerate / continue_from are not available yet",
    },
    continueSse: true,
  };
}

/** Every run option of agents and teams, from the form's extra fields. */
function runnableOptions(kwargs: RunKwargs): Record<string, unknown> {
  const { additionalData: _ignored, streamEvents: _streamEvents, ...rest } = kwargs;
  return rest;
}

/** The run options a workflow takes. */
const WORKFLOW_OPTIONS = [
  "sessionState",
  "metadata",
  "additionalData",
  "images",
  "audio",
  "videos",
  "files",
] as const;

function workflowOptions(kwargs: RunKwargs): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const key of WORKFLOW_OPTIONS) if (kwargs[key]) options[key] = kwargs[key];
  if (kwargs.debugMode !== undefined) options.debugMode = kwargs.debugMode;
  return options;
}

/** The names of a kind: `agent`, `agents`, `Agent`, `agent_id`, `Agents`... */
function names<T extends ComponentType>(type: T) {
  const label = `${type.charAt(0).toUpperCase()}${type.slice(1)}`;
  return {
    type,
    plural: `${type}s` as `${T}s`,
    label,
    lower: type,
    param: `${type}_id`,
    idKey: `${type}_id` as `${T}_id`,
    tag: `${label}s`,
  };
}

/** Agents and teams: the same routes, but for their responses and the continue field. */
function runnableKind(
  type: "agent" | "team",
  own: Pick<RunKind, "listItem" | "detail" | "runSchema" | "topLevelRunsOnly" | "continueInput">,
  continueField: "tools" | "requirements",
): RunKind {
  const kind = names(type);
  return {
    ...kind,
    ...own,
    ownsRun: (run, id) => run[kind.idKey] === id,
    uploads: true,
    runOptions: runnableOptions,
    background: "stored",
    errorEvent: (component, runId, sessionId, error, c) =>
      runErrorEvent(type, component, runId, sessionId, error, c),
    docs: runnableDocs(kind.label, type, continueField),
  };
}

const AGENT = runnableKind(
  "agent",
  {
    listItem: agentEntryResponse,
    detail: agentEntryResponse,
    runSchema,
    topLevelRunsOnly: false,
    continueInput: (body) => readToolAnswers(body, "tools"),
  },
  "tools",
);

const TEAM = runnableKind(
  "team",
  {
    listItem: teamEntryResponse,
    detail: teamEntryResponse,
    runSchema: teamRunSchema,
    topLevelRunsOnly: true,
    continueInput: (body) =>
      readToolAnswers(body, body.has("requirements") ? "requirements" : "tools"),
  },
  "requirements",
);

const WORKFLOW: RunKind = {
  ...names("workflow"),
  listItem: workflowSummary,
  detail: workflowEntryResponse,
  runSchema: workflowRunSchema,
  // Stored workflow runs may carry no workflow_id: the session's owner is enough.
  ownsRun: (run, id) => !run.workflow_id || run.workflow_id === id,
  topLevelRunsOnly: false,
  uploads: false,
  runOptions: workflowOptions,
  background: "own",
  liveRun: (component, runId, sessionId) => (component as Workflow).getRun(runId, sessionId),
  errorEvent: workflowErrorEvent,
  continueInput: readStepRequirements,
  continueUnavailable: "Continuing paused workflow runs is not available yet in this AgentOS",
  notYet: {
    path: "/workflows/ws",
    summary: "Workflow WebSocket (not available yet)",
    detail: "The workflow WebSocket is not available yet in this AgentOS",
  },
  docs: {
    detailQuery: [
      { name: "version", type: "integer", description: "Ignored (no stored versions)." },
    ],
    runDescription:
      "Runs the workflow: SSE events (stream=true, default), the run as JSON, or 202 for background=true.",
    runForm: [
      { name: "message", required: true, description: "The workflow's input." },
      { name: "stream", type: "boolean", default: true },
      { name: "stream_events", type: "boolean", default: true },
      { name: "background", type: "boolean", default: false },
      { name: "session_id" },
      { name: "user_id" },
      { name: "factory_input", type: "json", description: "JSON object for a factory." },
      { name: "session_state", type: "json" },
      { name: "metadata", type: "json" },
      { name: "additional_data", type: "json" },
      { name: "version", type: "integer", description: "Ignored." },
    ],
    runResponses: runResponses("Workflow", false),
    runStatuses: ["PENDING", "RUNNING", "COMPLETED", "CANCELLED", "ERROR"],
    runGetDescription: "Live while the run is going (background runs), else from the database.",
    cancelDescription:
      "Cancels a run of this workflow that belongs to the caller. 200 {}; another user's run answers 404 like an unknown one.",
    continueForm: continueForm({ name: "step_requirements", type: "json" }, false),
    continueResponses: {
      404: "Run not found",
      409: "Run not paused",
      501: "Workflow pauses are not available yet",
    },
    continueSse: false,
  },
};

/** The run routes' kinds, by component type. */
export const RUN_KINDS: Readonly<Record<ComponentType, RunKind>> = {
  agent: AGENT,
  team: TEAM,
  workflow: WORKFLOW,
};
