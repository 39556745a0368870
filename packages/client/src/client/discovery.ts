import { type RequestOptions, seg, type Transport } from "../transport.js";
import type {
  AgentResponse,
  ConfigResponse,
  TeamResponse,
  WorkflowResponse,
  WorkflowSummary,
} from "../wire/responses.js";
import { getJson } from "./request.js";

/** `GET /config`: the AgentOS's id, name, agents, teams, workflows, databases and interfaces. */
export function getConfig(http: Transport, options: RequestOptions): Promise<ConfigResponse> {
  return getJson(http, "/config", {}, options);
}

/** `GET /health`. */
export function getHealth(
  http: Transport,
  options: RequestOptions,
): Promise<{ status: string; [key: string]: unknown }> {
  return getJson(http, "/health", {}, options);
}

/** `GET /models`: the models the AgentOS's agents and teams use. */
export function getModels(
  http: Transport,
  options: RequestOptions,
): Promise<Array<{ id: string; provider: string }>> {
  return getJson(http, "/models", {}, options);
}

/** `GET /agents`. */
export function listAgents(http: Transport, options: RequestOptions): Promise<AgentResponse[]> {
  return getJson(http, "/agents", {}, options);
}

/** `GET /agents/{id}`: the agent's configuration (404 when unknown). */
export function getAgent(
  http: Transport,
  agentId: string,
  options: RequestOptions,
): Promise<AgentResponse> {
  return getJson(http, `/agents/${seg(agentId)}`, {}, options);
}

/** `GET /teams`. */
export function listTeams(http: Transport, options: RequestOptions): Promise<TeamResponse[]> {
  return getJson(http, "/teams", {}, options);
}

/** `GET /teams/{id}`. */
export function getTeam(
  http: Transport,
  teamId: string,
  options: RequestOptions,
): Promise<TeamResponse> {
  return getJson(http, `/teams/${seg(teamId)}`, {}, options);
}

/** `GET /workflows`. */
export function listWorkflows(
  http: Transport,
  options: RequestOptions,
): Promise<WorkflowSummary[]> {
  return getJson(http, "/workflows", {}, options);
}

/** `GET /workflows/{id}` (a stored workflow's `version` when given). */
export function getWorkflow(
  http: Transport,
  workflowId: string,
  options: RequestOptions & { version?: number },
): Promise<WorkflowResponse> {
  return getJson(http, `/workflows/${seg(workflowId)}`, { version: options.version }, options);
}
