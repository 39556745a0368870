import type { AgentOSClient } from "../client/agentos-client.js";
import type { RunKind } from "../client/runs.js";
import type { SessionLookupOptions } from "../client-options.js";
import { AgentOSHttpError } from "../errors.js";
import { runDictOfSchema } from "../run-output.js";
import type { RunSchema, SessionDetail } from "../wire/responses.js";
import type { ComponentType } from "./brand.js";

/** One remote component's view of the AgentOS session routes. */
export interface SessionScope<TOutput> {
  readonly client: AgentOSClient;
  readonly kind: ComponentType;
  readonly id: string;
  readonly runs: RunKind<TOutput>;
  /** The lookup options of this component's sessions: type, database, token, user. */
  lookup(userId?: string): Promise<SessionLookupOptions>;
}

/** Resolves to null when the AgentOS answers 404. */
async function orNull<T>(request: Promise<T>): Promise<T | null> {
  try {
    return await request;
  } catch (error) {
    if (AgentOSHttpError.isInstance(error) && error.status === 404) return null;
    throw error;
  }
}

const ID_KEY = { agent: "agent_id", team: "team_id", workflow: "workflow_id" } as const;

/** `GET /sessions/{id}?type=...`: the session, or null when there is none (or not the caller's). */
export async function findSession<TOutput>(
  scope: SessionScope<TOutput>,
  sessionId: string,
  userId?: string,
): Promise<SessionDetail | null> {
  return orNull(scope.client.getSession(sessionId, await scope.lookup(userId)));
}

/** `DELETE /sessions/{id}`: true when the session existed (and is now gone). */
export async function removeSession<TOutput>(
  scope: SessionScope<TOutput>,
  sessionId: string,
  userId?: string,
): Promise<boolean> {
  const options = await scope.lookup(userId);
  if (!(await orNull(scope.client.getSession(sessionId, options)))) return false;
  const { sessionType: _type, ...deleteOptions } = options;
  await scope.client.deleteSession(sessionId, deleteOptions);
  return true;
}

/**
 * Merges `updates` into the session state: `PATCH /sessions/{id}` with the merged state, or
 * `POST /sessions` for a session that does not exist yet. Resolves to the stored state.
 */
export async function mergeSessionState<TOutput>(
  scope: SessionScope<TOutput>,
  sessionId: string,
  updates: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const options = await scope.lookup();
  const current = await orNull(scope.client.getSession(sessionId, options));
  const state = { ...(current?.session_state ?? {}), ...updates };
  if (current) {
    const saved = await scope.client.updateSession(sessionId, { ...options, sessionState: state });
    return saved.session_state ?? state;
  }
  const idOption = { agent: "agentId", team: "teamId", workflow: "workflowId" }[scope.kind];
  const created = await scope.client.createSession({
    ...options,
    sessionId,
    sessionState: state,
    [idOption]: scope.id,
  });
  return created.session_state ?? state;
}

/** `GET /sessions/{id}/runs/{run_id}`: the run's output, or null when there is none. */
export async function findRun<TOutput>(
  scope: SessionScope<TOutput>,
  sessionId: string,
  runId: string,
): Promise<TOutput | null> {
  const options = await scope.lookup();
  const schema = await orNull(scope.client.getSessionRun(sessionId, runId, options));
  return schema ? scope.runs.fromDict(runDictOfSchema(schema, sessionId)) : null;
}

/** This component's own top-level runs of a session (`GET /sessions/{id}/runs`), oldest first. */
async function ownRuns<TOutput>(
  scope: SessionScope<TOutput>,
  sessionId: string,
): Promise<RunSchema[]> {
  const runs = await orNull(scope.client.getSessionRuns(sessionId, await scope.lookup()));
  const key = ID_KEY[scope.kind];
  return (runs ?? []).filter((r) => !r.parent_run_id && r[key] === scope.id);
}

/** The output of the session's latest run of this component, or null when it has none. */
export async function lastRun<TOutput>(
  scope: SessionScope<TOutput>,
  sessionId: string,
): Promise<TOutput | null> {
  const last = (await ownRuns(scope, sessionId)).at(-1);
  return last ? scope.runs.fromDict(runDictOfSchema(last, sessionId)) : null;
}

/**
 * The session's conversation: the user and assistant messages of an agent or team session
 * (`chat_history`), or a workflow session's `{ input, output }` of each run.
 */
export async function chatHistory<TOutput>(
  scope: SessionScope<TOutput>,
  sessionId: string,
): Promise<unknown[]> {
  if (scope.kind === "workflow") {
    return (await ownRuns(scope, sessionId))
      .filter((r) => hasValue(r.run_input) && hasValue(r.content))
      .map((r) => ({ input: r.run_input, output: r.content }));
  }
  return (await findSession(scope, sessionId))?.chat_history ?? [];
}

function hasValue(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "";
}
