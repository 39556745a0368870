import type { RunRequestOptions, UploadInput } from "./form.js";
import type { FetchFunction, RequestOptions } from "./transport.js";
import type { SessionType, SortOrder } from "./wire/responses.js";

/** Options of `new AgentOSClient(...)`. */
export interface AgentOSClientOptions {
  /** Base URL of the AgentOS, e.g. `"http://localhost:7777"`. */
  baseUrl: string;
  /** Seconds a request may take (for streams: to the first byte, then between chunks). @default 60 */
  timeout?: number;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** A bearer token sent with every request (a call's `authToken` or `Authorization` header wins). */
  authToken?: string;
  /** The `fetch` to use. @default globalThis.fetch */
  fetch?: FetchFunction;
}

/** Selects the database (and table) of a data route. */
export interface DbOptions extends RequestOptions {
  /** Database id (required when the AgentOS has several). */
  dbId?: string;
  /** Table name (needs `dbId`). */
  table?: string;
}

/** Page and order of list routes. */
export interface PageOptions {
  /** @default 20 */
  limit?: number;
  /** 1-based. @default 1 */
  page?: number;
  sortBy?: string;
  sortOrder?: SortOrder;
}

/** Options of `runAgent` / `runTeam` / `runWorkflow` (non-streamed). */
export interface RunCallOptions extends RunRequestOptions {
  /** Run detached: the server answers 202 `{ run_id, session_id, status }` at once. @default false */
  background?: boolean;
}

/** Options of `runTeam` / `runTeamStream`. */
export interface TeamRunCallOptions extends RunCallOptions {
  /** @default true (server side) */
  monitor?: boolean;
}

/** Options of `continueAgentRun`. */
export interface ContinueAgentRunOptions extends RunRequestOptions {
  /** The paused tools with their answers; send complete ToolExecution objects. */
  tools?: Array<Record<string, unknown>>;
  /** New user text appended before continuing. */
  input?: string;
  /** `"end"`, `"last_user"` or a message index. @default "end" */
  continueFrom?: "end" | "last_user" | number;
}

/** Options of `continueTeamRun`. */
export interface ContinueTeamRunOptions extends RunRequestOptions {
  /** The resolved requirements (RunRequirement dicts). */
  requirements?: Array<Record<string, unknown>>;
  input?: string;
}

/** Options of `continueWorkflowRun`. */
export interface ContinueWorkflowRunOptions extends RunRequestOptions {
  /** The resolved step requirements. */
  stepRequirements?: Array<Record<string, unknown>>;
}

/** Options of `cancel*Run`. */
export interface CancelRunOptions extends RequestOptions {
  /** Needed when the AgentOS isolates users. */
  sessionId?: string;
}

/** Options of `get*Run` / `list*Runs`. */
export interface RunLookupOptions extends RequestOptions {
  /** The session the run belongs to. */
  sessionId: string;
  /** Only runs with this status (`list*Runs`). */
  status?: string;
  /** For workflow factories. */
  factoryInput?: Record<string, unknown>;
}

/** Options of `resume*Run` (reconnect to a background streamed run). */
export interface ResumeRunOptions extends RequestOptions {
  /** Events after this index are replayed (0-based). @default every event */
  lastEventIndex?: number;
  /** The run's session: required when the AgentOS isolates users. */
  sessionId?: string;
  /** Reconnect again when this stream drops mid-run. @default true */
  reconnect?: boolean;
}

/** Options of `createMemory` / `updateMemory`. */
export interface MemoryInput extends DbOptions {
  memory: string;
  userId?: string;
  topics?: string[];
}

/** Options of `listMemories`. */
export interface ListMemoriesOptions extends DbOptions, PageOptions {
  userId?: string;
  agentId?: string;
  teamId?: string;
  topics?: string[];
  /** Only memories whose text contains this. */
  searchContent?: string;
}

/** Options of memory lookups by id. */
export interface MemoryLookupOptions extends DbOptions {
  userId?: string;
}

/** Options of `createSession`. */
export interface CreateSessionOptions extends DbOptions {
  /** @default "agent" */
  sessionType?: SessionType;
  sessionId?: string;
  userId?: string;
  sessionName?: string;
  sessionState?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  agentId?: string;
  teamId?: string;
  workflowId?: string;
}

/** Options of `getSessions`. */
export interface ListSessionsOptions extends DbOptions, PageOptions {
  sessionType?: SessionType;
  /** Agent, team or workflow id. */
  componentId?: string;
  userId?: string;
  /** Part of the session name. */
  sessionName?: string;
}

/** Options of session lookups by id. */
export interface SessionLookupOptions extends DbOptions {
  sessionType?: SessionType;
  userId?: string;
}

/** Options of `getSessionRuns`. */
export interface SessionRunsOptions extends SessionLookupOptions {
  /** Epoch seconds. */
  createdAfter?: number;
  /** Epoch seconds. */
  createdBefore?: number;
}

/** Options of `updateSession`. */
export interface UpdateSessionOptions extends SessionLookupOptions {
  sessionName?: string;
  sessionState?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  summary?: Record<string, unknown>;
}

/** Selects the knowledge base of a knowledge route. */
export interface KnowledgeOptions extends RequestOptions {
  dbId?: string;
  knowledgeId?: string;
}

/** Options of `uploadKnowledgeContent`. */
export interface UploadKnowledgeOptions extends KnowledgeOptions {
  name?: string;
  description?: string;
  /** A URL, or several. */
  url?: string | string[];
  metadata?: Record<string, unknown>;
  /** A file to upload. */
  file?: UploadInput;
  /** Raw text to add. */
  textContent?: string;
  readerId?: string;
  chunker?: string;
  chunkSize?: number;
  chunkOverlap?: number;
}

/** Options of `updateKnowledgeContent`. */
export interface UpdateKnowledgeOptions extends KnowledgeOptions {
  name?: string;
  description?: string;
  metadata?: Record<string, unknown>;
  readerId?: string;
}

/** Options of `searchKnowledge`. */
export interface SearchKnowledgeOptions extends KnowledgeOptions {
  maxResults?: number;
  filters?: Record<string, unknown> | unknown[];
  /** `"vector"`, `"keyword"` or `"hybrid"`. */
  searchType?: string;
  vectorDbIds?: string[];
  /** @default 20 */
  limit?: number;
  /** @default 1 */
  page?: number;
}

/** Options of `getTraces`. */
export interface ListTracesOptions extends RequestOptions {
  runId?: string;
  sessionId?: string;
  userId?: string;
  agentId?: string;
  teamId?: string;
  workflowId?: string;
  /** `OK`, `ERROR` or `UNSET`. */
  status?: string;
  /** ISO-8601. */
  startTime?: string;
  /** ISO-8601. */
  endTime?: string;
  /** @default 1 */
  page?: number;
  /** @default 20 */
  limit?: number;
  dbId?: string;
}

/** Options of `getTrace`. */
export interface TraceLookupOptions extends RequestOptions {
  /** Answer this span (a TraceNode) instead of the whole trace. */
  spanId?: string;
  runId?: string;
  dbId?: string;
}

/** Options of `getMetrics`. */
export interface MetricsOptions extends DbOptions {
  /** A day (`YYYY-MM-DD` or a Date, read in UTC). */
  startingDate?: Date | string;
  endingDate?: Date | string;
}

/** Options of `refreshMetrics`. */
export interface RefreshMetricsOptions extends DbOptions {
  /** Refresh in the background (the server answers 202 at once). @default false */
  background?: boolean;
}

/** Options of `listEvalRuns`. */
export interface ListEvalRunsOptions extends DbOptions, PageOptions {
  agentId?: string;
  teamId?: string;
  workflowId?: string;
  modelId?: string;
  /** `agent`, `team` or `workflow`. */
  filterType?: string;
  evalTypes?: string[];
}

/** The body of `runEval` (the wire's EvalRunInput, snake_case). */
export interface EvalRunInput {
  eval_type: string;
  input: string;
  agent_id?: string;
  team_id?: string;
  model_id?: string;
  model_provider?: string;
  expected_output?: string;
  num_iterations?: number;
  [key: string]: unknown;
}
