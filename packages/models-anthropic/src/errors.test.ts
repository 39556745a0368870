import { ModelProviderError } from "@agno/core";
import {
  AnthropicError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from "@anthropic-ai/sdk";
import { describe, expect, it } from "vitest";
import { fromSdkError } from "./errors.js";

const model = { provider: "Anthropic", id: "claude-test" };

describe("fromSdkError", () => {
  it("maps a timeout to a retryable 408", () => {
    const error = fromSdkError(new APIConnectionTimeoutError(), model);
    expect(error).toBeInstanceOf(ModelProviderError);
    expect(error).toMatchObject({ status: 408, retryable: true, modelId: "claude-test" });
  });

  it("keeps aborts as they are", () => {
    const abort = new APIUserAbortError();
    expect(fromSdkError(abort, model)).toBe(abort);
  });

  it("maps client-side SDK errors to a non-retryable 400", () => {
    const error = fromSdkError(new AnthropicError("Streaming is required"), model);
    expect(error).toMatchObject({ status: 400, retryable: false });
    expect(error?.message).toContain("Streaming is required");
  });

  it("derives the status of a stream error from its type", () => {
    const body = { type: "error", error: { type: "rate_limit_error", message: "slow down" } };
    const error = fromSdkError(new APIError(undefined, body, undefined, undefined), model);
    expect(error).toMatchObject({ status: 429, retryable: true });
    expect(error?.message).toBe(
      'Anthropic model "claude-test" failed: 429 rate_limit_error: slow down',
    );
  });

  it("leaves other errors to the base class", () => {
    expect(fromSdkError(new Error("boom"), model)).toBeUndefined();
  });
});
