import {
  Model,
  type ModelOptions,
  ModelProviderError,
  type ModelRequest,
  type ModelResponse,
  type ModelResponseDelta,
} from "@agno/core";
import Anthropic, { type ClientOptions } from "@anthropic-ai/sdk";
import type {
  MessageCreateParamsBase,
  ThinkingConfigParam,
} from "@anthropic-ai/sdk/resources/messages";
import { fromSdkError } from "./errors.js";
import { formatMessages, formatToolChoice, formatTools } from "./format.js";
import { parseMessage, parseStream } from "./parse.js";

/** Options of {@link Claude}. */
export interface ClaudeOptions
  extends Omit<ModelOptions, "seed" | "frequencyPenalty" | "presencePenalty" | "responseFormat"> {
  /** Model id at Anthropic. @default "claude-sonnet-4-5" */
  id?: string;
  /** Display name. @default "Claude" */
  name?: string;
  /** Provider name. @default "Anthropic" */
  provider?: string;
  /**
   * Anthropic API key. Read from `ANTHROPIC_API_KEY` on the first request when omitted; a missing
   * key fails that request (not the constructor).
   * @default process.env.ANTHROPIC_API_KEY
   */
  apiKey?: string;
  /**
   * Bearer token used instead of an API key (gateways, OAuth). Only read when there is no API key.
   * @default process.env.ANTHROPIC_AUTH_TOKEN
   */
  authToken?: string;
  /** API base URL. @default process.env.ANTHROPIC_BASE_URL, else https://api.anthropic.com */
  baseURL?: string;
  /** Maximum tokens to generate (the API requires a value). @default 8192 */
  maxTokens?: number;
  /** Sample only from the top K options for each token. */
  topK?: number;
  /** Custom sequences that stop generation; `stop` is used when this is omitted. */
  stopSequences?: string[];
  /**
   * Extended thinking, e.g. `{ type: "enabled", budget_tokens: 2048 }`. Thinking arrives as the
   * run's `reasoning_content`; its signature is kept in the message's `provider_data` so that
   * multi-turn tool use with thinking works.
   */
  thinking?: ThinkingConfigParam;
  /** Mark the system prompt for prompt caching (`cache_control: { type: "ephemeral" }`). @default false */
  cacheSystemPrompt?: boolean;
  /** Request timeout of the SDK client, in milliseconds. @default the SDK's (10 minutes) */
  timeout?: number;
  /**
   * Retries done by the SDK itself. Left at 0 so that the model's `retries`,
   * `delayBetweenRetries` and `exponentialBackoff` decide.
   * @default 0
   */
  maxRetries?: number;
  /** Headers sent with every request (e.g. `anthropic-beta`). */
  defaultHeaders?: Record<string, string>;
  /** Extra options of the `@anthropic-ai/sdk` client, applied last. */
  clientParams?: Partial<ClientOptions>;
  /** A ready SDK client to use instead of building one (the client options above are then ignored). */
  client?: Anthropic;
}

const DEFAULT_ID = "claude-sonnet-4-5";
const DEFAULT_MAX_TOKENS = 8192;

/**
 * Claude on the Anthropic Messages API (`@anthropic-ai/sdk`). Tools, streaming, extended thinking,
 * images and documents, prompt caching and usage (including cache reads and writes) are mapped to
 * Agno's model contract. Claude has no JSON mode here, so an agent's `outputSchema` is requested
 * through JSON instructions in the system prompt and parsed from the answer.
 *
 * @example
 * import { Agent } from "@agno/core";
 * import { Claude } from "@agno/models-anthropic";
 *
 * const agent = new Agent({ model: new Claude({ id: "claude-sonnet-4-5" }) });
 * const output = await agent.run("Share a two sentence horror story.");
 * console.log(output.content);
 */
export class Claude extends Model {
  topK?: number;
  stopSequences?: string[];
  thinking?: ThinkingConfigParam;
  cacheSystemPrompt: boolean;
  baseURL?: string;
  timeout?: number;
  maxRetries: number;
  defaultHeaders?: Record<string, string>;
  clientParams?: Partial<ClientOptions>;
  readonly #apiKey: string | undefined;
  readonly #authToken: string | undefined;
  #client: Anthropic | undefined;

  constructor(options: ClaudeOptions = {}) {
    super({ id: DEFAULT_ID, name: "Claude", provider: "Anthropic" }, options);
    this.maxTokens = options.maxTokens ?? DEFAULT_MAX_TOKENS;
    if (options.topK !== undefined) this.topK = options.topK;
    if (options.stopSequences !== undefined) this.stopSequences = [...options.stopSequences];
    if (options.thinking !== undefined) this.thinking = options.thinking;
    this.cacheSystemPrompt = options.cacheSystemPrompt ?? false;
    if (options.baseURL !== undefined) this.baseURL = options.baseURL;
    if (options.timeout !== undefined) this.timeout = options.timeout;
    this.maxRetries = options.maxRetries ?? 0;
    if (options.defaultHeaders !== undefined) this.defaultHeaders = { ...options.defaultHeaders };
    if (options.clientParams !== undefined) this.clientParams = options.clientParams;
    this.#apiKey = options.apiKey;
    this.#authToken = options.authToken;
    this.#client = options.client;
    this.supportsNativeStructuredOutputs = false;
    this.supportsJsonMode = false;
  }

  /**
   * The `@anthropic-ai/sdk` client, created on first use and reused. Throws a
   * {@link ModelProviderError} (status 401) naming `ANTHROPIC_API_KEY` when there is no key.
   */
  getClient(): Anthropic {
    if (this.#client) return this.#client;
    const env = typeof process !== "undefined" ? process.env : {};
    const apiKey = this.#apiKey || env.ANTHROPIC_API_KEY || undefined;
    const authToken = apiKey ? undefined : this.#authToken || env.ANTHROPIC_AUTH_TOKEN || undefined;
    const p = this.clientParams ?? {};
    const ownCredentials = p.apiKey || p.authToken || p.credentials || p.config || p.profile;
    if (!apiKey && !authToken && !ownCredentials) {
      throw new ModelProviderError(
        `Claude model "${this.id}" has no Anthropic API key. Set the ANTHROPIC_API_KEY environment variable or pass new Claude({ apiKey }).`,
        { provider: this.provider, modelId: this.id, status: 401 },
      );
    }
    const baseURL = this.baseURL ?? (env.ANTHROPIC_BASE_URL || undefined);
    const options: ClientOptions = {
      apiKey: apiKey ?? null,
      authToken: authToken ?? null,
      maxRetries: this.maxRetries,
      ...(baseURL !== undefined ? { baseURL } : {}),
      ...(this.timeout !== undefined ? { timeout: this.timeout } : {}),
      ...(this.defaultHeaders !== undefined ? { defaultHeaders: this.defaultHeaders } : {}),
      ...p,
    };
    this.#client = new Anthropic(options);
    return this.#client;
  }

  /** The Messages API request body for `request` (without `stream`). */
  async buildRequestParams(request: ModelRequest): Promise<MessageCreateParamsBase> {
    const extra = this.requestParams ?? {};
    const thinking = (extra.thinking as ThinkingConfigParam | undefined) ?? this.thinking;
    const { system, messages } = await formatMessages(request.messages, {
      provider: this.provider,
      modelId: this.id,
      thinking: thinking !== undefined && thinking.type !== "disabled",
    });
    let systemText = system;
    if (request.outputSchema?.mode === "json_schema") {
      // The agent only adds JSON instructions for prompt modes; keep the schema in the prompt.
      const instruction = `Respond only with a JSON object that matches this JSON schema, with no other text:\n${JSON.stringify(request.outputSchema.schema)}`;
      systemText = systemText ? `${systemText}\n\n${instruction}` : instruction;
    }
    const params: MessageCreateParamsBase = {
      model: this.id,
      max_tokens: this.maxTokens ?? DEFAULT_MAX_TOKENS,
      messages,
    };
    if (systemText) {
      params.system = this.cacheSystemPrompt
        ? [{ type: "text", text: systemText, cache_control: { type: "ephemeral" } }]
        : systemText;
    }
    if (this.temperature !== undefined) params.temperature = this.temperature;
    if (this.topP !== undefined) params.top_p = this.topP;
    if (this.topK !== undefined) params.top_k = this.topK;
    const stop = this.stopSequences ?? (typeof this.stop === "string" ? [this.stop] : this.stop);
    if (stop?.length) params.stop_sequences = stop;
    if (this.thinking !== undefined) params.thinking = this.thinking;
    if (request.tools?.length) {
      params.tools = formatTools(request.tools);
      if (request.toolChoice !== undefined)
        params.tool_choice = formatToolChoice(request.toolChoice);
    }
    return { ...params, ...extra } as MessageCreateParamsBase;
  }

  protected async request(request: ModelRequest): Promise<ModelResponse> {
    const params = await this.buildRequestParams(request);
    const message = await this.getClient().messages.create(
      { ...params, stream: false },
      request.signal ? { signal: request.signal } : undefined,
    );
    return parseMessage(message);
  }

  protected async *requestStream(request: ModelRequest): AsyncGenerator<ModelResponseDelta> {
    const params = await this.buildRequestParams(request);
    const stream = await this.getClient().messages.create(
      { ...params, stream: true },
      request.signal ? { signal: request.signal } : undefined,
    );
    yield* parseStream(stream);
  }

  /** SDK errors become {@link ModelProviderError}s with the HTTP status and the server's message. */
  protected override wrapError(error: unknown): Error {
    return fromSdkError(error, this) ?? super.wrapError(error);
  }
}
