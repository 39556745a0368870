import type { ListTracesOptions, TraceLookupOptions } from "../client-options.js";
import { seg, type Transport } from "../transport.js";
import type { PaginatedResponse, TraceDetail, TraceSummary } from "../wire/responses.js";
import { getJson } from "./request.js";

/** `GET /traces`: traces filtered by run, session, user, component, status or time. */
export function listTraces(
  http: Transport,
  options: ListTracesOptions,
): Promise<PaginatedResponse<TraceSummary>> {
  const query = {
    run_id: options.runId,
    session_id: options.sessionId,
    user_id: options.userId,
    agent_id: options.agentId,
    team_id: options.teamId,
    workflow_id: options.workflowId,
    status: options.status,
    start_time: options.startTime,
    end_time: options.endTime,
    page: options.page ?? 1,
    limit: options.limit ?? 20,
    db_id: options.dbId,
  };
  return getJson(http, "/traces", query, options);
}

/** `GET /traces/{id}`: the trace with its span tree (or one span with `spanId`). */
export function getTrace(
  http: Transport,
  traceId: string,
  options: TraceLookupOptions,
): Promise<TraceDetail> {
  const query = { span_id: options.spanId, run_id: options.runId, db_id: options.dbId };
  return getJson(http, `/traces/${seg(traceId)}`, query, options);
}
