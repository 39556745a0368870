import type {
  CancelRunOptions,
  ContinueAgentRunOptions,
  ContinueTeamRunOptions,
  ContinueWorkflowRunOptions,
  ResumeRunOptions,
  RunCallOptions,
  RunLookupOptions,
} from "../client-options.js";
import { appendField, type RunRequestOptions, runForm } from "../form.js";
import { type OutputBuilder, RunOutputBuilder, WorkflowOutputBuilder } from "../output-builder.js";
import { RemoteRunOutput, RemoteTeamRunOutput, RemoteWorkflowRunOutput } from "../run-output.js";
import { RunStream, type StreamResumer } from "../run-stream.js";
import { type QueryParams, type RequestOptions, seg, type Transport } from "../transport.js";
import type { RunOutputEvent, WorkflowStreamEvent } from "../wire/events.js";
import type { BackgroundRunResponse, RunSchema } from "../wire/responses.js";
import { type Dict, getJson, requestOptions, sendForm } from "./request.js";

/** A streamed agent run. */
export type AgentRunStream = RunStream<RunOutputEvent, RemoteRunOutput>;
/** A streamed team run (the team's events and its members'). */
export type TeamRunStream = RunStream<RunOutputEvent, RemoteTeamRunOutput>;
/** A streamed workflow run (the workflow's events and its steps' agents' and teams'). */
export type WorkflowRunStream = RunStream<WorkflowStreamEvent, RemoteWorkflowRunOutput>;

/** What the run routes of one kind of component answer, and how it is read. */
export interface RunKind<TOutput> {
  /** The routes' prefix. */
  readonly path: "agents" | "teams" | "workflows";
  /** The output of a JSON answer. */
  fromDict(dict: Dict): TOutput;
  /** A builder of the output of a streamed answer. */
  builder(): OutputBuilder<TOutput>;
}

export const AGENT_RUNS: RunKind<RemoteRunOutput> = {
  path: "agents",
  fromDict: (dict) => RemoteRunOutput.fromDict(dict),
  builder: () => new RunOutputBuilder("agent", new RemoteRunOutput()),
};

export const TEAM_RUNS: RunKind<RemoteTeamRunOutput> = {
  path: "teams",
  fromDict: (dict) => RemoteTeamRunOutput.fromDict(dict),
  builder: () => new RunOutputBuilder("team", new RemoteTeamRunOutput()),
};

export const WORKFLOW_RUNS: RunKind<RemoteWorkflowRunOutput> = {
  path: "workflows",
  fromDict: (dict) => RemoteWorkflowRunOutput.fromDict(dict),
  builder: () => new WorkflowOutputBuilder(),
};

function runsPath(kind: RunKind<unknown>, id: string, runId?: string, action?: string): string {
  let path = `/${kind.path}/${seg(id)}/runs`;
  if (runId !== undefined) path += `/${seg(runId)}`;
  if (action !== undefined) path += `/${action}`;
  return path;
}

function background(options: { background?: boolean }): Dict {
  return options.background ? { background: true } : {};
}

/**
 * `POST /{kind}/{id}/runs` without streaming: the run's output, or with `background: true` the
 * server's `{ run_id, session_id, status }` at once.
 */
export async function run<TOutput>(
  http: Transport,
  kind: RunKind<TOutput>,
  id: string,
  message: unknown,
  options: RunCallOptions & { monitor?: boolean },
): Promise<TOutput | BackgroundRunResponse> {
  const form = runForm(message, false, options, {
    ...background(options),
    monitor: options.monitor,
  });
  const body = await sendForm<Dict>(http, runsPath(kind, id), form, options);
  if (options.background) return body as BackgroundRunResponse;
  return kind.fromDict(body ?? {});
}

/** `POST /{kind}/{id}/runs` streamed: the run's events as they happen. */
export function runStream<TEvent, TOutput>(
  http: Transport,
  kind: RunKind<TOutput>,
  id: string,
  message: unknown,
  options: RunRequestOptions & { background?: boolean },
  extra: Dict = {},
): RunStream<TEvent, TOutput> {
  const form = runForm(message, true, options, { ...background(options), ...extra });
  return openStream(http, runsPath(kind, id), form, options, kind, id);
}

/** The form of `POST /agents/{id}/runs/{run_id}/continue` (answered `tools`, new `input`). */
export function agentContinueForm(options: ContinueAgentRunOptions, stream: boolean): FormData {
  const form = runForm(options.input ?? "", stream, options, {
    tools: options.tools,
    input: options.input,
    continue_from: options.continueFrom,
  });
  form.delete("message");
  return form;
}

/** The form of `POST /teams/{id}/runs/{run_id}/continue` (resolved `requirements`). */
export function teamContinueForm(options: ContinueTeamRunOptions, stream: boolean): FormData {
  const form = runForm(options.input ?? "", stream, options, {
    requirements: options.requirements,
  });
  if (options.input === undefined) form.delete("message");
  return form;
}

/** The form of `POST /workflows/{id}/runs/{run_id}/continue` (resolved `step_requirements`). */
export function workflowContinueForm(
  options: ContinueWorkflowRunOptions,
  stream: boolean,
): FormData {
  const form = runForm("", stream, options, { step_requirements: options.stepRequirements });
  form.delete("message");
  return form;
}

/** `POST /{kind}/{id}/runs/{run_id}/continue` without streaming: the continued run's output. */
export async function continueRun<TOutput>(
  http: Transport,
  kind: RunKind<TOutput>,
  id: string,
  runId: string,
  form: FormData,
  options: RequestOptions,
): Promise<TOutput> {
  const body = await sendForm<Dict>(http, runsPath(kind, id, runId, "continue"), form, options);
  return kind.fromDict(body);
}

/** `POST /{kind}/{id}/runs/{run_id}/continue` streamed. */
export function continueStream<TEvent, TOutput>(
  http: Transport,
  kind: RunKind<TOutput>,
  id: string,
  runId: string,
  form: FormData,
  options: RequestOptions,
): RunStream<TEvent, TOutput> {
  return openStream(http, runsPath(kind, id, runId, "continue"), form, options, kind, id);
}

/** `POST /{kind}/{id}/runs/{run_id}/cancel`. */
export async function cancelRun(
  http: Transport,
  kind: RunKind<unknown>,
  id: string,
  runId: string,
  options: CancelRunOptions,
): Promise<void> {
  await http.request("POST", runsPath(kind, id, runId, "cancel"), {
    ...requestOptions(options),
    query: { session_id: options.sessionId },
  });
}

function runQuery(options: RunLookupOptions): QueryParams {
  return {
    session_id: options.sessionId,
    factory_input: options.factoryInput ? JSON.stringify(options.factoryInput) : undefined,
  };
}

/** `GET /{kind}/{id}/runs/{run_id}`: a stored run, in full. */
export async function getRun<TOutput>(
  http: Transport,
  kind: RunKind<TOutput>,
  id: string,
  runId: string,
  options: RunLookupOptions,
): Promise<TOutput> {
  return kind.fromDict(await getJson(http, runsPath(kind, id, runId), runQuery(options), options));
}

/** `GET /{kind}/{id}/runs`: the component's runs in a session. */
export function listRuns(
  http: Transport,
  kind: RunKind<unknown>,
  id: string,
  options: RunLookupOptions,
): Promise<RunSchema[]> {
  return getJson(
    http,
    runsPath(kind, id),
    { ...runQuery(options), status: options.status },
    options,
  );
}

/** `POST /{kind}/{id}/runs/{run_id}/resume`: reconnects to a background streamed run. */
export function resumeRun<TEvent, TOutput>(
  http: Transport,
  kind: RunKind<TOutput>,
  id: string,
  runId: string,
  options: ResumeRunOptions,
): RunStream<TEvent, TOutput> {
  const form = resumeForm(options.lastEventIndex, options.sessionId);
  return openStream(http, runsPath(kind, id, runId, "resume"), form, options, kind, id);
}

function resumeForm(lastEventIndex: number | undefined, sessionId: string | undefined): FormData {
  const form = new FormData();
  appendField(form, "last_event_index", lastEventIndex);
  appendField(form, "session_id", sessionId);
  return form;
}

/**
 * Opens a streamed answer lazily: the request starts on the stream's first `next()`. Unless
 * `reconnect: false`, a connection lost mid-run is resumed through the kind's `/resume` route.
 */
function openStream<TEvent, TOutput>(
  http: Transport,
  path: string,
  form: FormData,
  options: RequestOptions & { reconnect?: boolean; sessionId?: string },
  kind: RunKind<TOutput>,
  id: string,
): RunStream<TEvent, TOutput> {
  const send = (to: string, body: FormData, signal: AbortSignal) =>
    http.open("POST", to, {
      ...requestOptions(options),
      signal,
      form: body,
      accept: "text/event-stream",
    });
  const resume: StreamResumer = (runId, lastEventIndex, sessionId, signal) =>
    send(
      runsPath(kind, id, runId, "resume"),
      resumeForm(lastEventIndex, sessionId ?? options.sessionId),
      signal,
    );
  return new RunStream<TEvent, TOutput>(
    (signal) => send(path, form, signal),
    kind.builder(),
    options.signal,
    options.reconnect === false ? undefined : resume,
  );
}
