import { AgnoError, errorMarker } from "../errors.js";
import { log } from "../logger.js";
import { type Metrics, sumMetrics } from "../metrics.js";
import { nowSeconds } from "../utils/ids.js";
import { pageWindow } from "./paging.js";
import {
  isMalformed,
  type MalformedRow,
  type Row,
  TABLES,
  type TableQuery,
  type TableStore,
  type TableType,
} from "./tables.js";
import type {
  EvalFilter,
  EvalRunRecord,
  KnowledgeContentRecord,
  ListOptions,
  MemoryFilter,
  MetricsRecord,
  Page,
  SchemaVersionRecord,
  SessionFilter,
  SessionRecord,
  SessionType,
  SpanRecord,
  TraceFilter,
  TraceRecord,
  UserMemory,
  UserMemoryStats,
} from "./types.js";

/** A storage operation failed; the message names the operation and the table, never the values. */
export class StorageError extends AgnoError {
  static override readonly marker = errorMarker("StorageError");
  readonly table: string;
  readonly operation: string;
  constructor(message: string, options: { table: string; operation: string; cause?: unknown }) {
    super(message, { code: "storage_error", status: 500, cause: options.cause });
    this.name = "StorageError";
    this.table = options.table;
    this.operation = options.operation;
  }
}

/** Table names of a database. */
export interface TableNames {
  /** @default "agno_sessions" */
  sessionTable?: string;
  /** @default "agno_memories" */
  memoryTable?: string;
  /** @default "agno_metrics" */
  metricsTable?: string;
  /** @default "agno_eval_runs" */
  evalTable?: string;
  /** @default "agno_knowledge" */
  knowledgeTable?: string;
  /** @default "agno_traces" */
  tracesTable?: string;
  /** @default "agno_spans" */
  spansTable?: string;
  /** @default "agno_schema_versions" */
  versionsTable?: string;
}

/** Resolves configured table names over the defaults. */
export function resolveTableNames(names: TableNames = {}): Record<TableType, string> {
  return {
    sessions: names.sessionTable ?? TABLES.sessions.name,
    memories: names.memoryTable ?? TABLES.memories.name,
    metrics: names.metricsTable ?? TABLES.metrics.name,
    evals: names.evalTable ?? TABLES.evals.name,
    knowledge: names.knowledgeTable ?? TABLES.knowledge.name,
    traces: names.tracesTable ?? TABLES.traces.name,
    spans: names.spansTable ?? TABLES.spans.name,
    versions: names.versionsTable ?? TABLES.versions.name,
  };
}

const SESSION_SORT = new Set(["created_at", "updated_at", "session_id"]);
const MEMORY_SORT = new Set(["created_at", "updated_at", "memory_id"]);

/** Sort and page of a listing; throws a {@link PaginationError} on an unusable limit or page. */
function paging(
  operation: string,
  options: ListOptions,
  sortable: Set<string>,
  defaultSort: string,
): Pick<TableQuery, "orderBy" | "limit" | "offset"> {
  const sortBy = options.sortBy && sortable.has(options.sortBy) ? options.sortBy : defaultSort;
  const q: Pick<TableQuery, "orderBy" | "limit" | "offset"> = {
    orderBy: { column: sortBy, direction: options.sortOrder ?? "desc" },
  };
  const { limit, offset } = pageWindow(operation, options);
  if (limit !== undefined) {
    q.limit = limit;
    q.offset = offset;
  }
  return q;
}

/** Fields merged into a session by {@link BaseDb.upsertSessionRun}. */
export type SessionPatch = Partial<Omit<SessionRecord, "runs" | "created_at" | "updated_at">> & {
  session_id: string;
  session_type: SessionType;
};

/**
 * The storage contract: sessions (agent, team, workflow), user memories, metrics, eval runs,
 * knowledge contents, traces and spans, and schema versions. Adapters provide a
 * {@link TableStore}; every method here is built on it, so all adapters behave the same.
 */
export abstract class BaseDb {
  /** Stable id of this database. */
  abstract readonly id: string;
  /** Table names in use. */
  readonly tables: Record<TableType, string>;
  protected abstract readonly store: TableStore;

  constructor(names: TableNames = {}) {
    this.tables = resolveTableNames(names);
  }

  /** Releases connections (when the adapter opened them). */
  async close(): Promise<void> {}

  private async run<T>(table: TableType, operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (StorageError.isInstance(error)) throw error;
      throw new StorageError(
        `${operation} on table "${this.tables[table]}" failed: ${(error as Error).message}`,
        {
          table: this.tables[table],
          operation,
          cause: error,
        },
      );
    }
  }

  private clean<T>(
    table: TableType,
    rows: Array<Row | MalformedRow>,
    check: (row: Row) => string | null,
  ): T[] {
    const out: T[] = [];
    for (const row of rows) {
      const problem = isMalformed(row) ? row.reason : check(row);
      if (problem) {
        const key = isMalformed(row) ? row.key : String(row[TABLES[table].key]);
        log.error(`Skipping malformed row "${key}" in table "${this.tables[table]}": ${problem}`);
        continue;
      }
      out.push(row as T);
    }
    return out;
  }

  private one<T>(
    table: TableType,
    row: Row | MalformedRow | null,
    check: (row: Row) => string | null,
  ): T | null {
    if (row === null) return null;
    const problem = isMalformed(row) ? row.reason : check(row);
    if (problem) {
      const key = isMalformed(row) ? row.key : String(row[TABLES[table].key]);
      throw new StorageError(
        `Row "${key}" in table "${this.tables[table]}" is malformed: ${problem}`,
        {
          table: this.tables[table],
          operation: "read",
        },
      );
    }
    return row as T;
  }

  // Sessions

  /** A session by id; with `userId`, only when it belongs to that user. */
  async getSession(
    sessionId: string,
    options: { sessionType?: SessionType; userId?: string } = {},
  ): Promise<SessionRecord | null> {
    const row = await this.run("sessions", "getSession", () =>
      this.store.get("sessions", sessionId),
    );
    const session = this.one<SessionRecord>("sessions", row, checkSession);
    if (!session) return null;
    if (options.sessionType && session.session_type !== options.sessionType) return null;
    if (options.userId !== undefined && session.user_id !== options.userId) return null;
    return session;
  }

  /** Sessions matching the filter, a page at a time, newest first by default. */
  async getSessions(filter: SessionFilter = {}): Promise<Page<SessionRecord>> {
    const q: TableQuery = { ...paging("getSessions", filter, SESSION_SORT, "created_at") };
    const eq: NonNullable<TableQuery["eq"]> = {};
    if (filter.sessionType) eq.session_type = filter.sessionType;
    if (filter.userId !== undefined) eq.user_id = filter.userId;
    if (filter.componentId !== undefined) {
      if (filter.sessionType) eq[`${filter.sessionType}_id`] = filter.componentId;
      else
        q.or = [
          { agent_id: filter.componentId },
          { team_id: filter.componentId },
          { workflow_id: filter.componentId },
        ];
    }
    if (Object.keys(eq).length > 0) q.eq = eq;
    if (filter.startTimestamp !== undefined) q.gte = { created_at: filter.startTimestamp };
    if (filter.endTimestamp !== undefined) q.lte = { created_at: filter.endTimestamp };
    if (filter.sessionName)
      q.contains = { columns: ["session_data.session_name"], text: filter.sessionName };
    const { rows, total } = await this.run("sessions", "getSessions", () =>
      this.store.query("sessions", q),
    );
    return { items: this.clean("sessions", rows, checkSession), total };
  }

  /**
   * Inserts or replaces a session; `updated_at` is set to now. A session owned by another user
   * is not changed (returns null).
   */
  async upsertSession(session: SessionRecord): Promise<SessionRecord | null> {
    checkOrThrow("sessions", session, checkSession, this.tables.sessions);
    let refused = false;
    const saved = await this.run("sessions", "upsertSession", () =>
      this.store.update("sessions", session.session_id, (current) => {
        refused = false;
        if (current?.user_id && session.user_id && current.user_id !== session.user_id) {
          refused = true;
          return null;
        }
        return {
          ...session,
          created_at: (current?.created_at as number) ?? session.created_at,
          updated_at: nowSeconds(),
        };
      }),
    );
    return refused ? null : (saved as SessionRecord | null);
  }

  /** Bulk {@link upsertSession}. */
  async upsertSessions(sessions: SessionRecord[]): Promise<SessionRecord[]> {
    const out: SessionRecord[] = [];
    for (const session of sessions) {
      const saved = await this.upsertSession(session);
      if (saved) out.push(saved);
    }
    return out;
  }

  /**
   * Atomically adds or replaces one run in a session (by `run_id`), creating the session when
   * needed and merging `patch`'s fields. `session_data.session_metrics` is recomputed from the
   * runs. Concurrent calls on one session never lose a run. Refuses (null) another user's session.
   */
  async upsertSessionRun(
    patch: SessionPatch,
    run: Record<string, unknown>,
  ): Promise<SessionRecord | null> {
    let refused = false;
    const saved = await this.run("sessions", "upsertSessionRun", () =>
      this.store.update("sessions", patch.session_id, (current) => {
        refused = false;
        if (current?.user_id && patch.user_id && current.user_id !== patch.user_id) {
          refused = true;
          return null;
        }
        const now = nowSeconds();
        const base = (current as SessionRecord | null) ?? {
          session_id: patch.session_id,
          session_type: patch.session_type,
          created_at: now,
        };
        const runs = [...(Array.isArray(base.runs) ? base.runs : [])];
        const index = runs.findIndex((r) => r.run_id === run.run_id);
        if (index >= 0) runs[index] = run;
        else runs.push(run);
        const sessionData = { ...(base.session_data ?? {}), ...(patch.session_data ?? {}) };
        sessionData.session_metrics = sumMetrics(
          runs.filter((r) => !r.parent_run_id).map(runMetrics),
        );
        const merged: SessionRecord = { ...base };
        for (const [k, v] of Object.entries(patch))
          if (v !== undefined) (merged as unknown as Row)[k] = v;
        merged.session_data = sessionData;
        merged.runs = runs;
        merged.created_at = base.created_at ?? now;
        merged.updated_at = now;
        return merged as unknown as Row;
      }),
    );
    return refused ? null : (saved as SessionRecord | null);
  }

  /**
   * Changes fields of a stored session atomically: top-level ones (`summary`, `metadata`...) are
   * replaced, `session_data` keys are merged into the stored ones. Null when missing (or another
   * user's, with `userId`).
   */
  async updateSessionFields(
    sessionId: string,
    fields: Partial<
      Pick<
        SessionRecord,
        "summary" | "metadata" | "agent_data" | "team_data" | "workflow_data" | "session_data"
      >
    >,
    options: { userId?: string } = {},
  ): Promise<SessionRecord | null> {
    let found = false;
    const saved = await this.run("sessions", "updateSessionFields", () =>
      this.store.update("sessions", sessionId, (current) => {
        found = false;
        if (!current) return null;
        if (options.userId !== undefined && current.user_id !== options.userId) return null;
        found = true;
        const { session_data: data, ...rest } = fields;
        const next: Row = { ...current, ...rest, updated_at: nowSeconds() };
        if (data) next.session_data = { ...((current.session_data as Row | null) ?? {}), ...data };
        return next;
      }),
    );
    if (!found) return null;
    return (saved as unknown as SessionRecord | null) ?? null;
  }

  /** Sets `session_data.session_name`. */
  async renameSession(
    sessionId: string,
    sessionName: string,
    options: { userId?: string } = {},
  ): Promise<SessionRecord | null> {
    let found = false;
    const saved = await this.run("sessions", "renameSession", () =>
      this.store.update("sessions", sessionId, (current) => {
        found = false;
        if (!current) return null;
        if (options.userId !== undefined && current.user_id !== options.userId) return null;
        found = true;
        return {
          ...current,
          session_data: { ...((current.session_data as Row) ?? {}), session_name: sessionName },
          updated_at: nowSeconds(),
        };
      }),
    );
    return found ? (saved as unknown as SessionRecord) : null;
  }

  /** Deletes a session (only the user's own when `userId` is given). True when one was deleted. */
  async deleteSession(sessionId: string, options: { userId?: string } = {}): Promise<boolean> {
    if (options.userId !== undefined) {
      const existing = await this.getSession(sessionId, { userId: options.userId });
      if (!existing) return false;
    }
    return (
      (await this.run("sessions", "deleteSession", () =>
        this.store.remove("sessions", [sessionId]),
      )) > 0
    );
  }

  /** Deletes sessions; returns how many were deleted. */
  async deleteSessions(sessionIds: string[], options: { userId?: string } = {}): Promise<number> {
    let ids = sessionIds;
    if (options.userId !== undefined) {
      const owned = await Promise.all(
        ids.map((id) => this.getSession(id, { userId: options.userId! })),
      );
      ids = ids.filter((_, i) => owned[i] !== null);
    }
    if (ids.length === 0) return 0;
    return this.run("sessions", "deleteSessions", () => this.store.remove("sessions", ids));
  }

  // Memories

  async getUserMemory(
    memoryId: string,
    options: { userId?: string } = {},
  ): Promise<UserMemory | null> {
    const row = await this.run("memories", "getUserMemory", () =>
      this.store.get("memories", memoryId),
    );
    const memory = this.one<UserMemory>("memories", row, checkMemory);
    if (!memory) return null;
    if (options.userId !== undefined && memory.user_id !== options.userId) return null;
    return memory;
  }

  async getUserMemories(filter: MemoryFilter = {}): Promise<Page<UserMemory>> {
    const q: TableQuery = { ...paging("getUserMemories", filter, MEMORY_SORT, "updated_at") };
    const eq: NonNullable<TableQuery["eq"]> = {};
    if (filter.userId !== undefined) eq.user_id = filter.userId;
    if (filter.agentId !== undefined) eq.agent_id = filter.agentId;
    if (filter.teamId !== undefined) eq.team_id = filter.teamId;
    if (Object.keys(eq).length > 0) q.eq = eq;
    if (filter.topics?.length) q.anyOf = { column: "topics", values: filter.topics };
    if (filter.searchContent) q.contains = { columns: ["memory"], text: filter.searchContent };
    const { rows, total } = await this.run("memories", "getUserMemories", () =>
      this.store.query("memories", q),
    );
    return { items: this.clean("memories", rows, checkMemory), total };
  }

  /** Every topic used by the (user's) memories, sorted. */
  async getAllMemoryTopics(options: { userId?: string } = {}): Promise<string[]> {
    const { items } = await this.getUserMemories(
      options.userId !== undefined ? { userId: options.userId } : {},
    );
    return [...new Set(items.flatMap((m) => m.topics ?? []))].sort();
  }

  /** Memory counts per user, most recently updated first. */
  async getUserMemoryStats(
    options: ListOptions & { userId?: string } = {},
  ): Promise<Page<UserMemoryStats>> {
    const { limit, offset } = pageWindow("getUserMemoryStats", options);
    const { items } = await this.getUserMemories(
      options.userId !== undefined ? { userId: options.userId } : {},
    );
    const byUser = new Map<string, UserMemoryStats>();
    for (const m of items) {
      if (!m.user_id) continue;
      const stat = byUser.get(m.user_id) ?? {
        user_id: m.user_id,
        total_memories: 0,
        last_memory_updated_at: null,
      };
      stat.total_memories++;
      const updated = m.updated_at ?? m.created_at;
      if (stat.last_memory_updated_at === null || updated > stat.last_memory_updated_at)
        stat.last_memory_updated_at = updated;
      byUser.set(m.user_id, stat);
    }
    const all = [...byUser.values()].sort(
      (a, b) => (b.last_memory_updated_at ?? 0) - (a.last_memory_updated_at ?? 0),
    );
    return {
      items: limit === undefined ? all : all.slice(offset, offset + limit),
      total: all.length,
    };
  }

  /** Inserts or replaces a memory; `updated_at` is set to now. */
  async upsertUserMemory(memory: UserMemory): Promise<UserMemory> {
    checkOrThrow("memories", memory, checkMemory, this.tables.memories);
    const row = { ...memory, updated_at: nowSeconds() };
    await this.run("memories", "upsertUserMemory", () =>
      this.store.put("memories", [row as unknown as Row]),
    );
    return row;
  }

  async upsertMemories(memories: UserMemory[]): Promise<UserMemory[]> {
    const now = nowSeconds();
    for (const m of memories) checkOrThrow("memories", m, checkMemory, this.tables.memories);
    const rows = memories.map((m) => ({ ...m, updated_at: now }));
    await this.run("memories", "upsertMemories", () =>
      this.store.put("memories", rows as unknown as Row[]),
    );
    return rows;
  }

  async deleteUserMemory(memoryId: string, options: { userId?: string } = {}): Promise<boolean> {
    if (options.userId !== undefined && !(await this.getUserMemory(memoryId, options)))
      return false;
    return (
      (await this.run("memories", "deleteUserMemory", () =>
        this.store.remove("memories", [memoryId]),
      )) > 0
    );
  }

  async deleteUserMemories(
    memoryIds: string[],
    options: { userId?: string } = {},
  ): Promise<number> {
    let ids = memoryIds;
    if (options.userId !== undefined) {
      const owned = await Promise.all(ids.map((id) => this.getUserMemory(id, options)));
      ids = ids.filter((_, i) => owned[i] !== null);
    }
    if (ids.length === 0) return 0;
    return this.run("memories", "deleteUserMemories", () => this.store.remove("memories", ids));
  }

  async clearMemories(): Promise<void> {
    await this.run("memories", "clearMemories", () => this.store.clear("memories"));
  }

  // Metrics

  /** Aggregated metrics rows between two dates (`YYYY-MM-DD`, inclusive), oldest first. */
  async getMetrics(
    options: { startingDate?: string; endingDate?: string } = {},
  ): Promise<{ items: MetricsRecord[]; latestUpdatedAt: number | null }> {
    const q: TableQuery = { orderBy: { column: "date", direction: "asc" } };
    if (options.startingDate) q.gte = { date: options.startingDate };
    if (options.endingDate) q.lte = { date: options.endingDate };
    const { rows } = await this.run("metrics", "getMetrics", () => this.store.query("metrics", q));
    const items = this.clean<MetricsRecord>("metrics", rows, (r) =>
      typeof r.date === "string" ? null : "date is missing",
    );
    const latest = items.reduce<number | null>(
      (acc, m) => Math.max(acc ?? 0, m.updated_at ?? m.created_at),
      null,
    );
    return { items, latestUpdatedAt: latest };
  }

  async upsertMetrics(records: MetricsRecord[]): Promise<void> {
    await this.run("metrics", "upsertMetrics", () =>
      this.store.put("metrics", records as unknown as Row[]),
    );
  }

  /**
   * Recomputes the daily metrics rows from the sessions' runs, for every day not yet complete
   * (or from `since`, a `YYYY-MM-DD` date). Returns the rows written.
   */
  async calculateMetrics(options: { since?: string } = {}): Promise<MetricsRecord[]> {
    const { items: existing } = await this.getMetrics();
    const since =
      options.since ??
      existing
        .filter((m) => !m.completed)
        .map((m) => m.date)
        .sort()[0] ??
      existing.at(-1)?.date;
    const sinceTs = since ? Date.parse(`${since}T00:00:00Z`) / 1000 : undefined;
    const { items: sessions } = await this.getSessions();
    const days = new Map<
      string,
      {
        runs: Record<SessionType, number>;
        sessions: Record<SessionType, Set<string>>;
        users: Set<string>;
        tokens: Metrics;
        models: Record<string, { model_id: string; model_provider: string; count: number }>;
      }
    >();
    const today = new Date().toISOString().slice(0, 10);
    for (const session of sessions) {
      for (const run of session.runs ?? []) {
        const created = typeof run.created_at === "number" ? run.created_at : session.created_at;
        if (sinceTs !== undefined && created < sinceTs) continue;
        const date = new Date(created * 1000).toISOString().slice(0, 10);
        let day = days.get(date);
        if (!day) {
          day = {
            runs: { agent: 0, team: 0, workflow: 0 },
            sessions: { agent: new Set(), team: new Set(), workflow: new Set() },
            users: new Set(),
            tokens: {},
            models: {},
          };
          days.set(date, day);
        }
        if (run.parent_run_id) continue;
        day.runs[session.session_type]++;
        day.sessions[session.session_type].add(session.session_id);
        if (session.user_id) day.users.add(session.user_id);
        day.tokens = sumMetrics([day.tokens, run.metrics as Metrics | undefined]);
        if (typeof run.model === "string") {
          const key = `${run.model}:${String(run.model_provider ?? "")}`;
          const entry = day.models[key] ?? {
            model_id: run.model,
            model_provider: String(run.model_provider ?? ""),
            count: 0,
          };
          entry.count++;
          day.models[key] = entry;
        }
      }
    }
    const now = nowSeconds();
    const records: MetricsRecord[] = [...days.entries()].map(([date, d]) => {
      const {
        duration: _d,
        time_to_first_token: _t,
        provider_metrics: _p,
        additional_metrics: _a,
        ...tokens
      } = d.tokens;
      return {
        id:
          existing.find((m) => m.date === date && m.aggregation_period === "daily")?.id ??
          `${date}-daily`,
        agent_runs_count: d.runs.agent,
        team_runs_count: d.runs.team,
        workflow_runs_count: d.runs.workflow,
        agent_sessions_count: d.sessions.agent.size,
        team_sessions_count: d.sessions.team.size,
        workflow_sessions_count: d.sessions.workflow.size,
        users_count: d.users.size,
        token_metrics: tokens as Record<string, number>,
        model_metrics: d.models,
        date,
        aggregation_period: "daily",
        created_at: existing.find((m) => m.date === date)?.created_at ?? now,
        updated_at: now,
        completed: date < today,
      };
    });
    if (records.length > 0) await this.upsertMetrics(records);
    return records;
  }

  // Eval runs

  async createEvalRun(run: EvalRunRecord): Promise<EvalRunRecord> {
    await this.run("evals", "createEvalRun", () =>
      this.store.put("evals", [run as unknown as Row]),
    );
    return run;
  }

  async getEvalRun(runId: string): Promise<EvalRunRecord | null> {
    const row = await this.run("evals", "getEvalRun", () => this.store.get("evals", runId));
    return this.one<EvalRunRecord>("evals", row, checkEval);
  }

  async getEvalRuns(filter: EvalFilter = {}): Promise<Page<EvalRunRecord>> {
    const q: TableQuery = {
      ...paging("getEvalRuns", filter, new Set(["created_at", "updated_at", "name"]), "created_at"),
    };
    const eq: NonNullable<TableQuery["eq"]> = {};
    if (filter.agentId !== undefined) eq.agent_id = filter.agentId;
    if (filter.teamId !== undefined) eq.team_id = filter.teamId;
    if (filter.workflowId !== undefined) eq.workflow_id = filter.workflowId;
    if (filter.modelId !== undefined) eq.model_id = filter.modelId;
    if (Object.keys(eq).length > 0) q.eq = eq;
    if (filter.evalType?.length) q.in = { eval_type: filter.evalType };
    const { rows, total } = await this.run("evals", "getEvalRuns", () =>
      this.store.query("evals", q),
    );
    return { items: this.clean("evals", rows, checkEval), total };
  }

  async deleteEvalRuns(runIds: string[]): Promise<number> {
    return this.run("evals", "deleteEvalRuns", () => this.store.remove("evals", runIds));
  }

  async renameEvalRun(runId: string, name: string): Promise<EvalRunRecord | null> {
    const saved = await this.run("evals", "renameEvalRun", () =>
      this.store.update("evals", runId, (row) =>
        row ? { ...row, name, updated_at: nowSeconds() } : null,
      ),
    );
    return saved as EvalRunRecord | null;
  }

  // Knowledge contents

  async getKnowledgeContent(id: string): Promise<KnowledgeContentRecord | null> {
    const row = await this.run("knowledge", "getKnowledgeContent", () =>
      this.store.get("knowledge", id),
    );
    return this.one<KnowledgeContentRecord>("knowledge", row, checkKnowledge);
  }

  async getKnowledgeContents(options: ListOptions = {}): Promise<Page<KnowledgeContentRecord>> {
    const q: TableQuery = {
      ...paging(
        "getKnowledgeContents",
        options,
        new Set(["created_at", "updated_at", "name"]),
        "created_at",
      ),
    };
    const { rows, total } = await this.run("knowledge", "getKnowledgeContents", () =>
      this.store.query("knowledge", q),
    );
    return { items: this.clean("knowledge", rows, checkKnowledge), total };
  }

  async upsertKnowledgeContent(content: KnowledgeContentRecord): Promise<KnowledgeContentRecord> {
    const row = {
      ...content,
      created_at: content.created_at ?? nowSeconds(),
      updated_at: nowSeconds(),
    };
    await this.run("knowledge", "upsertKnowledgeContent", () =>
      this.store.put("knowledge", [row as unknown as Row]),
    );
    return row;
  }

  async deleteKnowledgeContent(id: string): Promise<boolean> {
    return (
      (await this.run("knowledge", "deleteKnowledgeContent", () =>
        this.store.remove("knowledge", [id]),
      )) > 0
    );
  }

  // Traces and spans

  async upsertTrace(trace: TraceRecord): Promise<void> {
    await this.run("traces", "upsertTrace", () =>
      this.store.put("traces", [trace as unknown as Row]),
    );
  }

  async getTrace(options: { traceId?: string; runId?: string }): Promise<TraceRecord | null> {
    if (options.traceId) {
      const row = await this.run("traces", "getTrace", () =>
        this.store.get("traces", options.traceId!),
      );
      return this.one<TraceRecord>("traces", row, checkTrace);
    }
    if (options.runId)
      return (await this.getTraces({ runId: options.runId, limit: 1 })).items[0] ?? null;
    return null;
  }

  async getTraces(filter: TraceFilter = {}): Promise<Page<TraceRecord>> {
    const q: TableQuery = {
      ...paging(
        "getTraces",
        filter,
        new Set(["created_at", "start_time", "duration_ms"]),
        "start_time",
      ),
    };
    const eq: NonNullable<TableQuery["eq"]> = {};
    for (const [key, column] of [
      ["runId", "run_id"],
      ["sessionId", "session_id"],
      ["userId", "user_id"],
      ["agentId", "agent_id"],
      ["teamId", "team_id"],
      ["workflowId", "workflow_id"],
      ["status", "status"],
    ] as const) {
      const v = filter[key];
      if (v !== undefined) eq[column] = v;
    }
    if (Object.keys(eq).length > 0) q.eq = eq;
    if (filter.startTime) q.gte = { start_time: filter.startTime };
    if (filter.endTime) q.lte = { start_time: filter.endTime };
    const { rows, total } = await this.run("traces", "getTraces", () =>
      this.store.query("traces", q),
    );
    return { items: this.clean("traces", rows, checkTrace), total };
  }

  async createSpans(spans: SpanRecord[]): Promise<void> {
    await this.run("spans", "createSpans", () =>
      this.store.put("spans", spans as unknown as Row[]),
    );
  }

  async getSpan(spanId: string): Promise<SpanRecord | null> {
    const row = await this.run("spans", "getSpan", () => this.store.get("spans", spanId));
    return this.one<SpanRecord>("spans", row, (r) =>
      typeof r.trace_id === "string" ? null : "trace_id is missing",
    );
  }

  async getSpans(
    filter: { traceId?: string; parentSpanId?: string; limit?: number } = {},
  ): Promise<SpanRecord[]> {
    const q: TableQuery = { orderBy: { column: "start_time", direction: "asc" } };
    const eq: NonNullable<TableQuery["eq"]> = {};
    if (filter.traceId) eq.trace_id = filter.traceId;
    if (filter.parentSpanId) eq.parent_span_id = filter.parentSpanId;
    if (Object.keys(eq).length > 0) q.eq = eq;
    const { limit } = pageWindow("getSpans", { limit: filter.limit });
    if (limit !== undefined) q.limit = limit;
    const { rows } = await this.run("spans", "getSpans", () => this.store.query("spans", q));
    return this.clean("spans", rows, (r) =>
      typeof r.trace_id === "string" ? null : "trace_id is missing",
    );
  }

  // Schema versions

  /** The schema version recorded for a table type, or null when none was recorded. */
  async getSchemaVersion(table: TableType): Promise<string | null> {
    const row = await this.run("versions", "getSchemaVersion", () =>
      this.store.get("versions", this.tables[table]),
    );
    return row && !isMalformed(row) ? String(row.version) : null;
  }

  async setSchemaVersion(table: TableType, version: string): Promise<SchemaVersionRecord> {
    const now = new Date().toISOString();
    const saved = await this.run("versions", "setSchemaVersion", () =>
      this.store.update("versions", this.tables[table], (row) => ({
        table_name: this.tables[table],
        version,
        created_at: (row?.created_at as string) ?? now,
        updated_at: now,
      })),
    );
    return saved as unknown as SchemaVersionRecord;
  }
}

function checkOrThrow<T>(
  table: TableType,
  value: T,
  check: (row: Row) => string | null,
  name: string,
): void {
  const problem = check(value as unknown as Row);
  if (problem)
    throw new StorageError(`Cannot write to table "${name}": ${problem}`, {
      table: name,
      operation: `write ${table}`,
    });
}

const SESSION_TYPES = new Set(["agent", "team", "workflow"]);

function checkSession(r: Row): string | null {
  if (typeof r.session_id !== "string" || !r.session_id)
    return "session_id must be a non-empty string";
  if (!SESSION_TYPES.has(r.session_type as string))
    return `session_type must be agent, team or workflow (got ${JSON.stringify(r.session_type)})`;
  if (r.runs !== undefined && r.runs !== null && !Array.isArray(r.runs))
    return "runs must be a list";
  if (r.session_data !== undefined && r.session_data !== null && typeof r.session_data !== "object")
    return "session_data must be an object";
  if (typeof r.created_at !== "number") return "created_at must be a number";
  return null;
}

function checkMemory(r: Row): string | null {
  if (typeof r.memory_id !== "string" || !r.memory_id)
    return "memory_id must be a non-empty string";
  if (typeof r.memory !== "string") return "memory must be a string";
  if (r.topics !== undefined && r.topics !== null && !Array.isArray(r.topics))
    return "topics must be a list";
  if (typeof r.created_at !== "number") return "created_at must be a number";
  return null;
}

function checkEval(r: Row): string | null {
  if (typeof r.run_id !== "string") return "run_id must be a string";
  if (typeof r.eval_type !== "string") return "eval_type must be a string";
  return null;
}

function checkKnowledge(r: Row): string | null {
  if (typeof r.id !== "string") return "id must be a string";
  if (typeof r.name !== "string") return "name must be a string";
  return null;
}

function checkTrace(r: Row): string | null {
  if (typeof r.trace_id !== "string") return "trace_id must be a string";
  return null;
}

/** A stored run's metrics: agent and team runs carry them flat; workflow runs per step. */
function runMetrics(run: Record<string, unknown>): Metrics | undefined {
  const metrics = run.metrics as
    | (Metrics & { steps?: Record<string, { metrics?: Metrics }> })
    | undefined;
  if (!metrics?.steps || typeof metrics.steps !== "object") return metrics;
  const total = sumMetrics(Object.values(metrics.steps).map((s) => s?.metrics));
  if (typeof metrics.duration === "number") total.duration = metrics.duration;
  return total;
}
