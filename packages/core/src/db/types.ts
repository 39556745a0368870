/** Kinds of sessions. */
export type SessionType = "agent" | "team" | "workflow";

/** A session row, as stored (snake_case, JSON-compatible). */
export interface SessionRecord {
  session_id: string;
  session_type: SessionType;
  agent_id?: string | null;
  team_id?: string | null;
  workflow_id?: string | null;
  user_id?: string | null;
  /** `session_name`, `session_state`, `session_metrics`, media... */
  session_data?: Record<string, unknown> | null;
  agent_data?: Record<string, unknown> | null;
  team_data?: Record<string, unknown> | null;
  workflow_data?: Record<string, unknown> | null;
  metadata?: Record<string, unknown> | null;
  /** Run dicts (`RunOutput.toDict()`), oldest first. */
  runs?: Array<Record<string, unknown>> | null;
  summary?: SessionSummaryRecord | null;
  /** Epoch seconds. */
  created_at: number;
  updated_at?: number | null;
}

/** A session summary as stored. */
export interface SessionSummaryRecord {
  summary: string;
  topics?: string[] | null;
  updated_at?: string | number | null;
}

/** A memory about a user. */
export interface UserMemory {
  memory_id: string;
  /** The memory text. */
  memory: string;
  topics?: string[] | null;
  /** The input the memory was made from. */
  input?: string | null;
  user_id?: string | null;
  agent_id?: string | null;
  team_id?: string | null;
  feedback?: string | null;
  created_at: number;
  updated_at?: number | null;
}

/** One row of aggregated metrics (a day, by default). */
export interface MetricsRecord {
  id: string;
  agent_runs_count: number;
  team_runs_count: number;
  workflow_runs_count: number;
  agent_sessions_count: number;
  team_sessions_count: number;
  workflow_sessions_count: number;
  users_count: number;
  token_metrics: Record<string, number>;
  model_metrics: Record<string, unknown>;
  /** `YYYY-MM-DD`. */
  date: string;
  aggregation_period: "daily" | (string & {});
  created_at: number;
  updated_at?: number | null;
  completed: boolean;
}

/** An evaluation run. */
export interface EvalRunRecord {
  run_id: string;
  eval_type: string;
  eval_data: Record<string, unknown>;
  eval_input: Record<string, unknown>;
  name?: string | null;
  agent_id?: string | null;
  team_id?: string | null;
  workflow_id?: string | null;
  model_id?: string | null;
  model_provider?: string | null;
  evaluated_component_name?: string | null;
  created_at: number;
  updated_at?: number | null;
}

/** A knowledge content entry. */
export interface KnowledgeContentRecord {
  id: string;
  name: string;
  description: string;
  metadata?: Record<string, unknown> | null;
  type?: string | null;
  size?: number | null;
  linked_to?: string | null;
  access_count?: number | null;
  status?: string | null;
  status_message?: string | null;
  created_at?: number | null;
  updated_at?: number | null;
  external_id?: string | null;
}

/** A trace (times as ISO-8601 strings, as the wire stores them). */
export interface TraceRecord {
  trace_id: string;
  name: string;
  status: string;
  start_time: string;
  end_time: string;
  duration_ms: number;
  run_id?: string | null;
  session_id?: string | null;
  user_id?: string | null;
  agent_id?: string | null;
  team_id?: string | null;
  workflow_id?: string | null;
  created_at: string;
}

/** A span of a trace. */
export interface SpanRecord {
  span_id: string;
  trace_id: string;
  parent_span_id?: string | null;
  name: string;
  span_kind?: string | null;
  status_code?: string | null;
  status_message?: string | null;
  start_time: string;
  end_time: string;
  duration_ms?: number | null;
  attributes?: Record<string, unknown> | null;
  created_at: string;
}

/** The schema version of one table. */
export interface SchemaVersionRecord {
  table_name: string;
  version: string;
  created_at: string;
  updated_at?: string | null;
}

/** Sort direction of listings. */
export type SortOrder = "asc" | "desc";

/** One page of a listing and the total count of matching rows. */
export interface Page<T> {
  items: T[];
  total: number;
}

/** Pagination and sorting shared by listings. `page` starts at 1. */
export interface ListOptions {
  limit?: number;
  page?: number;
  sortBy?: string;
  sortOrder?: SortOrder;
}

/** Filters of `getSessions`. */
export interface SessionFilter extends ListOptions {
  sessionType?: SessionType;
  userId?: string;
  /** The agent, team or workflow id (by session type; any of them when no type is given). */
  componentId?: string;
  /** Case-insensitive text contained in the session name. */
  sessionName?: string;
  /** Epoch seconds, on `created_at`. */
  startTimestamp?: number;
  endTimestamp?: number;
}

/** Filters of `getUserMemories`. */
export interface MemoryFilter extends ListOptions {
  userId?: string;
  agentId?: string;
  teamId?: string;
  /** Memories having any of these topics. */
  topics?: string[];
  /** Case-insensitive text contained in the memory. */
  searchContent?: string;
}

/** Filters of `getEvalRuns`. */
export interface EvalFilter extends ListOptions {
  agentId?: string;
  teamId?: string;
  workflowId?: string;
  modelId?: string;
  evalType?: string[];
}

/** Filters of `getTraces`. */
export interface TraceFilter extends ListOptions {
  runId?: string;
  sessionId?: string;
  userId?: string;
  agentId?: string;
  teamId?: string;
  workflowId?: string;
  status?: string;
  /** ISO-8601 bounds on `start_time`. */
  startTime?: string;
  endTime?: string;
}

/** Per-user memory counts. */
export interface UserMemoryStats {
  user_id: string;
  total_memories: number;
  last_memory_updated_at: number | null;
}
