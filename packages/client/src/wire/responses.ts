/**
 * Shapes of the AgentOS answers, as they are on the wire (snake_case keys). Only the fields a
 * caller commonly reads are named; every shape keeps the rest through its index signature.
 */

/** Session kinds of the sessions and runs routes. */
export type SessionType = "agent" | "team" | "workflow";

/** `asc` or `desc`. */
export type SortOrder = "asc" | "desc";

/** Pagination block of list answers. */
export interface PaginationInfo {
  page: number;
  limit: number;
  total_pages: number;
  total_count: number;
  search_time_ms?: number;
  [key: string]: unknown;
}

/** The wrapper of paginated list answers: `{ data, meta }`. */
export interface PaginatedResponse<T> {
  data: T[];
  meta: PaginationInfo;
}

/** A model reference in discovery answers. */
export interface ModelInfo {
  id?: string;
  name?: string;
  model?: string;
  provider?: string;
  [key: string]: unknown;
}

/** An agent in `GET /config` (`agents[]`). */
export interface AgentSummary {
  id: string;
  name?: string;
  description?: string;
  db_id?: string;
  model?: ModelInfo;
  metadata?: Record<string, unknown>;
  is_factory?: boolean;
  [key: string]: unknown;
}

/** A team in `GET /config` (`teams[]`). */
export interface TeamSummary {
  id: string;
  name?: string;
  description?: string;
  db_id?: string;
  mode?: string;
  model?: ModelInfo;
  is_factory?: boolean;
  [key: string]: unknown;
}

/** A workflow in `GET /config` and `GET /workflows`. */
export interface WorkflowSummary {
  id: string;
  name?: string;
  description?: string;
  db_id?: string;
  is_factory?: boolean;
  factory_input_schema?: Record<string, unknown>;
  is_component?: boolean;
  [key: string]: unknown;
}

/** `GET /config`. */
export interface ConfigResponse {
  os_id: string;
  name?: string;
  description?: string;
  available_models?: string[];
  os_database?: string;
  databases?: string[];
  agents: AgentSummary[];
  teams: TeamSummary[];
  workflows: WorkflowSummary[];
  interfaces?: Array<{ type: string; version?: string; route?: string }>;
  [key: string]: unknown;
}

/** `GET /agents/{id}` (and each entry of `GET /agents`). */
export interface AgentResponse {
  id: string;
  name?: string;
  description?: string;
  role?: string;
  db_id?: string;
  model?: ModelInfo;
  tools?: { tools?: Array<Record<string, unknown>>; [key: string]: unknown };
  knowledge?: Record<string, unknown>;
  is_factory?: boolean;
  input_schema?: Record<string, unknown>;
  factory_input_schema?: Record<string, unknown>;
  is_component?: boolean;
  [key: string]: unknown;
}

/** `GET /teams/{id}` (and each entry of `GET /teams`). */
export interface TeamResponse extends AgentResponse {
  mode?: string;
  members?: Array<AgentResponse | TeamResponse>;
}

/** `GET /workflows/{id}`. */
export interface WorkflowResponse {
  id: string;
  name?: string;
  description?: string;
  db_id?: string;
  input_schema?: Record<string, unknown>;
  steps?: Array<Record<string, unknown>>;
  is_factory?: boolean;
  factory_input_schema?: Record<string, unknown>;
  [key: string]: unknown;
}

/** A run in run lists (`GET /agents/{id}/runs`, `GET /sessions/{id}/runs`). */
export interface RunSchema {
  run_id: string;
  parent_run_id?: string;
  agent_id?: string;
  team_id?: string;
  workflow_id?: string;
  user_id?: string;
  status?: string;
  run_input?: string;
  content?: unknown;
  content_type?: string;
  created_at?: string | number;
  [key: string]: unknown;
}

/** A session in `GET /sessions`. */
export interface SessionSchema {
  session_id: string;
  session_name?: string;
  session_state?: Record<string, unknown>;
  session_type?: SessionType;
  user_id?: string;
  agent_id?: string;
  team_id?: string;
  workflow_id?: string;
  created_at?: string | number;
  updated_at?: string | number;
  [key: string]: unknown;
}

/** `GET /sessions/{id}` (agent, team or workflow session detail). */
export interface SessionDetail extends SessionSchema {
  chat_history?: Array<Record<string, unknown>>;
  metadata?: Record<string, unknown>;
}

/** A user memory. */
export interface UserMemory {
  memory_id: string;
  memory: string;
  topics?: string[];
  agent_id?: string;
  team_id?: string;
  user_id?: string;
  updated_at?: string | number;
  [key: string]: unknown;
}

/** An entry of `GET /user_memory_stats`. */
export interface UserMemoryStats {
  user_id: string;
  total_memories: number;
  last_memory_updated_at?: string | number;
  [key: string]: unknown;
}

/** Knowledge content (`/knowledge/content`). */
export interface KnowledgeContent {
  id: string;
  name?: string;
  description?: string;
  type?: string;
  size?: number | string;
  metadata?: Record<string, unknown>;
  status?: string;
  status_message?: string;
  created_at?: string | number;
  updated_at?: string | number;
  [key: string]: unknown;
}

/** `GET /knowledge/content/{id}/status`. */
export interface KnowledgeContentStatus {
  id?: string;
  status: string;
  status_message?: string;
  [key: string]: unknown;
}

/** A result of `POST /knowledge/search`. */
export interface KnowledgeSearchResult {
  id: string;
  content: string;
  name?: string;
  meta_data?: Record<string, unknown>;
  content_id?: string;
  reranking_score?: number;
  [key: string]: unknown;
}

/** `GET /knowledge/config`. */
export interface KnowledgeConfig {
  readers?: Record<string, unknown>;
  readersForType?: Record<string, string[]>;
  chunkers?: Record<string, unknown>;
  filters?: unknown[];
  vector_dbs?: unknown[];
  [key: string]: unknown;
}

/** An entry of `GET /traces`. */
export interface TraceSummary {
  trace_id: string;
  name?: string;
  status?: string;
  duration?: string;
  start_time?: string;
  end_time?: string;
  total_spans?: number;
  error_count?: number;
  run_id?: string;
  session_id?: string;
  user_id?: string;
  agent_id?: string;
  team_id?: string;
  workflow_id?: string;
  [key: string]: unknown;
}

/** `GET /traces/{id}`. */
export interface TraceDetail extends TraceSummary {
  tree?: Array<Record<string, unknown>>;
}

/** One day of `GET /metrics`. */
export interface DayAggregatedMetrics {
  id?: string;
  date?: string;
  agent_runs_count?: number;
  agent_sessions_count?: number;
  team_runs_count?: number;
  team_sessions_count?: number;
  workflow_runs_count?: number;
  workflow_sessions_count?: number;
  users_count?: number;
  token_metrics?: Record<string, unknown>;
  model_metrics?: unknown[];
  [key: string]: unknown;
}

/** `GET /metrics`. */
export interface MetricsResponse {
  metrics: DayAggregatedMetrics[];
  updated_at?: string | number;
  [key: string]: unknown;
}

/** The answer of a background run: `202 { run_id, session_id, status }`. */
export interface BackgroundRunResponse {
  run_id: string;
  session_id: string;
  status: string;
  [key: string]: unknown;
}
