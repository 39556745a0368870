import type {
  AgentOSClientOptions,
  CancelRunOptions,
  ContinueAgentRunOptions,
  ContinueTeamRunOptions,
  ContinueWorkflowRunOptions,
  CreateSessionOptions,
  DbOptions,
  EvalRunInput,
  KnowledgeOptions,
  ListEvalRunsOptions,
  ListMemoriesOptions,
  ListSessionsOptions,
  ListTracesOptions,
  MemoryInput,
  MemoryLookupOptions,
  MetricsOptions,
  PageOptions,
  RefreshMetricsOptions,
  ResumeRunOptions,
  RunCallOptions,
  RunLookupOptions,
  SearchKnowledgeOptions,
  SessionLookupOptions,
  SessionRunsOptions,
  TeamRunCallOptions,
  TraceLookupOptions,
  UpdateKnowledgeOptions,
  UpdateSessionOptions,
  UploadKnowledgeOptions,
} from "../client-options.js";
import type { RunRequestOptions } from "../form.js";
import type {
  RemoteRunOutput,
  RemoteTeamRunOutput,
  RemoteWorkflowRunOutput,
} from "../run-output.js";
import { type RequestOptions, Transport } from "../transport.js";
import type {
  AgentResponse,
  BackgroundRunResponse,
  ConfigResponse,
  DayAggregatedMetrics,
  KnowledgeConfig,
  KnowledgeContent,
  KnowledgeContentStatus,
  KnowledgeSearchResult,
  MetricsResponse,
  PaginatedResponse,
  RunSchema,
  SessionDetail,
  SessionSchema,
  TeamResponse,
  TraceDetail,
  TraceSummary,
  UserMemory,
  UserMemoryStats,
  WorkflowResponse,
  WorkflowSummary,
} from "../wire/responses.js";
import * as discovery from "./discovery.js";
import * as evals from "./evals.js";
import * as knowledge from "./knowledge.js";
import * as memories from "./memories.js";
import * as metrics from "./metrics.js";
import { type Dict, stripUndefined } from "./request.js";
import type { AgentRunStream, TeamRunStream, WorkflowRunStream } from "./runs.js";
import * as runs from "./runs.js";
import * as sessions from "./sessions.js";
import * as traces from "./traces.js";

/**
 * A client of a running AgentOS: discovery, agent / team / workflow runs (plain or streamed),
 * sessions, memories, knowledge, traces, metrics and evals. It uses `fetch` only, so it runs in
 * browsers, Node 20+, Deno, Bun and edge runtimes.
 *
 * Every method takes per-call `headers`, `authToken` (a bearer token), `signal` and `timeout`.
 * Failures throw {@link RemoteServerUnavailableError} (unreachable, timed out) or
 * {@link AgentOSHttpError} (a 4xx / 5xx answer, with the server's `detail`).
 *
 * @example
 * const client = new AgentOSClient({ baseUrl: "http://localhost:7777" });
 * const config = await client.getConfig();
 * const run = await client.runAgent(config.agents[0]!.id, "What is 2 + 2?");
 * console.log(run.content);
 */
export class AgentOSClient {
  /** The AgentOS base URL (without a trailing slash). */
  readonly baseUrl: string;
  /** Seconds a request may take. */
  readonly timeout: number;
  readonly #http: Transport;

  constructor(options: AgentOSClientOptions) {
    this.#http = new Transport({ timeout: 60, ...stripUndefined(options) });
    this.baseUrl = this.#http.baseUrl;
    this.timeout = this.#http.timeout;
  }

  // Discovery

  /** `GET /config`: the AgentOS's id, name, agents, teams, workflows, databases and interfaces. */
  getConfig(options: RequestOptions = {}): Promise<ConfigResponse> {
    return discovery.getConfig(this.#http, options);
  }

  /** `GET /health`. */
  getHealth(options: RequestOptions = {}): Promise<{ status: string; [key: string]: unknown }> {
    return discovery.getHealth(this.#http, options);
  }

  /** `GET /models`: the models the AgentOS's agents and teams use. */
  getModels(options: RequestOptions = {}): Promise<Array<{ id: string; provider: string }>> {
    return discovery.getModels(this.#http, options);
  }

  /** `GET /agents`. */
  listAgents(options: RequestOptions = {}): Promise<AgentResponse[]> {
    return discovery.listAgents(this.#http, options);
  }

  /** `GET /agents/{id}`: the agent's configuration (404 when unknown). */
  getAgent(agentId: string, options: RequestOptions = {}): Promise<AgentResponse> {
    return discovery.getAgent(this.#http, agentId, options);
  }

  /** `GET /teams`. */
  listTeams(options: RequestOptions = {}): Promise<TeamResponse[]> {
    return discovery.listTeams(this.#http, options);
  }

  /** `GET /teams/{id}`. */
  getTeam(teamId: string, options: RequestOptions = {}): Promise<TeamResponse> {
    return discovery.getTeam(this.#http, teamId, options);
  }

  /** `GET /workflows`. */
  listWorkflows(options: RequestOptions = {}): Promise<WorkflowSummary[]> {
    return discovery.listWorkflows(this.#http, options);
  }

  /** `GET /workflows/{id}`. */
  getWorkflow(
    workflowId: string,
    options: RequestOptions & { version?: number } = {},
  ): Promise<WorkflowResponse> {
    return discovery.getWorkflow(this.#http, workflowId, options);
  }

  // Agents

  /**
   * `POST /agents/{id}/runs` without streaming: resolves to the run's output. Model errors are
   * not HTTP errors: the output has `status: "ERROR"`. With `background: true`, resolves to the
   * server's `{ run_id, session_id, status }` at once.
   */
  runAgent(
    agentId: string,
    message: unknown,
    options: RunCallOptions & { background: true },
  ): Promise<BackgroundRunResponse>;
  runAgent(agentId: string, message: unknown, options?: RunCallOptions): Promise<RemoteRunOutput>;
  runAgent(
    agentId: string,
    message: unknown,
    options: RunCallOptions = {},
  ): Promise<RemoteRunOutput | BackgroundRunResponse> {
    return runs.run(this.#http, runs.AGENT_RUNS, agentId, message, options);
  }

  /** `POST /agents/{id}/runs` streamed: the run's events as they happen. */
  runAgentStream(
    agentId: string,
    message: unknown,
    options: RunRequestOptions & { background?: boolean } = {},
  ): AgentRunStream {
    return runs.runStream(this.#http, runs.AGENT_RUNS, agentId, message, options);
  }

  /** `POST /agents/{id}/runs/{run_id}/continue`: continues a paused run. */
  continueAgentRun(
    agentId: string,
    runId: string,
    options: ContinueAgentRunOptions = {},
  ): Promise<RemoteRunOutput> {
    const form = runs.agentContinueForm(options, false);
    return runs.continueRun(this.#http, runs.AGENT_RUNS, agentId, runId, form, options);
  }

  /** Streamed `continueAgentRun`. */
  continueAgentRunStream(
    agentId: string,
    runId: string,
    options: ContinueAgentRunOptions = {},
  ): AgentRunStream {
    const form = runs.agentContinueForm(options, true);
    return runs.continueStream(this.#http, runs.AGENT_RUNS, agentId, runId, form, options);
  }

  /** `POST /agents/{id}/runs/{run_id}/cancel`. */
  cancelAgentRun(agentId: string, runId: string, options: CancelRunOptions = {}): Promise<void> {
    return runs.cancelRun(this.#http, runs.AGENT_RUNS, agentId, runId, options);
  }

  /** `GET /agents/{id}/runs/{run_id}`: a stored run, in full. */
  getAgentRun(agentId: string, runId: string, options: RunLookupOptions): Promise<RemoteRunOutput> {
    return runs.getRun(this.#http, runs.AGENT_RUNS, agentId, runId, options);
  }

  /** `GET /agents/{id}/runs`: the agent's runs in a session. */
  listAgentRuns(agentId: string, options: RunLookupOptions): Promise<RunSchema[]> {
    return runs.listRuns(this.#http, runs.AGENT_RUNS, agentId, options);
  }

  /** `POST /agents/{id}/runs/{run_id}/resume`: the run's events after `lastEventIndex`. */
  resumeAgentRun(agentId: string, runId: string, options: ResumeRunOptions = {}): AgentRunStream {
    return runs.resumeRun(this.#http, runs.AGENT_RUNS, agentId, runId, options);
  }

  // Teams

  /** `POST /teams/{id}/runs` without streaming. */
  runTeam(
    teamId: string,
    message: unknown,
    options: TeamRunCallOptions & { background: true },
  ): Promise<BackgroundRunResponse>;
  runTeam(
    teamId: string,
    message: unknown,
    options?: TeamRunCallOptions,
  ): Promise<RemoteTeamRunOutput>;
  runTeam(
    teamId: string,
    message: unknown,
    options: TeamRunCallOptions = {},
  ): Promise<RemoteTeamRunOutput | BackgroundRunResponse> {
    return runs.run(this.#http, runs.TEAM_RUNS, teamId, message, options);
  }

  /** `POST /teams/{id}/runs` streamed: the team's events and its members'. */
  runTeamStream(teamId: string, message: unknown, options: TeamRunCallOptions = {}): TeamRunStream {
    const extra = { monitor: options.monitor };
    return runs.runStream(this.#http, runs.TEAM_RUNS, teamId, message, options, extra);
  }

  /** `POST /teams/{id}/runs/{run_id}/continue`: continues a paused team run. */
  continueTeamRun(
    teamId: string,
    runId: string,
    options: ContinueTeamRunOptions = {},
  ): Promise<RemoteTeamRunOutput> {
    const form = runs.teamContinueForm(options, false);
    return runs.continueRun(this.#http, runs.TEAM_RUNS, teamId, runId, form, options);
  }

  /** Streamed `continueTeamRun`: the team's events and its members'. */
  continueTeamRunStream(
    teamId: string,
    runId: string,
    options: ContinueTeamRunOptions = {},
  ): TeamRunStream {
    const form = runs.teamContinueForm(options, true);
    return runs.continueStream(this.#http, runs.TEAM_RUNS, teamId, runId, form, options);
  }

  /** `POST /teams/{id}/runs/{run_id}/cancel`. */
  cancelTeamRun(teamId: string, runId: string, options: CancelRunOptions = {}): Promise<void> {
    return runs.cancelRun(this.#http, runs.TEAM_RUNS, teamId, runId, options);
  }

  /** `GET /teams/{id}/runs/{run_id}`. */
  getTeamRun(
    teamId: string,
    runId: string,
    options: RunLookupOptions,
  ): Promise<RemoteTeamRunOutput> {
    return runs.getRun(this.#http, runs.TEAM_RUNS, teamId, runId, options);
  }

  /** `GET /teams/{id}/runs`. */
  listTeamRuns(teamId: string, options: RunLookupOptions): Promise<RunSchema[]> {
    return runs.listRuns(this.#http, runs.TEAM_RUNS, teamId, options);
  }

  /** `POST /teams/{id}/runs/{run_id}/resume`: the team run's events after `lastEventIndex`. */
  resumeTeamRun(teamId: string, runId: string, options: ResumeRunOptions = {}): TeamRunStream {
    return runs.resumeRun(this.#http, runs.TEAM_RUNS, teamId, runId, options);
  }

  // Workflows

  /** `POST /workflows/{id}/runs` without streaming. */
  runWorkflow(
    workflowId: string,
    message: unknown,
    options: RunCallOptions & { background: true },
  ): Promise<BackgroundRunResponse>;
  runWorkflow(
    workflowId: string,
    message: unknown,
    options?: RunCallOptions,
  ): Promise<RemoteWorkflowRunOutput>;
  runWorkflow(
    workflowId: string,
    message: unknown,
    options: RunCallOptions = {},
  ): Promise<RemoteWorkflowRunOutput | BackgroundRunResponse> {
    return runs.run(this.#http, runs.WORKFLOW_RUNS, workflowId, message, options);
  }

  /** `POST /workflows/{id}/runs` streamed: the workflow's events and its steps'. */
  runWorkflowStream(
    workflowId: string,
    message: unknown,
    options: RunCallOptions = {},
  ): WorkflowRunStream {
    return runs.runStream(this.#http, runs.WORKFLOW_RUNS, workflowId, message, options);
  }

  /** `POST /workflows/{id}/runs/{run_id}/continue`: continues a paused workflow run. */
  continueWorkflowRun(
    workflowId: string,
    runId: string,
    options: ContinueWorkflowRunOptions = {},
  ): Promise<RemoteWorkflowRunOutput> {
    const form = runs.workflowContinueForm(options, false);
    return runs.continueRun(this.#http, runs.WORKFLOW_RUNS, workflowId, runId, form, options);
  }

  /** Streamed `continueWorkflowRun`. */
  continueWorkflowRunStream(
    workflowId: string,
    runId: string,
    options: ContinueWorkflowRunOptions = {},
  ): WorkflowRunStream {
    const form = runs.workflowContinueForm(options, true);
    return runs.continueStream(this.#http, runs.WORKFLOW_RUNS, workflowId, runId, form, options);
  }

  /** `POST /workflows/{id}/runs/{run_id}/cancel`. */
  cancelWorkflowRun(
    workflowId: string,
    runId: string,
    options: CancelRunOptions = {},
  ): Promise<void> {
    return runs.cancelRun(this.#http, runs.WORKFLOW_RUNS, workflowId, runId, options);
  }

  /** `GET /workflows/{id}/runs/{run_id}`. */
  getWorkflowRun(
    workflowId: string,
    runId: string,
    options: RunLookupOptions,
  ): Promise<RemoteWorkflowRunOutput> {
    return runs.getRun(this.#http, runs.WORKFLOW_RUNS, workflowId, runId, options);
  }

  /** `GET /workflows/{id}/runs`. */
  listWorkflowRuns(workflowId: string, options: RunLookupOptions): Promise<RunSchema[]> {
    return runs.listRuns(this.#http, runs.WORKFLOW_RUNS, workflowId, options);
  }

  /** `POST /workflows/{id}/runs/{run_id}/resume`: the workflow run's events after `lastEventIndex`. */
  resumeWorkflowRun(
    workflowId: string,
    runId: string,
    options: ResumeRunOptions = {},
  ): WorkflowRunStream {
    return runs.resumeRun(this.#http, runs.WORKFLOW_RUNS, workflowId, runId, options);
  }

  // Memories

  /** `POST /memories`: stores a memory for a user. */
  createMemory(options: MemoryInput): Promise<UserMemory> {
    return memories.createMemory(this.#http, options);
  }

  /** `GET /memories/{id}`. */
  getMemory(memoryId: string, options: MemoryLookupOptions = {}): Promise<UserMemory> {
    return memories.getMemory(this.#http, memoryId, options);
  }

  /** `GET /memories`: memories filtered by user, agent, team, topics or text, one page at a time. */
  listMemories(options: ListMemoriesOptions = {}): Promise<PaginatedResponse<UserMemory>> {
    return memories.listMemories(this.#http, options);
  }

  /** `PATCH /memories/{id}`. */
  updateMemory(memoryId: string, options: MemoryInput): Promise<UserMemory> {
    return memories.updateMemory(this.#http, memoryId, options);
  }

  /** `DELETE /memories/{id}`. */
  deleteMemory(memoryId: string, options: MemoryLookupOptions = {}): Promise<void> {
    return memories.deleteMemory(this.#http, memoryId, options);
  }

  /** `DELETE /memories`: deletes several memories. */
  deleteMemories(memoryIds: string[], options: MemoryLookupOptions = {}): Promise<void> {
    return memories.deleteMemories(this.#http, memoryIds, options);
  }

  /** `GET /memory_topics`. */
  getMemoryTopics(options: MemoryLookupOptions = {}): Promise<string[]> {
    return memories.getMemoryTopics(this.#http, options);
  }

  /** `GET /user_memory_stats`. */
  getUserMemoryStats(
    options: MemoryLookupOptions & { limit?: number; page?: number } = {},
  ): Promise<PaginatedResponse<UserMemoryStats>> {
    return memories.getUserMemoryStats(this.#http, options);
  }

  // Sessions

  /** `POST /sessions`: creates a session (201). */
  createSession(options: CreateSessionOptions = {}): Promise<SessionDetail> {
    return sessions.createSession(this.#http, options);
  }

  /** `GET /sessions`: sessions filtered by type, component, user or name, one page at a time. */
  getSessions(options: ListSessionsOptions = {}): Promise<PaginatedResponse<SessionSchema>> {
    return sessions.listSessions(this.#http, options);
  }

  /** Same as {@link getSessions}. */
  listSessions(options: ListSessionsOptions = {}): Promise<PaginatedResponse<SessionSchema>> {
    return sessions.listSessions(this.#http, options);
  }

  /** `GET /sessions/{id}`. */
  getSession(sessionId: string, options: SessionLookupOptions = {}): Promise<SessionDetail> {
    return sessions.getSession(this.#http, sessionId, options);
  }

  /** `GET /sessions/{id}/runs`. */
  getSessionRuns(sessionId: string, options: SessionRunsOptions = {}): Promise<RunSchema[]> {
    return sessions.getSessionRuns(this.#http, sessionId, options);
  }

  /** `GET /sessions/{id}/runs/{run_id}`. */
  getSessionRun(
    sessionId: string,
    runId: string,
    options: SessionLookupOptions = {},
  ): Promise<RunSchema> {
    return sessions.getSessionRun(this.#http, sessionId, runId, options);
  }

  /** `POST /sessions/{id}/rename`. */
  renameSession(
    sessionId: string,
    sessionName: string,
    options: SessionLookupOptions = {},
  ): Promise<SessionDetail> {
    return sessions.renameSession(this.#http, sessionId, sessionName, options);
  }

  /** `PATCH /sessions/{id}`: updates name, state, metadata or summary. */
  updateSession(sessionId: string, options: UpdateSessionOptions): Promise<SessionDetail> {
    return sessions.updateSession(this.#http, sessionId, options);
  }

  /** `DELETE /sessions/{id}`. */
  deleteSession(sessionId: string, options: SessionLookupOptions = {}): Promise<void> {
    return sessions.deleteSession(this.#http, sessionId, options);
  }

  /** `DELETE /sessions`: deletes several sessions (one type per id). */
  deleteSessions(
    sessionIds: string[],
    sessionTypes: string[],
    options: SessionLookupOptions = {},
  ): Promise<void> {
    return sessions.deleteSessions(this.#http, sessionIds, sessionTypes, options);
  }

  // Knowledge

  /** `POST /knowledge/content`: adds a file, URL or text (processed in the background, 202). */
  uploadKnowledgeContent(options: UploadKnowledgeOptions): Promise<KnowledgeContent> {
    return knowledge.uploadKnowledgeContent(this.#http, options);
  }

  /** `PATCH /knowledge/content/{id}`. */
  updateKnowledgeContent(
    contentId: string,
    options: UpdateKnowledgeOptions,
  ): Promise<KnowledgeContent> {
    return knowledge.updateKnowledgeContent(this.#http, contentId, options);
  }

  /** `GET /knowledge/content`. */
  listKnowledgeContent(
    options: KnowledgeOptions & PageOptions = {},
  ): Promise<PaginatedResponse<KnowledgeContent>> {
    return knowledge.listKnowledgeContent(this.#http, options);
  }

  /** `GET /knowledge/content/{id}`. */
  getKnowledgeContent(
    contentId: string,
    options: KnowledgeOptions = {},
  ): Promise<KnowledgeContent> {
    return knowledge.getKnowledgeContent(this.#http, contentId, options);
  }

  /** `GET /knowledge/content/{id}/status`. */
  getKnowledgeContentStatus(
    contentId: string,
    options: KnowledgeOptions = {},
  ): Promise<KnowledgeContentStatus> {
    return knowledge.getKnowledgeContentStatus(this.#http, contentId, options);
  }

  /** `DELETE /knowledge/content/{id}`. */
  deleteKnowledgeContent(
    contentId: string,
    options: KnowledgeOptions = {},
  ): Promise<KnowledgeContent> {
    return knowledge.deleteKnowledgeContent(this.#http, contentId, options);
  }

  /** `DELETE /knowledge/content`: removes every content of the knowledge base. */
  deleteAllKnowledgeContent(options: KnowledgeOptions = {}): Promise<void> {
    return knowledge.deleteAllKnowledgeContent(this.#http, options);
  }

  /** `POST /knowledge/search`. */
  searchKnowledge(
    query: string,
    options: SearchKnowledgeOptions = {},
  ): Promise<PaginatedResponse<KnowledgeSearchResult>> {
    return knowledge.searchKnowledge(this.#http, query, options);
  }

  /** `GET /knowledge/config`: readers, chunkers, vector dbs and filters. */
  getKnowledgeConfig(options: KnowledgeOptions = {}): Promise<KnowledgeConfig> {
    return knowledge.getKnowledgeConfig(this.#http, options);
  }

  // Traces

  /** `GET /traces`: traces filtered by run, session, user, component, status or time. */
  getTraces(options: ListTracesOptions = {}): Promise<PaginatedResponse<TraceSummary>> {
    return traces.listTraces(this.#http, options);
  }

  /** Same as {@link getTraces}. */
  listTraces(options: ListTracesOptions = {}): Promise<PaginatedResponse<TraceSummary>> {
    return traces.listTraces(this.#http, options);
  }

  /** `GET /traces/{id}`: the trace with its span tree (or one span with `spanId`). */
  getTrace(traceId: string, options: TraceLookupOptions = {}): Promise<TraceDetail> {
    return traces.getTrace(this.#http, traceId, options);
  }

  // Metrics

  /** `GET /metrics`: daily aggregated metrics, optionally between two days. */
  getMetrics(options: MetricsOptions = {}): Promise<MetricsResponse> {
    return metrics.getMetrics(this.#http, options);
  }

  /** `POST /metrics/refresh`: recomputes the metrics (in the background with `background`). */
  refreshMetrics(options: RefreshMetricsOptions = {}): Promise<DayAggregatedMetrics[] | Dict> {
    return metrics.refreshMetrics(this.#http, options);
  }

  // Evals

  /** `GET /eval-runs`. */
  listEvalRuns(options: ListEvalRunsOptions = {}): Promise<PaginatedResponse<Dict>> {
    return evals.listEvalRuns(this.#http, options);
  }

  /** `GET /eval-runs/{id}`. */
  getEvalRun(evalRunId: string, options: DbOptions = {}): Promise<Dict> {
    return evals.getEvalRun(this.#http, evalRunId, options);
  }

  /** `POST /eval-runs`: runs an evaluation of an agent or team. */
  runEval(input: EvalRunInput, options: DbOptions = {}): Promise<Dict> {
    return evals.runEval(this.#http, input, options);
  }

  /** `PATCH /eval-runs/{id}`: renames an eval run. */
  updateEvalRun(evalRunId: string, name: string, options: DbOptions = {}): Promise<Dict> {
    return evals.updateEvalRun(this.#http, evalRunId, name, options);
  }

  /** `DELETE /eval-runs`. */
  deleteEvalRuns(evalRunIds: string[], options: DbOptions = {}): Promise<void> {
    return evals.deleteEvalRuns(this.#http, evalRunIds, options);
  }
}
