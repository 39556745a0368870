import type {
  CreateSessionOptions,
  ListMemoriesOptions,
  ListSessionsOptions,
  MemoryInput,
  MemoryLookupOptions,
  SessionLookupOptions,
  SessionRunsOptions,
  UpdateSessionOptions,
} from "../client-options.js";
import { seg } from "../transport.js";
import type {
  PaginatedResponse,
  RunSchema,
  SessionDetail,
  SessionSchema,
  UserMemory,
  UserMemoryStats,
} from "../types.js";
import { dbQuery, memoryBody, pageQuery, sessionQuery, stripUndefined } from "./base.js";
import { RunsClient } from "./runs.js";

/** Memories and sessions (a group of {@link AgentOSClient} methods). */
export class DataClient extends RunsClient {
  // Memories

  /** `POST /memories`: stores a memory for a user. */
  createMemory(options: MemoryInput): Promise<UserMemory> {
    return this.sendJson("POST", "/memories", memoryBody(options), dbQuery(options), options);
  }

  /** `GET /memories/{id}`. */
  getMemory(memoryId: string, options: MemoryLookupOptions = {}): Promise<UserMemory> {
    return this.getJson(
      `/memories/${seg(memoryId)}`,
      { ...dbQuery(options), user_id: options.userId },
      options,
    );
  }

  /** `GET /memories`: memories filtered by user, agent, team, topics or text, one page at a time. */
  listMemories(options: ListMemoriesOptions = {}): Promise<PaginatedResponse<UserMemory>> {
    return this.getJson(
      "/memories",
      {
        ...dbQuery(options),
        ...pageQuery(options),
        user_id: options.userId,
        agent_id: options.agentId,
        team_id: options.teamId,
        topics: options.topics,
        search_content: options.searchContent,
      },
      options,
    );
  }

  /** `PATCH /memories/{id}`. */
  updateMemory(memoryId: string, options: MemoryInput): Promise<UserMemory> {
    return this.sendJson(
      "PATCH",
      `/memories/${seg(memoryId)}`,
      memoryBody(options),
      dbQuery(options),
      options,
    );
  }

  /** `DELETE /memories/{id}`. */
  async deleteMemory(memoryId: string, options: MemoryLookupOptions = {}): Promise<void> {
    await this.sendJson(
      "DELETE",
      `/memories/${seg(memoryId)}`,
      undefined,
      { ...dbQuery(options), user_id: options.userId },
      options,
    );
  }

  /** `DELETE /memories`: deletes several memories. */
  async deleteMemories(memoryIds: string[], options: MemoryLookupOptions = {}): Promise<void> {
    await this.sendJson(
      "DELETE",
      "/memories",
      stripUndefined({ memory_ids: memoryIds, user_id: options.userId }),
      dbQuery(options),
      options,
    );
  }

  /** `GET /memory_topics`. */
  getMemoryTopics(options: MemoryLookupOptions = {}): Promise<string[]> {
    return this.getJson(
      "/memory_topics",
      { ...dbQuery(options), user_id: options.userId },
      options,
    );
  }

  /** `GET /user_memory_stats`. */
  getUserMemoryStats(
    options: MemoryLookupOptions & { limit?: number; page?: number } = {},
  ): Promise<PaginatedResponse<UserMemoryStats>> {
    return this.getJson(
      "/user_memory_stats",
      { ...dbQuery(options), user_id: options.userId, limit: options.limit, page: options.page },
      options,
    );
  }

  // Sessions

  /** `POST /sessions`: creates a session (201). */
  createSession(options: CreateSessionOptions = {}): Promise<SessionDetail> {
    const body = stripUndefined({
      session_id: options.sessionId,
      session_name: options.sessionName,
      session_state: options.sessionState,
      metadata: options.metadata,
      user_id: options.userId,
      agent_id: options.agentId,
      team_id: options.teamId,
      workflow_id: options.workflowId,
    });
    return this.sendJson(
      "POST",
      "/sessions",
      body,
      { type: options.sessionType ?? "agent", db_id: options.dbId },
      options,
    );
  }

  /** `GET /sessions`: sessions filtered by type, component, user or name, one page at a time. */
  getSessions(options: ListSessionsOptions = {}): Promise<PaginatedResponse<SessionSchema>> {
    return this.getJson(
      "/sessions",
      {
        ...dbQuery(options),
        ...pageQuery(options),
        type: options.sessionType,
        component_id: options.componentId,
        user_id: options.userId,
        session_name: options.sessionName,
      },
      options,
    );
  }

  /** Same as {@link getSessions}. */
  listSessions(options: ListSessionsOptions = {}): Promise<PaginatedResponse<SessionSchema>> {
    return this.getSessions(options);
  }

  /** `GET /sessions/{id}`. */
  getSession(sessionId: string, options: SessionLookupOptions = {}): Promise<SessionDetail> {
    return this.getJson(`/sessions/${seg(sessionId)}`, sessionQuery(options), options);
  }

  /** `GET /sessions/{id}/runs`. */
  getSessionRuns(sessionId: string, options: SessionRunsOptions = {}): Promise<RunSchema[]> {
    return this.getJson(
      `/sessions/${seg(sessionId)}/runs`,
      {
        ...sessionQuery(options),
        created_after: options.createdAfter,
        created_before: options.createdBefore,
      },
      options,
    );
  }

  /** `GET /sessions/{id}/runs/{run_id}`. */
  getSessionRun(
    sessionId: string,
    runId: string,
    options: SessionLookupOptions = {},
  ): Promise<RunSchema> {
    return this.getJson(
      `/sessions/${seg(sessionId)}/runs/${seg(runId)}`,
      sessionQuery(options),
      options,
    );
  }

  /** `POST /sessions/{id}/rename`. */
  renameSession(
    sessionId: string,
    sessionName: string,
    options: SessionLookupOptions = {},
  ): Promise<SessionDetail> {
    return this.sendJson(
      "POST",
      `/sessions/${seg(sessionId)}/rename`,
      { session_name: sessionName },
      sessionQuery(options),
      options,
    );
  }

  /** `PATCH /sessions/{id}`: updates name, state, metadata or summary. */
  updateSession(sessionId: string, options: UpdateSessionOptions): Promise<SessionDetail> {
    const body = stripUndefined({
      session_name: options.sessionName,
      session_state: options.sessionState,
      metadata: options.metadata,
      summary: options.summary,
    });
    return this.sendJson(
      "PATCH",
      `/sessions/${seg(sessionId)}`,
      body,
      sessionQuery(options),
      options,
    );
  }

  /** `DELETE /sessions/{id}`. */
  async deleteSession(sessionId: string, options: SessionLookupOptions = {}): Promise<void> {
    await this.sendJson(
      "DELETE",
      `/sessions/${seg(sessionId)}`,
      undefined,
      sessionQuery(options),
      options,
    );
  }

  /** `DELETE /sessions`: deletes several sessions (one type per id). */
  async deleteSessions(
    sessionIds: string[],
    sessionTypes: string[],
    options: SessionLookupOptions = {},
  ): Promise<void> {
    await this.sendJson(
      "DELETE",
      "/sessions",
      { session_ids: sessionIds, session_types: sessionTypes },
      sessionQuery(options),
      options,
    );
  }
}
