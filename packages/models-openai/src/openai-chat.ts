import {
  Model,
  type ModelOptions,
  ModelProviderError,
  type ModelRequest,
  type ModelResponse,
  type ModelResponseDelta,
  type ToolCall,
} from "@agno/core";
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
} from "openai/resources/chat/completions";
import {
  CHAT_ROLE_MAP,
  fromChatUsage,
  ToolCallAssembler,
  toChatMessages,
  toChatToolChoice,
  toChatTools,
  toResponseFormat,
} from "./chat-format.js";
import {
  abortError,
  compact,
  fromSdkError,
  LazyClient,
  type OpenAIClientOptions,
} from "./client.js";

/** Reasoning effort of reasoning models (`o*`, `gpt-5*`). */
export type ReasoningEffort = "none" | "minimal" | "low" | "medium" | "high" | "xhigh";

/** Options of {@link OpenAIChat}: the spec's OpenAIChat parameters in camelCase. */
export interface OpenAIChatOptions extends ModelOptions, OpenAIClientOptions {
  /** Model id. @default "gpt-4o" */
  id?: string;
  /** @default "OpenAIChat" */
  name?: string;
  /** @default "OpenAI" */
  provider?: string;
  /** Maximum completion tokens (`max_completion_tokens`; reasoning models need it instead of `maxTokens`). */
  maxCompletionTokens?: number;
  /** Token id to bias (-100 to 100). */
  logitBias?: Record<string, number>;
  /** Return log probabilities (kept in the message's provider data). */
  logprobs?: boolean;
  /** Most likely tokens to return per position (0 to 20), with `logprobs`. */
  topLogprobs?: number;
  /** A stable id of your end user. */
  user?: string;
  /** Service tier: `auto`, `default`, `flex`, `scale` or `priority`. */
  serviceTier?: "auto" | "default" | "flex" | "scale" | "priority" | (string & {});
  /** Reasoning effort of reasoning models. */
  reasoningEffort?: ReasoningEffort | (string & {});
  /** Answer verbosity of models that support it. */
  verbosity?: "low" | "medium" | "high";
  /** Store the completion for distillation and evals. */
  store?: boolean;
  /** Developer-defined tags stored with the completion. */
  metadata?: Record<string, string>;
  /** Output modalities, e.g. `["text", "audio"]`. */
  modalities?: Array<"text" | "audio">;
  /** Audio output settings, e.g. `{ voice: "alloy", format: "wav" }`. */
  audio?: { voice: string; format: string } & Record<string, unknown>;
  /**
   * Send output schemas (and tools marked strict) in strict mode: the schema is rewritten so that
   * OpenAI enforces it exactly, or sent with `strict: false` when it cannot be.
   * @default true
   */
  strictOutput?: boolean;
  /** Agno role to wire role, merged over the default (`system` stays `system`; use `{ system: "developer" }` for o-series style). */
  roleMap?: Record<string, string>;
}

/**
 * OpenAI's Chat Completions API, or any server that speaks it (set `baseURL`).
 *
 * @example
 * import { Agent } from "@agno/core";
 * import { OpenAIChat } from "@agno/models-openai";
 *
 * const agent = new Agent({ model: new OpenAIChat({ id: "gpt-4o-mini" }) });
 * const output = await agent.run("Say hello in French.");
 */
export class OpenAIChat extends Model {
  maxCompletionTokens?: number;
  logitBias?: Record<string, number>;
  logprobs?: boolean;
  topLogprobs?: number;
  user?: string;
  serviceTier?: string;
  reasoningEffort?: string;
  verbosity?: "low" | "medium" | "high";
  store?: boolean;
  metadata?: Record<string, string>;
  modalities?: Array<"text" | "audio">;
  audio?: Record<string, unknown>;
  strictOutput: boolean;
  roleMap: Record<string, string>;
  extraBody?: Record<string, unknown>;
  readonly #client: LazyClient;

  constructor(options: OpenAIChatOptions = {}) {
    super({ id: "gpt-4o", name: "OpenAIChat", provider: "OpenAI" }, options);
    this.supportsNativeStructuredOutputs = true;
    this.supportsJsonMode = true;
    if (options.maxCompletionTokens !== undefined)
      this.maxCompletionTokens = options.maxCompletionTokens;
    if (options.logitBias !== undefined) this.logitBias = { ...options.logitBias };
    if (options.logprobs !== undefined) this.logprobs = options.logprobs;
    if (options.topLogprobs !== undefined) this.topLogprobs = options.topLogprobs;
    if (options.user !== undefined) this.user = options.user;
    if (options.serviceTier !== undefined) this.serviceTier = options.serviceTier;
    if (options.reasoningEffort !== undefined) this.reasoningEffort = options.reasoningEffort;
    if (options.verbosity !== undefined) this.verbosity = options.verbosity;
    if (options.store !== undefined) this.store = options.store;
    if (options.metadata !== undefined) this.metadata = { ...options.metadata };
    if (options.modalities !== undefined) this.modalities = [...options.modalities];
    if (options.audio !== undefined) this.audio = { ...options.audio };
    if (options.extraBody !== undefined) this.extraBody = { ...options.extraBody };
    this.strictOutput = options.strictOutput ?? true;
    this.roleMap = { ...CHAT_ROLE_MAP, ...(options.roleMap ?? {}) };
    this.#client = new LazyClient(options);
  }

  protected async request(request: ModelRequest): Promise<ModelResponse> {
    const client = this.#client.get(this);
    const body = await this.buildBody(request);
    const completion = (await client.chat.completions.create(
      body as unknown as ChatCompletionCreateParamsNonStreaming,
      this.#client.requestOptions(request.signal),
    )) as ChatCompletion;
    return this.parseCompletion(completion);
  }

  protected async *requestStream(request: ModelRequest): AsyncGenerator<ModelResponseDelta> {
    const client = this.#client.get(this);
    const body = await this.buildBody(request);
    body.stream = true;
    body.stream_options = {
      ...((body.stream_options as Record<string, unknown> | undefined) ?? {}),
      include_usage: true,
    };
    const stream = await client.chat.completions.create(
      body as unknown as ChatCompletionCreateParamsStreaming,
      this.#client.requestOptions(request.signal),
    );
    const calls = new ToolCallAssembler();
    let usage: ChatCompletionChunk["usage"];
    const logprobs: unknown[] = [];
    for await (const chunk of stream) {
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices?.[0];
      if (!choice) continue;
      const delta = (choice.delta ?? {}) as ChatCompletionChunk.Choice.Delta & CompatDelta;
      const reasoning = delta.reasoning_content ?? delta.reasoning;
      if (reasoning) yield { type: "reasoning", content: reasoning };
      if (delta.content) yield { type: "content", content: delta.content };
      else if (delta.refusal) yield { type: "content", content: delta.refusal };
      (delta.tool_calls ?? []).forEach((fragment, position) => {
        calls.add(fragment, position);
      });
      if (choice.logprobs?.content) logprobs.push(...choice.logprobs.content);
    }
    if (request.signal?.aborted) throw abortError(request.signal.reason);
    for (const toolCall of calls.finish()) yield { type: "tool_call", toolCall };
    if (logprobs.length > 0) yield { type: "provider_data", data: { logprobs } };
    if (usage) yield { type: "usage", usage: fromChatUsage(usage) };
  }

  protected override wrapError(error: unknown): Error {
    return fromSdkError(error, this, this.#client.baseURL) ?? super.wrapError(error);
  }

  /** The request body for a call (without `stream`). */
  protected async buildBody(request: ModelRequest): Promise<Record<string, unknown>> {
    const body: Record<string, unknown> = {
      model: this.id,
      messages: await toChatMessages(request.messages, this.roleMap, request.signal),
      temperature: this.temperature,
      top_p: this.topP,
      max_tokens: this.maxTokens,
      max_completion_tokens: this.maxCompletionTokens,
      stop: this.stop,
      seed: this.seed,
      frequency_penalty: this.frequencyPenalty,
      presence_penalty: this.presencePenalty,
      logit_bias: this.logitBias,
      logprobs: this.logprobs,
      top_logprobs: this.topLogprobs,
      user: this.user,
      service_tier: this.serviceTier,
      reasoning_effort: this.reasoningEffort,
      verbosity: this.verbosity,
      store: this.store,
      metadata: this.metadata,
      modalities: this.modalities,
      audio: this.audio,
    };
    if (request.tools?.length) {
      body.tools = toChatTools(request.tools);
      if (request.toolChoice !== undefined) body.tool_choice = toChatToolChoice(request.toolChoice);
    }
    const format = request.outputSchema
      ? toResponseFormat(request.outputSchema, this.strictOutput)
      : undefined;
    body.response_format = format ?? this.responseFormat;
    return compact({ ...body, ...(this.requestParams ?? {}), ...(this.extraBody ?? {}) });
  }

  private parseCompletion(completion: ChatCompletion): ModelResponse {
    const choice = completion.choices?.[0];
    if (!choice) {
      throw new ModelProviderError(
        `${this.provider} model "${this.id}" returned no choices (response ${completion.id ?? "without id"}).`,
        { provider: this.provider, modelId: this.id, status: 502 },
      );
    }
    const message = choice.message as ChatCompletion.Choice["message"] & CompatDelta;
    const toolCalls: ToolCall[] = [];
    for (const call of message.tool_calls ?? []) {
      // Function calls only (custom tools are not offered); some servers omit `type`.
      if (!("function" in call) || !call.function) continue;
      toolCalls.push({
        id: call.id,
        type: "function",
        function: { name: call.function.name, arguments: call.function.arguments || "{}" },
      });
    }
    let content = message.content ?? message.refusal ?? null;
    if (content === null && message.audio?.transcript) content = message.audio.transcript;
    if (content === "" && toolCalls.length > 0) content = null;
    const response: ModelResponse = { content };
    if (toolCalls.length > 0) response.toolCalls = toolCalls;
    const reasoning = message.reasoning_content ?? message.reasoning;
    if (reasoning) response.reasoningContent = reasoning;
    if (completion.usage) response.usage = fromChatUsage(completion.usage);
    const providerData: Record<string, unknown> = {};
    if (message.audio) providerData.audio = message.audio;
    if (choice.logprobs) providerData.logprobs = choice.logprobs.content ?? choice.logprobs;
    if (Object.keys(providerData).length > 0) response.providerData = providerData;
    return response;
  }
}

/** Reasoning fields some OpenAI-compatible servers add (DeepSeek, vLLM, Ollama, OpenRouter). */
interface CompatDelta {
  reasoning_content?: string | null;
  reasoning?: string | null;
}
