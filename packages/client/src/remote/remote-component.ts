import { AgentOSClient } from "../client/agentos-client.js";
import { AgentOSHttpError } from "../errors.js";
import type { RunRequestOptions } from "../form.js";
import type { FetchFunction, RequestOptions } from "../transport.js";
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

/**
 * The key of the descriptor a remote component exposes for AgentOS's gateway (`Symbol.for`, so
 * that `@agno/os` finds it without importing this package): `{ type, id, baseUrl, timeout,
 * headers, authToken }`.
 */
export const REMOTE_COMPONENT = Symbol.for("agno.remote");

/** What a remote component tells AgentOS's gateway about itself. */
export interface RemoteComponentDescriptor {
  type: "agent" | "team" | "workflow";
  id: string;
  baseUrl: string;
  /** Seconds a request may take. */
  timeout: number;
  headers: Record<string, string>;
  authToken?: string;
}

type ConfigLike = {
  id: string;
  name?: string;
  description?: string;
  role?: string;
  db_id?: string;
  knowledge?: Record<string, unknown>;
  tools?: unknown;
};

/**
 * What RemoteAgent, RemoteTeam and RemoteWorkflow share: the client, the id, and the remote
 * configuration cached for `configTtl` seconds. Construction does no I/O; the synchronous
 * getters answer from the cache (`undefined` until it is loaded by `refreshConfig()`, a
 * `get*Config()` call, or a run).
 */
export abstract class RemoteComponent<TConfig extends ConfigLike> {
  /** The component's id on the remote AgentOS. */
  readonly id: string;
  /** The client this component talks through. */
  readonly client: AgentOSClient;
  /** Seconds the configuration stays cached. */
  readonly configTtl: number;
  protected readonly defaults: { authToken?: string; factoryInput?: Record<string, unknown> };
  /** Whether this is an agent, a team or a workflow (for the gateway's descriptor). */
  protected abstract readonly componentType: RemoteComponentDescriptor["type"];
  readonly #headers: Record<string, string>;
  #config: TConfig | undefined;
  #fetchedAt = 0;
  #loading: Promise<TConfig> | undefined;

  protected constructor(id: string, options: RemoteComponentOptions, defaultTimeout: number) {
    this.id = id;
    this.configTtl = options.configTtl ?? 300;
    this.#headers = { ...(options.headers ?? {}) };
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

  /** What AgentOS's gateway needs to serve this component: `new AgentOS({ agents: [remoteAgent] })`. */
  get [REMOTE_COMPONENT](): RemoteComponentDescriptor {
    return {
      type: this.componentType,
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

  /** Cancels a run: true when the AgentOS accepted the cancellation. */
  cancelRun(
    runId: string,
    options: RequestOptions & { sessionId?: string } = {},
  ): Promise<boolean> {
    return this.cancelWith(() => this.sendCancel(runId, this.requestOptions(options)));
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
    if (extraFields !== undefined)
      wire.extraFields = { ...(wire.extraFields ?? {}), ...extraFields };
    this.warmUp(wire);
    return wire;
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

/**
 * What RemoteAgent and RemoteTeam share on top of `RemoteComponent`: the role, tools and
 * knowledge read from the remote configuration, so that either can be a member of a local `Team`.
 */
export abstract class RemoteMemberComponent<
  TConfig extends ConfigLike,
> extends RemoteComponent<TConfig> {
  /** The component's role, from the remote configuration. */
  get role(): string | undefined {
    return this.cachedConfig?.role;
  }

  /** The component's own tools (dicts with at least `name`), from the remote configuration. */
  get tools(): Array<Record<string, unknown>> | undefined {
    return toolList(this.cachedConfig);
  }

  /** The component's knowledge settings, when it has knowledge. */
  get knowledge(): RemoteKnowledge | undefined {
    const k = this.cachedConfig?.knowledge;
    return k && Object.keys(k).length > 0 ? new RemoteKnowledge(k, this.baseUrl) : undefined;
  }

  /** The tools for a leader's context (a local Team's `addMemberToolsToContext`). */
  resolvedTools(): { tools: Array<{ name: string; description?: string }> } {
    return { tools: namedTools(this.tools) };
  }
}

/** The `tools` list of a remote configuration (`{ tools: { tools: [...] } }` or a list). */
export function toolList(
  config: { tools?: unknown } | undefined,
): Array<Record<string, unknown>> | undefined {
  const tools = config?.tools;
  if (Array.isArray(tools)) return tools as Array<Record<string, unknown>>;
  if (tools && typeof tools === "object") {
    const inner = (tools as { tools?: unknown }).tools;
    if (Array.isArray(inner)) return inner as Array<Record<string, unknown>>;
  }
  return undefined;
}

/** `{ name, description }` of each tool dict (OpenAI function dicts included). */
export function namedTools(
  tools: Array<Record<string, unknown>> | undefined,
): Array<{ name: string; description?: string }> {
  return (tools ?? []).flatMap((t) => {
    const fn = (t.function as Record<string, unknown> | undefined) ?? t;
    const name = fn.name;
    if (typeof name !== "string") return [];
    const description = fn.description;
    return [typeof description === "string" ? { name, description } : { name }];
  });
}
