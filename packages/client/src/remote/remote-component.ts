import { AgentOSClient } from "../client/agentos-client.js";
import type { RunKind } from "../client/runs.js";
import type { SessionLookupOptions } from "../client-options.js";
import { AgentOSHttpError, AgnoClientError } from "../errors.js";
import type { RunRequestOptions } from "../form.js";
import { RunStream } from "../run-stream.js";
import type { FetchFunction, RequestOptions } from "../transport.js";
import type { SessionDetail } from "../wire/responses.js";
import {
  COMPONENT_BRAND,
  type ComponentType,
  REMOTE_COMPONENT,
  type RemoteComponentDescriptor,
} from "./brand.js";
import {
  chatHistory,
  findRun,
  findSession,
  lastRun,
  mergeSessionState,
  removeSession,
  type SessionScope,
} from "./remote-sessions.js";
import { type RemoteRunOptions, wireOptions } from "./run-options.js";

/** Options shared by `RemoteAgent`, `RemoteTeam` and `RemoteWorkflow`. */
export interface RemoteComponentOptions {
  /** Base URL of the AgentOS that hosts the component, e.g. `"http://localhost:7777"`. */
  baseUrl: string;
  /** Seconds a request may take (for streams: to the first byte, then between chunks). */
  timeout?: number;
  /** Seconds the remote configuration (name, description, tools...) stays cached. @default 300 */
  configTtl?: number;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** A bearer token sent with every request (a call's `authToken` wins). */
  authToken?: string;
  /** The `fetch` to use. @default globalThis.fetch */
  fetch?: FetchFunction;
  /** Default `factory_input` of every run, for components built by a factory. */
  factoryInput?: Record<string, unknown>;
  /**
   * The session of runs that name none, and of the session methods until a run used another.
   * @default a new session per run (the AgentOS names it)
   */
  sessionId?: string;
}

/** The remote component's database, as its configuration names it. */
export class RemoteDb {
  /** The database id on the remote AgentOS (`db_id`). */
  readonly id: string;
  /** The AgentOS that owns it. */
  readonly baseUrl: string;
  constructor(id: string, baseUrl: string) {
    this.id = id;
    this.baseUrl = baseUrl;
  }
}

/** The remote component's knowledge settings, as its configuration describes them. */
export class RemoteKnowledge {
  /** The `knowledge` block of the remote configuration. */
  readonly config: Record<string, unknown>;
  readonly baseUrl: string;
  constructor(config: Record<string, unknown>, baseUrl: string) {
    this.config = config;
    this.baseUrl = baseUrl;
  }
}

/** The fields of a remote configuration the components read. */
export type ConfigLike = {
  id: string;
  name?: string;
  description?: string;
  role?: string;
  db_id?: string;
  knowledge?: Record<string, unknown>;
  tools?: unknown;
};

/** Streams whose run id and session this component remembers (for `cancelRun`). */
const TRACKED_STREAMS = 50;

/**
 * What RemoteAgent, RemoteTeam and RemoteWorkflow share: the client, the id, the remote
 * configuration cached for `configTtl` seconds, and the component contract of `@agno/core`
 * (the `Symbol.for("agno.component")` brand, `kind`, `cancelRun` and the session methods, over
 * the AgentOS session routes). Construction does no I/O; the synchronous getters answer from
 * the cache (`undefined` until it is loaded by `refreshConfig()`, a `get*Config()` call, or a run).
 */
export abstract class RemoteComponent<TConfig extends ConfigLike, TOutput = unknown> {
  /** The component's id on the remote AgentOS. */
  readonly id: string;
  /** The client this component talks through. */
  readonly client: AgentOSClient;
  /** Seconds the configuration stays cached. */
  readonly configTtl: number;
  /** `"agent"`, `"team"` or `"workflow"`. */
  abstract readonly kind: ComponentType;
  protected readonly defaults: { authToken?: string; factoryInput?: Record<string, unknown> };
  /** How this kind's runs are read (outputs of the session routes). */
  protected abstract readonly runKind: RunKind<TOutput>;
  readonly #headers: Record<string, string>;
  readonly #sessionId: string | undefined;
  #config: TConfig | undefined;
  #fetchedAt = 0;
  #loading: Promise<TConfig> | undefined;
  /** The session of the latest run, once known. */
  #lastSession: (() => string | undefined) | undefined;
  readonly #streams = new Set<RunStream<unknown, unknown>>();

  protected constructor(id: string, options: RemoteComponentOptions, defaultTimeout: number) {
    this.id = id;
    this.configTtl = options.configTtl ?? 300;
    this.#headers = { ...(options.headers ?? {}) };
    this.#sessionId = options.sessionId;
    this.client = new AgentOSClient({
      baseUrl: options.baseUrl,
      timeout: options.timeout ?? defaultTimeout,
      ...(options.headers ? { headers: options.headers } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    this.defaults = {
      ...(options.authToken !== undefined ? { authToken: options.authToken } : {}),
      ...(options.factoryInput !== undefined ? { factoryInput: options.factoryInput } : {}),
    };
  }

  /** Fetches the configuration from the server. */
  protected abstract fetchConfig(options: RequestOptions): Promise<TConfig>;

  /** Asks the server to cancel a run. */
  protected abstract sendCancel(
    runId: string,
    options: RequestOptions & { sessionId?: string },
  ): Promise<void>;

  /** The component brand (`Symbol.for("agno.component")`): its kind. */
  get [COMPONENT_BRAND](): ComponentType {
    return this.kind;
  }

  /** What AgentOS's gateway needs to serve this component: `new AgentOS({ agents: [remoteAgent] })`. */
  get [REMOTE_COMPONENT](): RemoteComponentDescriptor {
    return {
      type: this.kind,
      id: this.id,
      baseUrl: this.baseUrl,
      timeout: this.client.timeout,
      headers: { ...this.#headers },
      ...(this.defaults.authToken !== undefined ? { authToken: this.defaults.authToken } : {}),
    };
  }

  /** The base URL of the remote AgentOS. */
  get baseUrl(): string {
    return this.client.baseUrl;
  }

  /** The cached configuration (possibly stale), or undefined before the first load. */
  get cachedConfig(): TConfig | undefined {
    if (this.#config !== undefined && this.#expired()) this.#backgroundRefresh();
    return this.#config;
  }

  /** The component's name, from the remote configuration. */
  get name(): string | undefined {
    return this.cachedConfig?.name;
  }

  /** The component's description, from the remote configuration. */
  get description(): string | undefined {
    return this.cachedConfig?.description;
  }

  /** The component's database on the remote AgentOS, when it has one. */
  get db(): RemoteDb | undefined {
    const id = this.cachedConfig?.db_id;
    return id ? new RemoteDb(id, this.baseUrl) : undefined;
  }

  /** The session the session methods use by default: the latest run's, else the `sessionId` option. */
  get sessionId(): string | undefined {
    return this.#lastSession?.() ?? this.#sessionId;
  }

  /** Fetches the configuration now and caches it. */
  async refreshConfig(options: RequestOptions = {}): Promise<TConfig> {
    const config = await this.fetchConfig(this.requestOptions(options));
    this.#config = config;
    this.#fetchedAt = Date.now();
    return config;
  }

  /** The configuration: from the cache while it is fresh, else fetched. */
  async loadConfig(options: RequestOptions = {}): Promise<TConfig> {
    if (this.#config !== undefined && !this.#expired()) return this.#config;
    this.#loading ??= this.refreshConfig(options).finally(() => {
      this.#loading = undefined;
    });
    return this.#loading;
  }

  /**
   * Cancels a run: true when the AgentOS accepted the cancellation, false when it refused (an
   * unknown run answers 404). A run streamed by this component is cancelled in its own session.
   */
  cancelRun(
    runId: string,
    options: RequestOptions & { sessionId?: string } = {},
  ): Promise<boolean> {
    const sessionId = options.sessionId ?? this.#streamSession(runId);
    const cancel = { ...options, ...(sessionId !== undefined ? { sessionId } : {}) };
    return this.cancelWith(() => this.sendCancel(runId, this.requestOptions(cancel)));
  }

  // Sessions (`GET /sessions/{id}?type=...` and the other session routes)

  /** The session (default: the current one), or null when there is none. */
  async getSession(
    sessionId?: string,
    options: { userId?: string } = {},
  ): Promise<SessionDetail | null> {
    return findSession(this.#scope(), this.#session(sessionId), options.userId);
  }

  /** Deletes a session: true when it existed. */
  async deleteSession(sessionId: string, options: { userId?: string } = {}): Promise<boolean> {
    return removeSession(this.#scope(), sessionId, options.userId);
  }

  /** The session's state (`{}` when there is none). */
  async getSessionState(sessionId?: string): Promise<Record<string, unknown>> {
    return (await this.getSession(sessionId))?.session_state ?? {};
  }

  /** Merges updates into the session's state (creating the session if needed): the new state. */
  async updateSessionState(
    updates: Record<string, unknown>,
    sessionId?: string,
  ): Promise<Record<string, unknown>> {
    return mergeSessionState(this.#scope(), this.#session(sessionId), updates);
  }

  /** The session's name, as the AgentOS shows it (its given name, else its first input). */
  async getSessionName(sessionId?: string): Promise<string | undefined> {
    return (await this.getSession(sessionId))?.session_name || undefined;
  }

  /** A run of the session by id, or null. */
  async getRunOutput(runId: string, sessionId?: string): Promise<TOutput | null> {
    return findRun(this.#scope(), this.#session(sessionId), runId);
  }

  /** The session's latest run of this component, or null. */
  async getLastRunOutput(sessionId?: string): Promise<TOutput | null> {
    return lastRun(this.#scope(), this.#session(sessionId));
  }

  /** The session's conversation (messages; for a workflow, each run's input and output). */
  async getChatHistory(sessionId?: string): Promise<unknown[]> {
    return chatHistory(this.#scope(), this.#session(sessionId));
  }

  /**
   * The wire options of a run (the component's defaults applied, `extraFields` merged into the
   * request's extra fields), warming up the configuration cache on the way.
   */
  protected runOptions(
    options: RemoteRunOptions,
    extraFields?: Record<string, unknown>,
  ): RunRequestOptions {
    const wire = wireOptions(options, this.defaults);
    if (wire.sessionId === undefined && this.#sessionId !== undefined)
      wire.sessionId = this.#sessionId;
    if (extraFields !== undefined)
      wire.extraFields = { ...(wire.extraFields ?? {}), ...extraFields };
    this.warmUp(wire);
    return wire;
  }

  /**
   * Remembers a run's session (the current session of the session methods) and, for a stream,
   * its run id (so that `cancelRun` names its session). Returns the run as given.
   */
  protected track<T extends RunStream<any, any> | Promise<{ session_id?: string | undefined }>>(
    run: T,
    sessionId: string | undefined,
  ): T {
    if (run instanceof RunStream) {
      const stream = run as RunStream<unknown, unknown>;
      this.#lastSession = () => sessionId ?? stream.sessionId;
      this.#streams.add(stream);
      if (this.#streams.size > TRACKED_STREAMS)
        this.#streams.delete(this.#streams.values().next().value!);
      const forget = () => this.#streams.delete(stream);
      stream.output.then(forget, forget);
    } else {
      let known = sessionId;
      this.#lastSession = () => known;
      (run as Promise<{ session_id?: string }>).then(
        (output) => {
          known ??= output?.session_id;
        },
        () => {},
      );
    }
    return run;
  }

  /** The options of a `continueRun` call, with the component's default token and factory input. */
  protected continueOptions<T extends RequestOptions & { factoryInput?: Record<string, unknown> }>(
    options: T,
  ): T {
    const factoryInput = options.factoryInput ?? this.defaults.factoryInput;
    return this.requestOptions({ ...options, ...(factoryInput ? { factoryInput } : {}) });
  }

  /** Call options with the component's default token. */
  protected requestOptions<T extends RequestOptions>(options: T): T {
    if (options.authToken === undefined && this.defaults.authToken !== undefined)
      return { ...options, authToken: this.defaults.authToken };
    return options;
  }

  /** Loads the configuration in the background (for the getters), ignoring failures. */
  protected warmUp(options: RequestOptions = {}): void {
    if (this.#config === undefined || this.#expired()) this.loadConfig(options).catch(() => {});
  }

  /** Cancels a run: true when the server accepted it, false when it answered an error. */
  protected async cancelWith(cancel: () => Promise<void>): Promise<boolean> {
    try {
      await cancel();
      return true;
    } catch (error) {
      if (AgentOSHttpError.isInstance(error)) return false;
      throw error;
    }
  }

  #streamSession(runId: string): string | undefined {
    for (const stream of this.#streams) if (stream.runId === runId) return stream.sessionId;
    return undefined;
  }

  /** `sessionId`, else the current session; a clear error when there is none. */
  #session(sessionId: string | undefined): string {
    const id = sessionId ?? this.sessionId;
    if (id) return id;
    const label = `Remote${this.kind[0]?.toUpperCase()}${this.kind.slice(1)} "${this.id}"`;
    throw new AgnoClientError(
      `${label} has no session yet: pass a sessionId, or run it first (or give it a sessionId option).`,
      { code: "no_session" },
    );
  }

  #scope(): SessionScope<TOutput> {
    return {
      client: this.client,
      kind: this.kind,
      id: this.id,
      runs: this.runKind,
      lookup: async (userId) => {
        const config = await this.loadConfig().catch(() => undefined);
        const options: SessionLookupOptions = { sessionType: this.kind };
        if (config?.db_id) options.dbId = config.db_id;
        if (userId !== undefined) options.userId = userId;
        return this.requestOptions(options);
      },
    };
  }

  #expired(): boolean {
    return Date.now() - this.#fetchedAt > this.configTtl * 1000;
  }

  #backgroundRefresh(): void {
    if (this.#loading) return;
    this.#loading = this.refreshConfig().finally(() => {
      this.#loading = undefined;
    });
    this.#loading.catch(() => {});
  }
}
