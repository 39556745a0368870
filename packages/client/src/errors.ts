/**
 * Errors of `@agno/client`. They carry the same `Symbol.for("agno.error")` marker as `AgnoError`
 * in `@agno/core`, so `AgnoError.isInstance(err)` recognises them too, without this package
 * importing core at runtime.
 */

const AGNO_MARKER = Symbol.for("agno.error");
const CLIENT_MARKER = Symbol.for("agno.client.error");
const UNAVAILABLE_MARKER = Symbol.for("agno.client.remote_server_unavailable");
const HTTP_MARKER = Symbol.for("agno.client.http_error");

function hasMarker(value: unknown, marker: symbol): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<symbol, unknown>)[marker] === true
  );
}

/** Options shared by the client's errors. */
export interface AgnoClientErrorOptions {
  /** Stable machine-readable code. @default "agno_client_error" */
  code?: string;
  /** The HTTP status this failure maps to, when one applies. */
  status?: number;
  /** The underlying error. */
  cause?: unknown;
}

/**
 * Base of every error thrown by `@agno/client`.
 *
 * `AgnoClientError.isInstance(err)` recognises errors from any copy of the package (duplicate
 * installs, bundles), where `instanceof` would not.
 */
export class AgnoClientError extends Error {
  /** Stable machine-readable code, e.g. `"remote_server_unavailable"`. */
  readonly code: string;
  /** The HTTP status this failure maps to, when one applies. */
  readonly status?: number;
  readonly [AGNO_MARKER] = true;
  readonly [CLIENT_MARKER] = true;

  constructor(message: string, options: AgnoClientErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AgnoClientError";
    this.code = options.code ?? "agno_client_error";
    if (options.status !== undefined) this.status = options.status;
  }

  /** True when `value` is an error of this package, whichever copy created it. */
  static isInstance(value: unknown): value is AgnoClientError {
    return hasMarker(value, CLIENT_MARKER);
  }
}

/**
 * The AgentOS could not be reached (connection refused, DNS failure, reset) or did not answer
 * within the timeout.
 *
 * @example
 * try {
 *   await client.getConfig();
 * } catch (err) {
 *   if (RemoteServerUnavailableError.isInstance(err)) console.log(err.message, err.baseUrl);
 * }
 */
export class RemoteServerUnavailableError extends AgnoClientError {
  /** The AgentOS base URL that could not be reached. */
  readonly baseUrl: string;
  /** True when the request timed out (rather than failing to connect). */
  readonly timedOut: boolean;
  readonly [UNAVAILABLE_MARKER] = true;

  constructor(message: string, options: { baseUrl: string; timedOut?: boolean; cause?: unknown }) {
    super(message, { code: "remote_server_unavailable", status: 503, cause: options.cause });
    this.name = "RemoteServerUnavailableError";
    this.baseUrl = options.baseUrl;
    this.timedOut = options.timedOut ?? false;
  }

  static override isInstance(value: unknown): value is RemoteServerUnavailableError {
    return hasMarker(value, UNAVAILABLE_MARKER);
  }
}

/**
 * The AgentOS answered with a 4xx or 5xx status. `detail` is the server's `{"detail": ...}`
 * (a string, or the list of validation errors of a 422), else the body's text.
 */
export class AgentOSHttpError extends AgnoClientError {
  declare readonly status: number;
  /** The server's `detail`, or the body's text when it was not `{"detail": ...}`. */
  readonly detail: unknown;
  /** The parsed JSON body (or the text) of the answer. */
  readonly body: unknown;
  /** HTTP method of the failed request. */
  readonly method: string;
  /** URL of the failed request. */
  readonly url: string;
  readonly [HTTP_MARKER] = true;

  constructor(options: {
    status: number;
    statusText?: string;
    detail: unknown;
    body: unknown;
    method: string;
    url: string;
  }) {
    const detail =
      typeof options.detail === "string" ? options.detail : JSON.stringify(options.detail ?? "");
    const path = safePath(options.url);
    super(
      `AgentOS answered ${options.status}${options.statusText ? ` ${options.statusText}` : ""} to ${options.method} ${path}${detail ? `: ${detail}` : "."}`,
      { code: codeForStatus(options.status), status: options.status },
    );
    this.name = "AgentOSHttpError";
    this.detail = options.detail;
    this.body = options.body;
    this.method = options.method;
    this.url = options.url;
  }

  static override isInstance(value: unknown): value is AgentOSHttpError {
    return hasMarker(value, HTTP_MARKER);
  }
}

function codeForStatus(status: number): string {
  switch (status) {
    case 400:
      return "bad_request";
    case 401:
      return "unauthorized";
    case 403:
      return "forbidden";
    case 404:
      return "not_found";
    case 409:
      return "conflict";
    case 422:
      return "validation_error";
    default:
      return status >= 500 ? "server_error" : "http_error";
  }
}

function safePath(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname;
  } catch {
    return url;
  }
}
