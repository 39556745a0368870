import type { Message, ToolCall } from "../messages.js";
import { safeStringify } from "../utils/json.js";
import { sleep } from "../utils/sleep.js";
import {
  Model,
  type ModelRequest,
  type ModelResponse,
  type ModelResponseDelta,
  type Usage,
} from "./model.js";
import { MAX_RECORDED_REQUESTS } from "./recorded.js";
import { sampleFromSchema } from "./schema-sample.js";

/** Options of {@link TestModel}. */
export interface TestModelOptions {
  /** @default "test" */
  id?: string;
  /**
   * Tools to call on the first turn: every tool offered (`"all"`), only the named ones, or none.
   * @default "all"
   */
  callTools?: "all" | readonly string[] | false;
  /** The final answer. By default it names the user's message or the tool results. */
  text?: string;
  /** The structured output to answer with when the run has an output schema; by default a value built from the schema. */
  output?: unknown;
  /** Arguments per tool name; by default arguments are built from each tool's JSON schema. */
  toolArgs?: Record<string, Record<string, unknown>>;
  /** Characters per streamed content delta. @default 12 */
  chunkSize?: number;
  /** Milliseconds to wait before answering (and between streamed deltas); honours cancellation. @default 0 */
  latencyMs?: number;
}

/**
 * A deterministic, offline model. On the first turn of a run it calls each available tool once
 * with arguments that satisfy the tool's schema (all in one turn, so they run concurrently); then
 * it answers with text naming the results. With an output schema it answers with JSON that
 * satisfies it. Every request it receives is kept in {@link TestModel.requests}.
 *
 * @example
 * const agent = new Agent({ model: new TestModel(), tools: [getWeather] });
 * const out = await agent.run("Weather in Paris?"); // calls get_weather, then answers
 */
export class TestModel extends Model {
  readonly options: TestModelOptions;
  /** Requests received, oldest first (the messages each call was given). */
  /** Requests received, oldest first: the last {@link MAX_RECORDED_REQUESTS} are kept. */
  readonly requests: ModelRequest[] = [];

  constructor(options: TestModelOptions = {}) {
    super({ id: options.id ?? "test", name: "TestModel", provider: "Test" });
    this.options = options;
    this.supportsNativeStructuredOutputs = true;
    this.supportsJsonMode = true;
  }

  /** The most recent request. */
  get lastRequest(): ModelRequest | undefined {
    return this.requests[this.requests.length - 1];
  }

  protected async request(request: ModelRequest): Promise<ModelResponse> {
    this.requests.push({ ...request, messages: request.messages.map((m) => ({ ...m })) });
    if (this.requests.length > MAX_RECORDED_REQUESTS) this.requests.shift();
    if (this.options.latencyMs) await sleep(this.options.latencyMs, request.signal);
    return this.decide(request);
  }

  protected async *requestStream(request: ModelRequest): AsyncGenerator<ModelResponseDelta> {
    const response = await this.request(request);
    const size = Math.max(1, this.options.chunkSize ?? 12);
    const content = response.content ?? "";
    for (let i = 0; i < content.length; i += size) {
      if (i > 0 && this.options.latencyMs) await sleep(this.options.latencyMs, request.signal);
      yield { type: "content", content: content.slice(i, i + size) };
    }
    for (const toolCall of response.toolCalls ?? []) yield { type: "tool_call", toolCall };
    if (response.usage) yield { type: "usage", usage: response.usage };
  }

  private decide(request: ModelRequest): ModelResponse {
    const messages = request.messages;
    const lastUser = findLastIndex(messages, (m) => m.role === "user");
    const turn = messages.slice(lastUser + 1);
    const alreadyCalled = turn.some(
      (m) => m.role === "assistant" && (m.tool_calls?.length ?? 0) > 0,
    );
    const tools = request.tools ?? [];
    const callTools = this.options.callTools ?? "all";
    if (
      !alreadyCalled &&
      tools.length > 0 &&
      callTools !== false &&
      request.toolChoice !== "none"
    ) {
      const selected = tools.filter((t) => callTools === "all" || callTools.includes(t.name));
      if (selected.length > 0) {
        const base = messages.filter((m) => m.role === "assistant").length;
        const toolCalls: ToolCall[] = selected.map((t, i) => ({
          id: `call_${base}_${i}`,
          type: "function",
          function: {
            name: t.name,
            arguments: JSON.stringify(
              this.options.toolArgs?.[t.name] ?? sampleFromSchema(t.parameters) ?? {},
            ),
          },
        }));
        return {
          content: null,
          toolCalls,
          usage: usageFor(messages, toolCalls.map((c) => c.function.arguments).join(" ")),
        };
      }
    }
    let content: string;
    if (request.outputSchema) {
      content = JSON.stringify(
        this.options.output ?? sampleFromSchema(request.outputSchema.schema),
      );
    } else if (this.options.text !== undefined) {
      content = this.options.text;
    } else {
      const results = turn.filter((m) => m.role === "tool");
      if (results.length > 0) {
        const summary = results
          .map(
            (m) =>
              `${m.tool_name ?? "tool"} ${m.tool_call_error ? "failed with" : "returned"} ${truncate(m.content ?? "", 200)}`,
          )
          .join("; ");
        content = `Tool results: ${summary}${/[.!?]$/.test(summary) ? "" : "."}`;
      } else {
        const userText = lastUser >= 0 ? (messages[lastUser]?.content ?? "") : "";
        content = `TestModel response to: ${truncate(userText, 200)}`;
      }
    }
    return { content, usage: usageFor(messages, content) };
  }
}

function usageFor(messages: Message[], output: string): Usage {
  const input = messages.reduce(
    (n, m) => n + countTokens(m.content ?? "") + countTokens(safeStringify(m.tool_calls ?? "")),
    0,
  );
  const out = countTokens(output);
  return { input_tokens: input, output_tokens: out, total_tokens: input + out };
}

function countTokens(text: string): number {
  const words = text.trim().split(/\s+/).filter(Boolean);
  return words.length;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function findLastIndex<T>(list: T[], predicate: (v: T) => boolean): number {
  for (let i = list.length - 1; i >= 0; i--) if (predicate(list[i] as T)) return i;
  return -1;
}
