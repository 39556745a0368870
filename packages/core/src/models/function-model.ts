import type { Message } from "../messages.js";
import {
  Model,
  type ModelRequest,
  type ModelResponse,
  type ModelResponseDelta,
  type OutputSchemaSpec,
  type ToolChoice,
  type ToolDefinition,
} from "./model.js";
import { MAX_RECORDED_REQUESTS } from "./recorded.js";

/** What a {@link FunctionModel} function knows about the call besides the messages. */
export interface FunctionModelInfo {
  tools: ToolDefinition[];
  toolChoice?: ToolChoice;
  outputSchema?: OutputSchemaSpec;
  signal?: AbortSignal;
  /** 0 for the first call this model received, then 1, 2... */
  callIndex: number;
}

/** Decides one answer: a string is a plain text answer. */
export type ModelFunction = (
  messages: Message[],
  info: FunctionModelInfo,
) => ModelResponse | string | Promise<ModelResponse | string>;

/** Streams one answer: strings are content deltas. */
export type StreamModelFunction = (
  messages: Message[],
  info: FunctionModelInfo,
) => AsyncIterable<string | ModelResponseDelta>;

/** Options of {@link FunctionModel}. */
export interface FunctionModelOptions {
  /** @default "function" */
  id?: string;
  /** Streaming implementation; without it, streams are the whole answer cut into words. */
  stream?: StreamModelFunction;
  /** Report native structured-output support, so runs send the schema rather than a prompt. @default true */
  structuredOutputs?: boolean;
}

/**
 * A model whose answers come from your function: deterministic tests of any conversation.
 *
 * @example
 * const model = new FunctionModel((messages) => `You said ${messages.at(-1)?.content}`);
 */
export class FunctionModel extends Model {
  private readonly fn: ModelFunction;
  private readonly streamFn: StreamModelFunction | undefined;
  private calls = 0;
  /** Requests received, oldest first. */
  /** Requests received, oldest first: the last {@link MAX_RECORDED_REQUESTS} are kept. */
  readonly requests: ModelRequest[] = [];

  constructor(fn: ModelFunction, options: FunctionModelOptions = {}) {
    super({ id: options.id ?? "function", name: "FunctionModel", provider: "Function" });
    this.fn = fn;
    this.streamFn = options.stream;
    this.supportsNativeStructuredOutputs = options.structuredOutputs ?? true;
    this.supportsJsonMode = true;
  }

  private info(request: ModelRequest): FunctionModelInfo {
    this.requests.push({ ...request, messages: [...request.messages] });
    if (this.requests.length > MAX_RECORDED_REQUESTS) this.requests.shift();
    const info: FunctionModelInfo = { tools: request.tools ?? [], callIndex: this.calls++ };
    if (request.toolChoice !== undefined) info.toolChoice = request.toolChoice;
    if (request.outputSchema !== undefined) info.outputSchema = request.outputSchema;
    if (request.signal !== undefined) info.signal = request.signal;
    return info;
  }

  protected async request(request: ModelRequest): Promise<ModelResponse> {
    const result = await this.fn(request.messages, this.info(request));
    return typeof result === "string" ? { content: result } : result;
  }

  protected async *requestStream(request: ModelRequest): AsyncGenerator<ModelResponseDelta> {
    if (this.streamFn) {
      for await (const piece of this.streamFn(request.messages, this.info(request))) {
        yield typeof piece === "string" ? { type: "content", content: piece } : piece;
      }
      return;
    }
    const response = await this.request(request);
    if (response.reasoningContent) yield { type: "reasoning", content: response.reasoningContent };
    for (const word of (response.content ?? "").match(/\S+\s*|\s+/g) ?? [])
      yield { type: "content", content: word };
    for (const toolCall of response.toolCalls ?? []) yield { type: "tool_call", toolCall };
    if (response.usage) yield { type: "usage", usage: response.usage };
    if (response.providerData) yield { type: "provider_data", data: response.providerData };
  }
}
