import { getLogger, ModelProviderError, RunCancelledError } from "@agno/core";
import OpenAI, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  type ClientOptions,
} from "openai";

/** Connection settings shared by {@link OpenAIChat} and {@link OpenAIResponses}. */
export interface OpenAIClientOptions {
  /** API key. @default process.env.OPENAI_API_KEY, read on the first request */
  apiKey?: string;
  /**
   * Base URL of the API: OpenAI, or any OpenAI-compatible server (vLLM, Ollama, llama.cpp...).
   * @default process.env.OPENAI_BASE_URL, else "https://api.openai.com/v1"
   */
  baseURL?: string;
  /** Organization id sent as `OpenAI-Organization`. @default process.env.OPENAI_ORG_ID */
  organization?: string;
  /** Project id sent as `OpenAI-Project`. @default process.env.OPENAI_PROJECT_ID */
  project?: string;
  /** Request timeout in seconds. @default 600 (the SDK's default) */
  timeout?: number;
  /**
   * Retries done by the SDK itself. Kept at 0 so that the model's own `retries`,
   * `delayBetweenRetries` and `exponentialBackoff` decide.
   * @default 0
   */
  maxRetries?: number;
  /** Headers sent with every request. */
  defaultHeaders?: Record<string, string>;
  /** Query parameters sent with every request. */
  defaultQuery?: Record<string, string>;
  /** More options for the `OpenAI` client constructor; they override the ones above. */
  clientParams?: Partial<ClientOptions>;
  /** A ready client to use instead of building one (the connection options above are then ignored). */
  client?: OpenAI;
  /** Headers added to each model request. */
  extraHeaders?: Record<string, string>;
  /** Query parameters added to each model request. */
  extraQuery?: Record<string, string>;
  /** Fields merged into each request body, after every other parameter. */
  extraBody?: Record<string, unknown>;
}

/** Identifies the model in error messages. */
export interface ModelIdentity {
  readonly id: string;
  readonly name: string;
  readonly provider: string;
}

/** Builds the SDK client on first use (no I/O at construction) and keeps it. */
export class LazyClient {
  #options: OpenAIClientOptions;
  #client: OpenAI | undefined;

  constructor(options: OpenAIClientOptions) {
    const { apiKey, client, ...rest } = options;
    this.#options = { ...rest };
    if (apiKey !== undefined) this.#options.apiKey = apiKey;
    if (client !== undefined) this.#client = client;
  }

  /** The base URL requests go to (for messages). */
  get baseURL(): string {
    return (
      this.#client?.baseURL ??
      this.#options.baseURL ??
      env("OPENAI_BASE_URL") ??
      "https://api.openai.com/v1"
    );
  }

  /** The client; fails with a {@link ModelProviderError} naming `OPENAI_API_KEY` when no key is set. */
  get(model: ModelIdentity): OpenAI {
    if (this.#client) return this.#client;
    const o = this.#options;
    const apiKey = o.apiKey ?? env("OPENAI_API_KEY");
    if (!apiKey && !o.clientParams?.apiKey) {
      throw new ModelProviderError(
        `${model.name} "${model.id}" has no API key. Set the OPENAI_API_KEY environment variable or pass { apiKey } (any non-empty value for servers that need none, such as Ollama).`,
        { provider: model.provider, modelId: model.id, status: 401 },
      );
    }
    const baseURL = o.baseURL ?? env("OPENAI_BASE_URL");
    const params: ClientOptions = {
      apiKey,
      maxRetries: o.maxRetries ?? 0,
      logger: sdkLogger,
    };
    if (baseURL) params.baseURL = baseURL;
    if (o.organization !== undefined) params.organization = o.organization;
    if (o.project !== undefined) params.project = o.project;
    if (o.timeout !== undefined) params.timeout = Math.round(o.timeout * 1000);
    if (o.defaultHeaders) params.defaultHeaders = o.defaultHeaders;
    if (o.defaultQuery) params.defaultQuery = o.defaultQuery;
    this.#client = new OpenAI({ ...params, ...(o.clientParams ?? {}) });
    return this.#client;
  }

  /** Per-request options: signal, extra headers and query. */
  requestOptions(signal: AbortSignal | undefined): {
    signal?: AbortSignal;
    headers?: Record<string, string>;
    query?: Record<string, string>;
  } {
    const out: {
      signal?: AbortSignal;
      headers?: Record<string, string>;
      query?: Record<string, string>;
    } = {};
    if (signal) out.signal = signal;
    if (this.#options.extraHeaders) out.headers = this.#options.extraHeaders;
    if (this.#options.extraQuery) out.query = this.#options.extraQuery;
    return out;
  }
}

/** The SDK's log lines go to Agno's logger (whichever is set at the time). */
const sdkLogger = {
  debug: (message: string, ...args: unknown[]) => getLogger().debug(message, ...args),
  info: (message: string, ...args: unknown[]) => getLogger().info(message, ...args),
  warn: (message: string, ...args: unknown[]) => getLogger().warn(message, ...args),
  error: (message: string, ...args: unknown[]) => getLogger().error(message, ...args),
};

function env(name: string): string | undefined {
  const value = typeof process !== "undefined" ? process.env[name] : undefined;
  return value ? value : undefined;
}

/** An error a caller recognises as a cancellation (`name === "AbortError"`). */
export function abortError(cause?: unknown): Error {
  const error = new Error("The model request was aborted.", { cause });
  error.name = "AbortError";
  return error;
}

/**
 * Converts an OpenAI SDK failure into a {@link ModelProviderError} carrying the HTTP status and
 * the server's message; returns undefined for errors that are not the SDK's.
 */
export function fromSdkError(
  error: unknown,
  model: ModelIdentity,
  baseURL: string,
): Error | undefined {
  if (ModelProviderError.isInstance(error) || RunCancelledError.isInstance(error)) return error;
  const what = `${model.provider} model "${model.id}"`;
  const base = { provider: model.provider, modelId: model.id, cause: error };
  if (error instanceof APIUserAbortError) return abortError(error);
  if (error instanceof APIConnectionTimeoutError) {
    return new ModelProviderError(`${what} timed out waiting for ${baseURL}.`, {
      ...base,
      status: 504,
    });
  }
  if (error instanceof APIConnectionError) {
    const cause = error.cause instanceof Error ? `: ${causeMessage(error.cause)}` : "";
    return new ModelProviderError(`${what} could not connect to ${baseURL}${cause}.`, {
      ...base,
      status: 502,
    });
  }
  if (error instanceof APIError) {
    const status = typeof error.status === "number" ? error.status : 502;
    const body = error.error as { message?: unknown } | undefined;
    const serverMessage =
      typeof body?.message === "string" && body.message ? body.message : error.message;
    let message = `${what} failed with status ${status}: ${serverMessage}`;
    if (status === 401) message += " Check OPENAI_API_KEY or the apiKey option.";
    return new ModelProviderError(message, { ...base, status });
  }
  return undefined;
}

function causeMessage(error: Error): string {
  const code = (error as { code?: unknown }).code;
  const nested = error.cause instanceof Error ? error.cause : undefined;
  const nestedCode = (nested as { code?: unknown } | undefined)?.code;
  const parts = [error.message];
  if (nested && nested.message !== error.message) parts.push(nested.message);
  const finalCode = typeof nestedCode === "string" ? nestedCode : code;
  if (typeof finalCode === "string" && !parts.some((p) => p.includes(finalCode))) {
    parts.push(finalCode);
  }
  return parts.join(" - ");
}

/** Drops undefined values so that unset options are not sent. */
export function compact(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) if (value !== undefined) out[key] = value;
  return out;
}
