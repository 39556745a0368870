import type { DbOptions, EvalRunInput, ListEvalRunsOptions } from "../client-options.js";
import { seg, type Transport } from "../transport.js";
import type { PaginatedResponse } from "../wire/responses.js";
import { type Dict, dbQuery, getJson, pageQuery, sendJson } from "./request.js";

/** `GET /eval-runs`. */
export function listEvalRuns(
  http: Transport,
  options: ListEvalRunsOptions,
): Promise<PaginatedResponse<Dict>> {
  const query = {
    ...dbQuery(options),
    ...pageQuery(options),
    agent_id: options.agentId,
    team_id: options.teamId,
    workflow_id: options.workflowId,
    model_id: options.modelId,
    type: options.filterType,
    eval_types: options.evalTypes,
  };
  return getJson(http, "/eval-runs", query, options);
}

/** `GET /eval-runs/{id}`. */
export function getEvalRun(http: Transport, evalRunId: string, options: DbOptions): Promise<Dict> {
  return getJson(http, `/eval-runs/${seg(evalRunId)}`, dbQuery(options), options);
}

/** `POST /eval-runs`: runs an evaluation of an agent or team. */
export function runEval(http: Transport, input: EvalRunInput, options: DbOptions): Promise<Dict> {
  return sendJson(http, "POST", "/eval-runs", input, dbQuery(options), options);
}

/** `PATCH /eval-runs/{id}`: renames an eval run. */
export function updateEvalRun(
  http: Transport,
  evalRunId: string,
  name: string,
  options: DbOptions,
): Promise<Dict> {
  return sendJson(
    http,
    "PATCH",
    `/eval-runs/${seg(evalRunId)}`,
    { name },
    dbQuery(options),
    options,
  );
}

/** `DELETE /eval-runs`. */
export async function deleteEvalRuns(
  http: Transport,
  evalRunIds: string[],
  options: DbOptions,
): Promise<void> {
  const body = { eval_run_ids: evalRunIds };
  await sendJson(http, "DELETE", "/eval-runs", body, dbQuery(options), options);
}
