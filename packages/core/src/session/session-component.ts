import type { BaseDb } from "../db/base-db.js";
import type { SessionRecord } from "../db/types.js";
import { ConfigurationError } from "../errors.js";
import type { Message } from "../messages.js";
import type { Metrics } from "../metrics.js";
import { idFromName, uuid } from "../utils/ids.js";
import type { GetMessagesOptions } from "./agent-session.js";

/** What every kind of stored session offers (agent, team and workflow sessions). */
export interface StoredSession<TRun> {
  readonly session_id: string;
  session_data: Record<string, unknown>;
  readonly sessionState: Record<string, unknown>;
  readonly sessionName: string | undefined;
  readonly runs: TRun[];
  getRun(runId: string): TRun | undefined;
  getMessages(options?: GetMessagesOptions): Message[];
  toRecord(): SessionRecord;
}

/**
 * The id and session methods of a component, written once for agents, teams and workflows: each kind
 * says how its sessions are loaded, made and summed up; the methods are the same. A method
 * without `sessionId` works on the component's current session (the last one it ran in).
 */
export abstract class SessionComponent<
  TSession extends StoredSession<unknown>,
  TRun,
  THistoryItem,
> {
  #id: string | undefined;
  readonly #idName: string | undefined;

  /** `id`: the component's id; else derived from `name`; else a UUID made on first use. */
  constructor(id: string | undefined, name: string | undefined) {
    this.#id = id;
    this.#idName = name;
  }

  /** The `id` option, else derived from the name (stable across restarts), else a UUID made on first use and kept. */
  get id(): string {
    this.#id ??= this.#idName?.trim() ? idFromName(this.#idName) : uuid();
    return this.#id;
  }

  /** `Agent "Support"`, `Workflow "Blog"`: for messages. */
  protected abstract get componentLabel(): string;
  /** The database sessions are stored in. */
  protected abstract get sessionDb(): BaseDb | undefined;
  /** The session methods work on when given no id: the last one used, else the configured one. */
  protected abstract get currentSessionId(): string | undefined;
  /** The user sessions are read for when none is given. */
  protected abstract get defaultUserId(): string | undefined;
  /** Loads a session of this kind; `strict` refuses another user's with `SessionAccessError`. */
  protected abstract loadSession(
    sessionId: string,
    userId: string | undefined,
    strict: boolean,
  ): Promise<TSession | null>;
  /** The session object of a stored row. */
  protected abstract sessionFromStored(record: SessionRecord): TSession;
  /** A new, empty session of this component. */
  protected abstract blankSession(sessionId: string): TSession;
  protected abstract chatHistoryOf(session: TSession, lastNRuns?: number): THistoryItem[];
  protected abstract metricsOf(session: TSession): Metrics | null;
  /** A name for the session, made up when `setSessionName({ autogenerate: true })`. */
  protected abstract generateSessionName(session: TSession | null): Promise<string>;
  /** Told of each session read, written or deleted here (a component that caches sessions). */
  protected sessionChanged(_sessionId: string, _session: TSession | null): void {}

  protected requireDb(method: string): BaseDb {
    const db = this.sessionDb;
    if (!db) {
      throw new ConfigurationError(
        `${method} needs a db: pass { db } to the ${this.componentLabel.split(" ")[0]} (for example new SqliteDb()).`,
      );
    }
    return db;
  }

  protected sessionIdOr(sessionId: string | undefined): string {
    const id = sessionId ?? this.currentSessionId;
    if (!id) {
      throw new ConfigurationError(
        `${this.componentLabel} has no session yet: pass a sessionId, or run it first.`,
      );
    }
    return id;
  }

  /** The session (default: the current one); null when missing or another user's. */
  async getSession(
    sessionId?: string,
    options: { userId?: string } = {},
  ): Promise<TSession | null> {
    this.requireDb("getSession");
    return this.loadSession(
      this.sessionIdOr(sessionId),
      options.userId ?? this.defaultUserId,
      false,
    );
  }

  /** Stores a session as given. */
  async saveSession(session: TSession): Promise<TSession | null> {
    const saved = await this.requireDb("saveSession").upsertSession(session.toRecord());
    if (!saved) return null;
    const out = this.sessionFromStored(saved);
    this.sessionChanged(out.session_id, out);
    return out;
  }

  /** Deletes a session. */
  async deleteSession(sessionId: string, options: { userId?: string } = {}): Promise<boolean> {
    this.sessionChanged(sessionId, null);
    return this.requireDb("deleteSession").deleteSession(
      sessionId,
      options.userId !== undefined ? { userId: options.userId } : {},
    );
  }

  /** The stored session state. */
  async getSessionState(sessionId?: string): Promise<Record<string, unknown>> {
    return (await this.getSession(sessionId))?.sessionState ?? {};
  }

  /** Merges updates into the stored session state and returns the result. */
  async updateSessionState(
    updates: Record<string, unknown>,
    sessionId?: string,
  ): Promise<Record<string, unknown>> {
    const id = this.sessionIdOr(sessionId);
    const session = (await this.getSession(id)) ?? this.blankSession(id);
    const state = { ...session.sessionState, ...updates };
    session.session_data = { ...session.session_data, session_state: state };
    await this.saveSession(session);
    return state;
  }

  /** The session's metrics, summed over its runs. */
  async getSessionMetrics(sessionId?: string): Promise<Metrics | null> {
    const session = await this.getSession(sessionId);
    return session ? this.metricsOf(session) : null;
  }

  /** The session's name. */
  async getSessionName(sessionId?: string): Promise<string | undefined> {
    return (await this.getSession(sessionId))?.sessionName;
  }

  /** Names the session: with `sessionName`, or a generated name when `autogenerate` is set. */
  async setSessionName(
    options: { sessionId?: string; sessionName?: string; autogenerate?: boolean } = {},
  ): Promise<TSession> {
    const id = this.sessionIdOr(options.sessionId);
    let name = options.sessionName;
    if (!name && options.autogenerate) {
      name = await this.generateSessionName(await this.getSession(id));
    }
    if (!name)
      throw new ConfigurationError("setSessionName needs a sessionName, or autogenerate: true.");
    const renamed = await this.requireDb("setSessionName").renameSession(id, name);
    if (!renamed) throw new ConfigurationError(`Session "${id}" does not exist.`);
    const out = this.sessionFromStored(renamed);
    this.sessionChanged(id, out);
    return out;
  }

  /** A stored run by id. */
  async getRunOutput(runId: string, sessionId?: string): Promise<TRun | null> {
    return ((await this.getSession(sessionId))?.getRun(runId) as TRun | undefined) ?? null;
  }

  /** The session's latest run. */
  async getLastRunOutput(sessionId?: string): Promise<TRun | null> {
    return ((await this.getSession(sessionId))?.runs.at(-1) as TRun | undefined) ?? null;
  }

  /** The session's conversation: user and assistant messages (agents), inputs and outputs (workflows). */
  async getChatHistory(
    sessionId?: string,
    options: { lastNRuns?: number } = {},
  ): Promise<THistoryItem[]> {
    const session = await this.getSession(sessionId);
    return session ? this.chatHistoryOf(session, options.lastNRuns) : [];
  }

  /** The session's messages, filtered. */
  async getSessionMessages(
    options: GetMessagesOptions & { sessionId?: string } = {},
  ): Promise<Message[]> {
    const { sessionId, ...filters } = options;
    return (await this.getSession(sessionId))?.getMessages(filters) ?? [];
  }
}
