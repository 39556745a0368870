import type {
  CreateSessionOptions,
  ListSessionsOptions,
  SessionLookupOptions,
  SessionRunsOptions,
  UpdateSessionOptions,
} from "../client-options.js";
import { type QueryParams, seg, type Transport } from "../transport.js";
import type {
  PaginatedResponse,
  RunSchema,
  SessionDetail,
  SessionSchema,
} from "../wire/responses.js";
import { dbQuery, getJson, pageQuery, sendJson, stripUndefined } from "./request.js";

function sessionQuery(options: SessionLookupOptions): QueryParams {
  return { ...dbQuery(options), type: options.sessionType, user_id: options.userId };
}

const sessionPath = (sessionId: string) => `/sessions/${seg(sessionId)}`;

/** `POST /sessions`: creates a session (201). */
export function createSession(
  http: Transport,
  options: CreateSessionOptions,
): Promise<SessionDetail> {
  const body = stripUndefined({
    session_id: options.sessionId,
    session_name: options.sessionName,
    session_state: options.sessionState,
    metadata: options.metadata,
    user_id: options.userId,
    agent_id: options.agentId,
    team_id: options.teamId,
    workflow_id: options.workflowId,
  });
  const query = { type: options.sessionType ?? "agent", db_id: options.dbId };
  return sendJson(http, "POST", "/sessions", body, query, options);
}

/** `GET /sessions`: sessions filtered by type, component, user or name, one page at a time. */
export function listSessions(
  http: Transport,
  options: ListSessionsOptions,
): Promise<PaginatedResponse<SessionSchema>> {
  const query = {
    ...dbQuery(options),
    ...pageQuery(options),
    type: options.sessionType,
    component_id: options.componentId,
    user_id: options.userId,
    session_name: options.sessionName,
  };
  return getJson(http, "/sessions", query, options);
}

/** `GET /sessions/{id}`. */
export function getSession(
  http: Transport,
  sessionId: string,
  options: SessionLookupOptions,
): Promise<SessionDetail> {
  return getJson(http, sessionPath(sessionId), sessionQuery(options), options);
}

/** `GET /sessions/{id}/runs`. */
export function getSessionRuns(
  http: Transport,
  sessionId: string,
  options: SessionRunsOptions,
): Promise<RunSchema[]> {
  const query = {
    ...sessionQuery(options),
    created_after: options.createdAfter,
    created_before: options.createdBefore,
  };
  return getJson(http, `${sessionPath(sessionId)}/runs`, query, options);
}

/** `GET /sessions/{id}/runs/{run_id}`. */
export function getSessionRun(
  http: Transport,
  sessionId: string,
  runId: string,
  options: SessionLookupOptions,
): Promise<RunSchema> {
  return getJson(
    http,
    `${sessionPath(sessionId)}/runs/${seg(runId)}`,
    sessionQuery(options),
    options,
  );
}

/** `POST /sessions/{id}/rename`. */
export function renameSession(
  http: Transport,
  sessionId: string,
  sessionName: string,
  options: SessionLookupOptions,
): Promise<SessionDetail> {
  const path = `${sessionPath(sessionId)}/rename`;
  return sendJson(
    http,
    "POST",
    path,
    { session_name: sessionName },
    sessionQuery(options),
    options,
  );
}

/** `PATCH /sessions/{id}`: updates name, state, metadata or summary. */
export function updateSession(
  http: Transport,
  sessionId: string,
  options: UpdateSessionOptions,
): Promise<SessionDetail> {
  const body = stripUndefined({
    session_name: options.sessionName,
    session_state: options.sessionState,
    metadata: options.metadata,
    summary: options.summary,
  });
  return sendJson(http, "PATCH", sessionPath(sessionId), body, sessionQuery(options), options);
}

/** `DELETE /sessions/{id}`. */
export async function deleteSession(
  http: Transport,
  sessionId: string,
  options: SessionLookupOptions,
): Promise<void> {
  await sendJson(http, "DELETE", sessionPath(sessionId), undefined, sessionQuery(options), options);
}

/** `DELETE /sessions`: deletes several sessions (one type per id). */
export async function deleteSessions(
  http: Transport,
  sessionIds: string[],
  sessionTypes: string[],
  options: SessionLookupOptions,
): Promise<void> {
  const body = { session_ids: sessionIds, session_types: sessionTypes };
  await sendJson(http, "DELETE", "/sessions", body, sessionQuery(options), options);
}
