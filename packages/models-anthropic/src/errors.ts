import { ModelProviderError } from "@agno/core";
import {
  AnthropicError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from "@anthropic-ai/sdk";

/** HTTP statuses of the API's error types, for errors reported inside a stream (no status). */
const TYPE_STATUS: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

/**
 * Converts an `@anthropic-ai/sdk` error to a {@link ModelProviderError} carrying the HTTP status and
 * the server's message. Aborts are returned unchanged; anything else gives `undefined`.
 */
export function fromSdkError(
  error: unknown,
  model: { provider: string; id: string },
): Error | undefined {
  if (error instanceof APIUserAbortError) return error;
  const fail = (status: number, detail: string) =>
    new ModelProviderError(`${model.provider} model "${model.id}" failed: ${detail}`, {
      provider: model.provider,
      modelId: model.id,
      status,
      cause: error,
    });
  if (error instanceof APIConnectionTimeoutError) {
    return fail(408, "the request timed out. Raise the timeout option or try again.");
  }
  if (error instanceof APIConnectionError) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
    return fail(502, `could not connect to the Anthropic API${cause}.`);
  }
  if (error instanceof APIError) {
    const body = error.error as { error?: { type?: unknown; message?: unknown } } | undefined;
    const type = error.type ?? (typeof body?.error?.type === "string" ? body.error.type : null);
    const message =
      typeof body?.error?.message === "string" ? body.error.message : error.message || "no details";
    const status = error.status ?? (type ? TYPE_STATUS[type] : undefined) ?? 502;
    const request = error.requestID ? ` (request id ${error.requestID})` : "";
    return fail(status, `${status}${type ? ` ${type}` : ""}: ${message}${request}`);
  }
  if (error instanceof AnthropicError) return fail(400, error.message);
  return undefined;
}
