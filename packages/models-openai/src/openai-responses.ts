import {
  Model,
  type ModelOptions,
  ModelProviderError,
  type ModelRequest,
  type ModelResponse,
  type ModelResponseDelta,
} from "@agno/core";
import type {
  ResponseCreateParamsNonStreaming,
  ResponseCreateParamsStreaming,
  Response as ResponseObject,
  ResponseStreamEvent,
} from "openai/resources/responses/responses";
import {
  abortError,
  compact,
  fromSdkError,
  LazyClient,
  type OpenAIClientOptions,
} from "./client.js";
import type { ReasoningEffort } from "./openai-chat.js";
import {
  fromResponsesUsage,
  type OutputItemWire,
  RESPONSES_ROLE_MAP,
  readOutput,
  toolCallOf,
  toResponsesInput,
  toResponsesToolChoice,
  toResponsesTools,
  toTextFormat,
} from "./responses-format.js";

/** Options of {@link OpenAIResponses}. */
export interface OpenAIResponsesOptions extends ModelOptions, OpenAIClientOptions {
  /** Model id. @default "gpt-4o" */
  id?: string;
  /** @default "OpenAIResponses" */
  name?: string;
  /** @default "OpenAI" */
  provider?: string;
  /** Maximum output tokens, reasoning included (`max_output_tokens`). Falls back to `maxCompletionTokens`, then `maxTokens`. */
  maxOutputTokens?: number;
  /** Alias of `maxOutputTokens`, for options shared with {@link OpenAIChat}. */
  maxCompletionTokens?: number;
  /** Reasoning effort of reasoning models (`reasoning.effort`). */
  reasoningEffort?: ReasoningEffort | (string & {});
  /** Ask for a reasoning summary (`reasoning.summary`), streamed as reasoning content. */
  reasoningSummary?: "auto" | "concise" | "detailed";
  /** Answer verbosity (`text.verbosity`). */
  verbosity?: "low" | "medium" | "high";
  /** Store the response on OpenAI's side. @default the API's default (true) */
  store?: boolean;
  /** Developer-defined tags stored with the response. */
  metadata?: Record<string, string>;
  /** Service tier: `auto`, `default`, `flex`, `scale` or `priority`. */
  serviceTier?: "auto" | "default" | "flex" | "scale" | "priority" | (string & {});
  /** A stable id of your end user. */
  user?: string;
  /** Extra output to include, e.g. `["reasoning.encrypted_content"]`. */
  include?: string[];
  /** Use output schemas in strict mode when they can be made strict. @default true */
  strictOutput?: boolean;
  /** Agno role to input role, merged over the default (`system` becomes `developer`). */
  roleMap?: Record<string, string>;
}

/**
 * OpenAI's Responses API (`POST /v1/responses`).
 *
 * @example
 * import { Agent } from "@agno/core";
 * import { OpenAIResponses } from "@agno/models-openai";
 *
 * const agent = new Agent({ model: new OpenAIResponses({ id: "gpt-4.1-mini" }) });
 * const output = await agent.run("Summarise the plot of Hamlet in one line.");
 */
export class OpenAIResponses extends Model {
  maxOutputTokens?: number;
  reasoningEffort?: string;
  reasoningSummary?: "auto" | "concise" | "detailed";
  verbosity?: "low" | "medium" | "high";
  store?: boolean;
  metadata?: Record<string, string>;
  serviceTier?: string;
  user?: string;
  include?: string[];
  strictOutput: boolean;
  roleMap: Record<string, string>;
  extraBody?: Record<string, unknown>;
  readonly #client: LazyClient;

  constructor(options: OpenAIResponsesOptions = {}) {
    super({ id: "gpt-4o", name: "OpenAIResponses", provider: "OpenAI" }, options);
    this.supportsNativeStructuredOutputs = true;
    this.supportsJsonMode = true;
    const maxOutput = options.maxOutputTokens ?? options.maxCompletionTokens;
    if (maxOutput !== undefined) this.maxOutputTokens = maxOutput;
    if (options.reasoningEffort !== undefined) this.reasoningEffort = options.reasoningEffort;
    if (options.reasoningSummary !== undefined) this.reasoningSummary = options.reasoningSummary;
    if (options.verbosity !== undefined) this.verbosity = options.verbosity;
    if (options.store !== undefined) this.store = options.store;
    if (options.metadata !== undefined) this.metadata = { ...options.metadata };
    if (options.serviceTier !== undefined) this.serviceTier = options.serviceTier;
    if (options.user !== undefined) this.user = options.user;
    if (options.include !== undefined) this.include = [...options.include];
    if (options.extraBody !== undefined) this.extraBody = { ...options.extraBody };
    this.strictOutput = options.strictOutput ?? true;
    this.roleMap = { ...RESPONSES_ROLE_MAP, ...(options.roleMap ?? {}) };
    this.#client = new LazyClient(options);
  }

  protected async request(request: ModelRequest): Promise<ModelResponse> {
    const client = this.#client.get(this);
    const body = await this.buildBody(request);
    const response = (await client.responses.create(
      body as unknown as ResponseCreateParamsNonStreaming,
      this.#client.requestOptions(request.signal),
    )) as ResponseObject;
    if (response.status === "failed") throw this.failure(response);
    const { content, reasoning, toolCalls } = readOutput(
      (response.output ?? []) as unknown as OutputItemWire[],
    );
    const out: ModelResponse = { content: content || (toolCalls.length > 0 ? null : content) };
    if (toolCalls.length > 0) out.toolCalls = toolCalls;
    if (reasoning) out.reasoningContent = reasoning;
    if (response.usage) out.usage = fromResponsesUsage(response.usage);
    if (response.id) out.providerData = { response_id: response.id };
    return out;
  }

  protected async *requestStream(request: ModelRequest): AsyncGenerator<ModelResponseDelta> {
    const client = this.#client.get(this);
    const body = await this.buildBody(request);
    body.stream = true;
    const stream = await client.responses.create(
      body as unknown as ResponseCreateParamsStreaming,
      this.#client.requestOptions(request.signal),
    );
    const calls = new Map<number, OutputItemWire>();
    const emitted = new Set<string>();
    for await (const event of stream as AsyncIterable<ResponseStreamEvent>) {
      switch (event.type) {
        case "response.output_text.delta":
        case "response.refusal.delta":
          if (event.delta) yield { type: "content", content: event.delta };
          break;
        case "response.reasoning_summary_text.delta":
        case "response.reasoning_text.delta":
          if (event.delta) yield { type: "reasoning", content: event.delta };
          break;
        case "response.reasoning_summary_part.added":
          if (event.summary_index > 0) yield { type: "reasoning", content: "\n\n" };
          break;
        case "response.output_item.added":
          if (event.item.type === "function_call") {
            const item = event.item as unknown as OutputItemWire;
            calls.set(event.output_index, { ...item, arguments: item.arguments ?? "" });
          }
          break;
        case "response.function_call_arguments.delta": {
          const call = calls.get(event.output_index);
          if (call) call.arguments = (call.arguments ?? "") + event.delta;
          break;
        }
        case "response.function_call_arguments.done": {
          const call = calls.get(event.output_index);
          if (call) {
            call.arguments = event.arguments;
            const name = (event as { name?: string }).name;
            if (name) call.name = name;
          }
          break;
        }
        case "response.output_item.done":
          if (event.item.type === "function_call") {
            const item = {
              ...calls.get(event.output_index),
              ...(event.item as unknown as OutputItemWire),
            };
            const toolCall = toolCallOf(item);
            if (!emitted.has(toolCall.id)) {
              emitted.add(toolCall.id);
              yield { type: "tool_call", toolCall };
            }
            calls.delete(event.output_index);
          }
          break;
        case "response.completed":
        case "response.incomplete": {
          const response = event.response;
          const items = (response.output ?? []) as unknown as OutputItemWire[];
          for (const toolCall of readOutput(items).toolCalls) {
            if (emitted.has(toolCall.id)) continue;
            emitted.add(toolCall.id);
            yield { type: "tool_call", toolCall };
          }
          if (response.id) yield { type: "provider_data", data: { response_id: response.id } };
          if (response.usage) yield { type: "usage", usage: fromResponsesUsage(response.usage) };
          break;
        }
        case "response.failed":
          throw this.failure(event.response);
        case "error":
          throw new ModelProviderError(
            `${this.provider} model "${this.id}" failed: ${event.message}`,
            {
              provider: this.provider,
              modelId: this.id,
              status: event.code === "rate_limit_exceeded" ? 429 : 500,
            },
          );
        default:
          break;
      }
    }
    if (request.signal?.aborted) throw abortError(request.signal.reason);
    // Calls the server opened but never closed (no output_item.done nor response.completed).
    for (const item of calls.values()) {
      const toolCall = toolCallOf(item);
      if (!emitted.has(toolCall.id)) yield { type: "tool_call", toolCall };
    }
  }

  protected override wrapError(error: unknown): Error {
    return fromSdkError(error, this, this.#client.baseURL) ?? super.wrapError(error);
  }

  /** The request body for a call (without `stream`). */
  protected async buildBody(request: ModelRequest): Promise<Record<string, unknown>> {
    const format = request.outputSchema
      ? toTextFormat(request.outputSchema, this.strictOutput)
      : (this.responseFormat as Record<string, unknown> | undefined);
    const body: Record<string, unknown> = {
      model: this.id,
      input: await toResponsesInput(request.messages, this.roleMap, request.signal),
      temperature: this.temperature,
      top_p: this.topP,
      max_output_tokens: this.maxOutputTokens ?? this.maxTokens,
      store: this.store,
      metadata: this.metadata,
      service_tier: this.serviceTier,
      user: this.user,
      include: this.include,
    };
    if (this.reasoningEffort !== undefined || this.reasoningSummary !== undefined) {
      body.reasoning = compact({ effort: this.reasoningEffort, summary: this.reasoningSummary });
    }
    if (format !== undefined || this.verbosity !== undefined) {
      body.text = compact({ format, verbosity: this.verbosity });
    }
    if (request.tools?.length) {
      body.tools = toResponsesTools(request.tools);
      if (request.toolChoice !== undefined) {
        body.tool_choice = toResponsesToolChoice(request.toolChoice);
      }
    }
    return compact({ ...body, ...(this.requestParams ?? {}), ...(this.extraBody ?? {}) });
  }

  private failure(response: ResponseObject): ModelProviderError {
    const error = response.error;
    const status = error?.code === "rate_limit_exceeded" ? 429 : 500;
    return new ModelProviderError(
      `${this.provider} model "${this.id}" failed: ${error?.message ?? `response ${response.id} failed`}`,
      { provider: this.provider, modelId: this.id, status },
    );
  }
}
