import { AgentOSHttpError, AgnoClientError, RemoteServerUnavailableError } from "./errors.js";

/** A `fetch` implementation (the global one by default). */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/** Values of a query string; `undefined` and `null` are left out, arrays join with commas. */
export type QueryParams = Record<
  string,
  string | number | boolean | readonly (string | number)[] | null | undefined
>;

/** Per-call options every client method accepts. */
export interface RequestOptions {
  /** Extra headers for this call (they win over the client's). */
  headers?: Record<string, string>;
  /** A bearer token for this call: sent as `Authorization: Bearer <token>`. */
  authToken?: string;
  /** Aborts the call. */
  signal?: AbortSignal;
  /** Seconds this call may take (for streams: to the first byte, then between chunks). @default the client's timeout */
  timeout?: number;
}

/** Options of a {@link Transport}. */
export interface TransportOptions {
  baseUrl: string;
  /** Seconds. */
  timeout: number;
  headers?: Record<string, string>;
  authToken?: string;
  fetch?: FetchFunction;
}

interface CallOptions extends RequestOptions {
  query?: QueryParams;
  json?: unknown;
  form?: FormData;
}

/** A response being read, with its timeout still armed (re-armed by `touch()` for streams). */
export interface OpenResponse {
  response: Response;
  /** Re-arms the timeout (call before waiting for more data). */
  touch(): void;
  /** Disarms the timeout (while the caller, not the server, has the turn). */
  pause(): void;
  /** Disarms the timeout and detaches from the caller's signal. */
  close(): void;
  /** Maps an error thrown while reading the body to the client's errors. */
  mapError(error: unknown): unknown;
  /** Aborts the request. */
  abort(reason?: unknown): void;
}

/**
 * Sends requests to one AgentOS: builds URLs and headers, applies the timeout, and turns
 * connection failures and error statuses into {@link RemoteServerUnavailableError} and
 * {@link AgentOSHttpError}. Uses only `fetch`, `AbortController` and timers (browser-safe).
 */
export class Transport {
  readonly baseUrl: string;
  readonly timeout: number;
  readonly #headers: Record<string, string>;
  readonly #authToken: string | undefined;
  readonly #fetch: FetchFunction | undefined;

  constructor(options: TransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.timeout = options.timeout;
    this.#headers = { ...(options.headers ?? {}) };
    this.#authToken = options.authToken;
    this.#fetch = options.fetch;
  }

  /** Sends a request and returns its JSON body (`undefined` for an empty body). */
  async request<T>(method: string, path: string, options: CallOptions = {}): Promise<T> {
    const open = await this.open(method, path, { ...options, accept: "application/json" });
    try {
      const text = await open.response.text();
      if (!text) return undefined as T;
      try {
        return JSON.parse(text) as T;
      } catch {
        return text as T;
      }
    } catch (error) {
      throw open.mapError(error);
    } finally {
      open.close();
    }
  }

  /**
   * Sends a request and returns the open response (status checked) for the caller to read.
   * The timeout covers reaching the server and each wait for data; `touch()` re-arms it.
   */
  async open(
    method: string,
    path: string,
    options: CallOptions & { accept?: string } = {},
  ): Promise<OpenResponse> {
    const url = this.url(path, options.query);
    const timeoutSeconds = options.timeout ?? this.timeout;
    const controller = new AbortController();
    const userSignal = options.signal;
    let timedOut = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      if (timer !== undefined) clearTimeout(timer);
      if (!(timeoutSeconds > 0) || !Number.isFinite(timeoutSeconds)) return;
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort(new Error("timeout"));
      }, timeoutSeconds * 1000);
    };
    const onUserAbort = () => controller.abort(userSignal?.reason);
    if (userSignal?.aborted) throw userSignal.reason ?? abortError();
    userSignal?.addEventListener("abort", onUserAbort, { once: true });
    const pause = () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    };
    const close = () => {
      pause();
      userSignal?.removeEventListener("abort", onUserAbort);
    };
    const mapError = (error: unknown): unknown => {
      if (AgnoClientError.isInstance(error)) return error;
      if (timedOut) {
        return new RemoteServerUnavailableError(
          `Request to remote server at ${this.baseUrl} timed out after ${timeoutSeconds} seconds.`,
          { baseUrl: this.baseUrl, timedOut: true, cause: error },
        );
      }
      if (userSignal?.aborted) return userSignal.reason ?? error;
      if (controller.signal.aborted) return error;
      return new RemoteServerUnavailableError(
        `Failed to connect to remote server at ${this.baseUrl}.`,
        { baseUrl: this.baseUrl, cause: error },
      );
    };

    const headers: Record<string, string> = { ...this.#headers, ...(options.headers ?? {}) };
    const token = options.authToken ?? this.#authToken;
    if (token !== undefined && !hasHeader(headers, "authorization"))
      headers.Authorization = `Bearer ${token}`;
    if (options.accept && !hasHeader(headers, "accept")) headers.Accept = options.accept;
    let body: BodyInit | undefined;
    if (options.form !== undefined) body = options.form;
    else if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      if (!hasHeader(headers, "content-type")) headers["Content-Type"] = "application/json";
    }

    arm();
    let response: Response;
    try {
      const init: RequestInit = { method, headers, signal: controller.signal };
      if (body !== undefined) init.body = body;
      response = await this.#send(url, init);
    } catch (error) {
      close();
      throw mapError(error);
    }
    if (!response.ok) {
      try {
        throw await httpError(response, method, url);
      } catch (error) {
        throw mapError(error);
      } finally {
        close();
      }
    }
    return {
      response,
      touch: arm,
      pause,
      close,
      mapError,
      abort: (reason?: unknown) => controller.abort(reason),
    };
  }

  /** The absolute URL of a path, with its query string. */
  url(path: string, query?: QueryParams): string {
    let url = this.baseUrl + path;
    if (query) {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) {
        if (value === undefined || value === null) continue;
        params.append(key, Array.isArray(value) ? value.join(",") : String(value));
      }
      const qs = params.toString();
      if (qs) url += `?${qs}`;
    }
    return url;
  }

  #send(url: string, init: RequestInit): Promise<Response> {
    if (this.#fetch) return this.#fetch(url, init);
    return globalThis.fetch(url, init);
  }
}

/** Percent-encodes one path segment (an id). */
export function seg(value: string): string {
  return encodeURIComponent(value);
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((k) => k.toLowerCase() === name);
}

function abortError(): Error {
  const error = new Error("The operation was aborted.");
  error.name = "AbortError";
  return error;
}

async function httpError(response: Response, method: string, url: string): Promise<Error> {
  let text = "";
  try {
    text = await response.text();
  } catch {
    // keep the status alone
  }
  let body: unknown = text;
  let detail: unknown = text;
  if (text) {
    try {
      body = JSON.parse(text);
      detail =
        typeof body === "object" && body !== null && "detail" in body
          ? (body as { detail: unknown }).detail
          : body;
    } catch {
      // a text body: keep it as the detail
    }
  }
  return new AgentOSHttpError({
    status: response.status,
    statusText: response.statusText,
    detail,
    body,
    method,
    url,
  });
}
