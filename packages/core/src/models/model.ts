import { AgnoError, ModelProviderError } from "../errors.js";
import type { Message, ToolCall } from "../messages.js";
import type { Metrics } from "../metrics.js";
import { retryDelayMs, sleep } from "../utils/sleep.js";

/** A function the model may call, as sent to providers (JSON Schema parameters). */
export interface ToolDefinition {
  name: string;
  description?: string;
  /** JSON Schema of the arguments object. */
  parameters: Record<string, unknown>;
  /** Ask the provider to enforce the schema exactly (OpenAI strict mode). */
  strict?: boolean;
}

/** Which tool, if any, the model must call: `"auto"`, `"none"`, `"required"` or one named function. */
export type ToolChoice =
  | "auto"
  | "none"
  | "required"
  | { type: "function"; function: { name: string } };

/** The JSON output a run expects, handed to the model so it can enforce or imitate it. */
export interface OutputSchemaSpec {
  /** Schema name (the `content_type` of the parsed output). */
  name: string;
  /** JSON Schema of the expected output. */
  schema: Record<string, unknown>;
  /** Request exact schema adherence when the provider supports it. */
  strict: boolean;
  /**
   * How to ask for it: `json_schema` (native structured outputs), `json_object` (JSON mode) or
   * `prompt` (instructions in the system message only).
   */
  mode: "json_schema" | "json_object" | "prompt";
}

/** One model call. */
export interface ModelRequest {
  messages: Message[];
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  outputSchema?: OutputSchemaSpec;
  /** Aborts the call when the run is cancelled. */
  signal?: AbortSignal;
}

/** Token usage reported by a provider (a subset of {@link Metrics}). */
export type Usage = Pick<
  Metrics,
  | "input_tokens"
  | "output_tokens"
  | "total_tokens"
  | "audio_input_tokens"
  | "audio_output_tokens"
  | "audio_total_tokens"
  | "cache_read_tokens"
  | "cache_write_tokens"
  | "reasoning_tokens"
  | "cost"
  | "provider_metrics"
>;

/** The complete answer of one model call. */
export interface ModelResponse {
  /** Text content, or null when the model only called tools. */
  content: string | null;
  toolCalls?: ToolCall[];
  reasoningContent?: string;
  usage?: Usage;
  /** Provider-specific data kept on the assistant message. */
  providerData?: Record<string, unknown>;
}

/** One piece of a streamed answer. Tool calls arrive whole (providers assemble their fragments). */
export type ModelResponseDelta =
  | { type: "content"; content: string }
  | { type: "reasoning"; content: string }
  | { type: "tool_call"; toolCall: ToolCall }
  | { type: "usage"; usage: Usage }
  | { type: "provider_data"; data: Record<string, unknown> };

/** Request parameters shared by every model (the spec's Model table). */
export interface ModelOptions {
  /** Model id at the provider, e.g. `gpt-4o`. */
  id?: string;
  /** Display name. */
  name?: string;
  /** Provider name. */
  provider?: string;
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  stop?: string | string[];
  seed?: number;
  frequencyPenalty?: number;
  presencePenalty?: number;
  /** Provider response format override. */
  responseFormat?: unknown;
  /** Extra parameters merged into every request. */
  requestParams?: Record<string, unknown>;
  /**
   * Retries of a failed call (rate limits, timeouts, server errors) before the error surfaces.
   * @default 0
   */
  retries?: number;
  /** Seconds between retries. @default 1 */
  delayBetweenRetries?: number;
  /** Double the delay after each retry. @default false */
  exponentialBackoff?: boolean;
}

/**
 * The model contract. A provider implements {@link Model.request} and {@link Model.requestStream};
 * callers use {@link Model.response} and {@link Model.responseStream}, which add retries.
 */
export abstract class Model {
  readonly id: string;
  readonly name: string;
  readonly provider: string;
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  stop?: string | string[];
  seed?: number;
  frequencyPenalty?: number;
  presencePenalty?: number;
  responseFormat?: unknown;
  requestParams?: Record<string, unknown>;
  retries: number;
  delayBetweenRetries: number;
  exponentialBackoff: boolean;
  /** True when the provider enforces a JSON schema natively (structured outputs). */
  supportsNativeStructuredOutputs = false;
  /** True when the provider has a JSON mode. */
  supportsJsonMode = false;

  constructor(
    defaults: { id: string; name: string; provider: string },
    options: ModelOptions = {},
  ) {
    this.id = options.id ?? defaults.id;
    this.name = options.name ?? defaults.name;
    this.provider = options.provider ?? defaults.provider;
    if (options.temperature !== undefined) this.temperature = options.temperature;
    if (options.topP !== undefined) this.topP = options.topP;
    if (options.maxTokens !== undefined) this.maxTokens = options.maxTokens;
    if (options.stop !== undefined) this.stop = options.stop;
    if (options.seed !== undefined) this.seed = options.seed;
    if (options.frequencyPenalty !== undefined) this.frequencyPenalty = options.frequencyPenalty;
    if (options.presencePenalty !== undefined) this.presencePenalty = options.presencePenalty;
    if (options.responseFormat !== undefined) this.responseFormat = options.responseFormat;
    if (options.requestParams !== undefined) this.requestParams = options.requestParams;
    this.retries = options.retries ?? 0;
    this.delayBetweenRetries = options.delayBetweenRetries ?? 1;
    this.exponentialBackoff = options.exponentialBackoff ?? false;
  }

  /** One call to the provider, answered whole. Implemented by providers. */
  protected abstract request(request: ModelRequest): Promise<ModelResponse>;

  /** One streamed call to the provider. Implemented by providers. */
  protected abstract requestStream(request: ModelRequest): AsyncIterable<ModelResponseDelta>;

  /** Calls the model, retrying retryable failures `retries` times. */
  async response(request: ModelRequest): Promise<ModelResponse> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.request(request);
      } catch (error) {
        await this.beforeRetry(error, attempt, request.signal);
      }
    }
  }

  /** Streams the model's answer; a failure before the first delta is retried like {@link response}. */
  async *responseStream(request: ModelRequest): AsyncGenerator<ModelResponseDelta> {
    for (let attempt = 0; ; attempt++) {
      let yielded = false;
      try {
        for await (const delta of this.requestStream(request)) {
          yielded = true;
          yield delta;
        }
        return;
      } catch (error) {
        if (yielded) throw this.wrapError(error);
        await this.beforeRetry(error, attempt, request.signal);
      }
    }
  }

  /** Converts a provider failure into a {@link ModelProviderError}. Providers override to read their SDK's errors. */
  protected wrapError(error: unknown): Error {
    if (
      isAgnoErrorWithCode(error, "model_provider_error") ||
      isAgnoErrorWithCode(error, "run_cancelled")
    ) {
      return error as Error;
    }
    if (error instanceof Error && error.name === "AbortError") return error;
    const message = error instanceof Error ? error.message : String(error);
    return new ModelProviderError(`${this.provider} model "${this.id}" failed: ${message}`, {
      provider: this.provider,
      modelId: this.id,
      cause: error,
    });
  }

  private async beforeRetry(error: unknown, attempt: number, signal?: AbortSignal): Promise<void> {
    const wrapped = this.wrapError(error);
    const status = (wrapped as { status?: number }).status ?? 0;
    const retryable =
      isAgnoErrorWithCode(wrapped, "model_provider_error") &&
      (status === 408 || status === 409 || status === 429 || status >= 500);
    if (!retryable || attempt >= this.retries || signal?.aborted) throw wrapped;
    await sleep(retryDelayMs(attempt, this.delayBetweenRetries, this.exponentialBackoff), signal);
  }

  /** `{ id, name, provider }`, as serialized in configs and run outputs. */
  toJSON(): { id: string; name: string; provider: string } {
    return { id: this.id, name: this.name, provider: this.provider };
  }
}

/** True when `value` is a {@link Model} from any copy of this package (duck-typed). */
export function isModel(value: unknown): value is Model {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Model).response === "function" &&
    typeof (value as Model).responseStream === "function" &&
    typeof (value as Model).id === "string"
  );
}

/** An Agno error with this code, from any copy of the package. */
function isAgnoErrorWithCode(error: unknown, code: string): boolean {
  return AgnoError.isInstance(error) && error.code === code;
}
