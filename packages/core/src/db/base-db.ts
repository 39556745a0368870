import { type Metrics, sumMetrics } from "../metrics.js";
import { nowSeconds } from "../utils/ids.js";
import {
  checkMemory,
  checkOrThrow,
  checkSession,
  MEMORY_SORT,
  paging,
  runMetrics,
  SESSION_SORT,
} from "./db-core.js";
import { pageWindow } from "./paging.js";
import { RecordsDb } from "./records-db.js";
import type { Row, TableQuery, TableStore } from "./tables.js";
import type {
  ListOptions,
  MemoryFilter,
  MetricsRecord,
  Page,
  SessionFilter,
  SessionRecord,
  SessionType,
  UserMemory,
  UserMemoryStats,
} from "./types.js";

export { resolveTableNames, StorageError, type TableNames } from "./db-core.js";

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
export abstract class BaseDb extends RecordsDb {
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
}
