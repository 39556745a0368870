import type {
  DbOptions,
  EvalRunInput,
  KnowledgeOptions,
  ListEvalRunsOptions,
  ListTracesOptions,
  MetricsOptions,
  PageOptions,
  RefreshMetricsOptions,
  SearchKnowledgeOptions,
  TraceLookupOptions,
  UpdateKnowledgeOptions,
  UploadKnowledgeOptions,
} from "../client-options.js";
import { appendField } from "../form.js";
import { seg } from "../transport.js";
import type {
  DayAggregatedMetrics,
  KnowledgeConfig,
  KnowledgeContent,
  KnowledgeContentStatus,
  KnowledgeSearchResult,
  MetricsResponse,
  PaginatedResponse,
  TraceDetail,
  TraceSummary,
} from "../types.js";
import { type Dict, day, dbQuery, knowledgeQuery, pageQuery, stripUndefined } from "./base.js";
import { DataClient } from "./data.js";

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
export class AgentOSClient extends DataClient {
  // Knowledge

  /** `POST /knowledge/content`: adds a file, URL or text (processed in the background, 202). */
  uploadKnowledgeContent(options: UploadKnowledgeOptions): Promise<KnowledgeContent> {
    const form = new FormData();
    appendField(form, "name", options.name);
    appendField(form, "description", options.description);
    appendField(form, "url", options.url);
    appendField(form, "metadata", options.metadata);
    appendField(form, "text_content", options.textContent);
    appendField(form, "reader_id", options.readerId);
    appendField(form, "chunker", options.chunker);
    appendField(form, "chunk_size", options.chunkSize);
    appendField(form, "chunk_overlap", options.chunkOverlap);
    appendField(form, "file", options.file);
    return this.postForm("/knowledge/content", form, options, knowledgeQuery(options));
  }

  /** `PATCH /knowledge/content/{id}`. */
  updateKnowledgeContent(
    contentId: string,
    options: UpdateKnowledgeOptions,
  ): Promise<KnowledgeContent> {
    const form = new FormData();
    appendField(form, "name", options.name);
    appendField(form, "description", options.description);
    appendField(form, "metadata", options.metadata);
    appendField(form, "reader_id", options.readerId);
    return this.http.request("PATCH", `/knowledge/content/${seg(contentId)}`, {
      ...options,
      form,
      query: knowledgeQuery(options),
    });
  }

  /** `GET /knowledge/content`. */
  listKnowledgeContent(
    options: KnowledgeOptions & PageOptions = {},
  ): Promise<PaginatedResponse<KnowledgeContent>> {
    return this.getJson(
      "/knowledge/content",
      { ...knowledgeQuery(options), ...pageQuery(options) },
      options,
    );
  }

  /** `GET /knowledge/content/{id}`. */
  getKnowledgeContent(
    contentId: string,
    options: KnowledgeOptions = {},
  ): Promise<KnowledgeContent> {
    return this.getJson(`/knowledge/content/${seg(contentId)}`, knowledgeQuery(options), options);
  }

  /** `GET /knowledge/content/{id}/status`. */
  getKnowledgeContentStatus(
    contentId: string,
    options: KnowledgeOptions = {},
  ): Promise<KnowledgeContentStatus> {
    return this.getJson(
      `/knowledge/content/${seg(contentId)}/status`,
      knowledgeQuery(options),
      options,
    );
  }

  /** `DELETE /knowledge/content/{id}`. */
  deleteKnowledgeContent(
    contentId: string,
    options: KnowledgeOptions = {},
  ): Promise<KnowledgeContent> {
    return this.sendJson(
      "DELETE",
      `/knowledge/content/${seg(contentId)}`,
      undefined,
      knowledgeQuery(options),
      options,
    );
  }

  /** `DELETE /knowledge/content`: removes every content of the knowledge base. */
  async deleteAllKnowledgeContent(options: KnowledgeOptions = {}): Promise<void> {
    await this.sendJson(
      "DELETE",
      "/knowledge/content",
      undefined,
      knowledgeQuery(options),
      options,
    );
  }

  /** `POST /knowledge/search`. */
  searchKnowledge(
    query: string,
    options: SearchKnowledgeOptions = {},
  ): Promise<PaginatedResponse<KnowledgeSearchResult>> {
    const body = stripUndefined({
      query,
      max_results: options.maxResults,
      filters: options.filters,
      search_type: options.searchType,
      vector_db_ids: options.vectorDbIds,
      db_id: options.dbId,
      knowledge_id: options.knowledgeId,
      meta: { limit: options.limit ?? 20, page: options.page ?? 1 },
    });
    return this.sendJson("POST", "/knowledge/search", body, {}, options);
  }

  /** `GET /knowledge/config`: readers, chunkers, vector dbs and filters. */
  getKnowledgeConfig(options: KnowledgeOptions = {}): Promise<KnowledgeConfig> {
    return this.getJson("/knowledge/config", knowledgeQuery(options), options);
  }

  // Traces

  /** `GET /traces`: traces filtered by run, session, user, component, status or time. */
  getTraces(options: ListTracesOptions = {}): Promise<PaginatedResponse<TraceSummary>> {
    return this.getJson(
      "/traces",
      {
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
      },
      options,
    );
  }

  /** Same as {@link getTraces}. */
  listTraces(options: ListTracesOptions = {}): Promise<PaginatedResponse<TraceSummary>> {
    return this.getTraces(options);
  }

  /** `GET /traces/{id}`: the trace with its span tree (or one span with `spanId`). */
  getTrace(traceId: string, options: TraceLookupOptions = {}): Promise<TraceDetail> {
    return this.getJson(
      `/traces/${seg(traceId)}`,
      { span_id: options.spanId, run_id: options.runId, db_id: options.dbId },
      options,
    );
  }

  // Metrics

  /** `GET /metrics`: daily aggregated metrics, optionally between two days. */
  getMetrics(options: MetricsOptions = {}): Promise<MetricsResponse> {
    return this.getJson(
      "/metrics",
      {
        ...dbQuery(options),
        starting_date: day(options.startingDate),
        ending_date: day(options.endingDate),
      },
      options,
    );
  }

  /** `POST /metrics/refresh`: recomputes the metrics (in the background with `background`). */
  refreshMetrics(options: RefreshMetricsOptions = {}): Promise<DayAggregatedMetrics[] | Dict> {
    return this.sendJson(
      "POST",
      "/metrics/refresh",
      undefined,
      { ...dbQuery(options), background: options.background },
      options,
    );
  }

  // Evals

  /** `GET /eval-runs`. */
  listEvalRuns(options: ListEvalRunsOptions = {}): Promise<PaginatedResponse<Dict>> {
    return this.getJson(
      "/eval-runs",
      {
        ...dbQuery(options),
        ...pageQuery(options),
        agent_id: options.agentId,
        team_id: options.teamId,
        workflow_id: options.workflowId,
        model_id: options.modelId,
        type: options.filterType,
        eval_types: options.evalTypes,
      },
      options,
    );
  }

  /** `GET /eval-runs/{id}`. */
  getEvalRun(evalRunId: string, options: DbOptions = {}): Promise<Dict> {
    return this.getJson(`/eval-runs/${seg(evalRunId)}`, dbQuery(options), options);
  }

  /** `POST /eval-runs`: runs an evaluation of an agent or team. */
  runEval(input: EvalRunInput, options: DbOptions = {}): Promise<Dict> {
    return this.sendJson("POST", "/eval-runs", input, dbQuery(options), options);
  }

  /** `PATCH /eval-runs/{id}`: renames an eval run. */
  updateEvalRun(evalRunId: string, name: string, options: DbOptions = {}): Promise<Dict> {
    return this.sendJson(
      "PATCH",
      `/eval-runs/${seg(evalRunId)}`,
      { name },
      dbQuery(options),
      options,
    );
  }

  /** `DELETE /eval-runs`. */
  async deleteEvalRuns(evalRunIds: string[], options: DbOptions = {}): Promise<void> {
    await this.sendJson(
      "DELETE",
      "/eval-runs",
      { eval_run_ids: evalRunIds },
      dbQuery(options),
      options,
    );
  }
}
