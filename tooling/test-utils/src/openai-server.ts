import type { IncomingMessage, ServerResponse } from "node:http";
import {
  headersOf,
  parseJsonBody,
  type ScriptedServerState,
  splitEvery,
  startScriptedServer,
  startSse,
  writeJson,
  writeSse,
} from "./scripted-server.js";

/**
 * An in-process stand-in for the OpenAI HTTP API (`POST /v1/chat/completions` and
 * `POST /v1/responses`), answering from a FIFO of scripted responses, in JSON or as server-sent
 * events when the request asks for `stream: true`. Every request is recorded. Dependency-free:
 * point any OpenAI-compatible client (the official SDK, a provider class) at `baseURL`.
 */

/** A request the server received. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/v1/chat/completions`. */
  path: string;
  /** The query string's parameters. */
  query: Record<string, string>;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** The parsed JSON body (undefined when the body is empty or not JSON). */
  body: any;
  /** The body as received. */
  rawBody: string;
}

/** A tool call the scripted model makes. */
export interface ScriptedToolCall {
  name: string;
  /** The arguments, as an object (JSON-encoded for the wire) or an already encoded string. */
  arguments?: Record<string, unknown> | string;
  /** The call id. @default `call_<n>` */
  id?: string;
}

/** Token counts, rendered in each endpoint's own usage shape. */
export interface ScriptedUsage {
  inputTokens?: number;
  outputTokens?: number;
  /** @default inputTokens + outputTokens */
  totalTokens?: number;
  /** Prompt tokens served from the cache. */
  cachedTokens?: number;
  /** Prompt tokens written to the cache (Responses API). */
  cacheWriteTokens?: number;
  reasoningTokens?: number;
  audioInputTokens?: number;
  audioOutputTokens?: number;
}

/** A successful answer. */
export interface ScriptedAnswer {
  /** The answer's text. */
  text?: string;
  /** Structured output: sent as its JSON text. */
  json?: unknown;
  /** Tool calls (several make a parallel tool-call turn). */
  toolCalls?: ScriptedToolCall[];
  /** Reasoning text: `reasoning_content` for chat, a reasoning summary for responses. */
  reasoning?: string;
  /** Token usage; `null` sends none. @default { inputTokens: 10, outputTokens: 5 } */
  usage?: ScriptedUsage | null;
  /** Explicit streamed pieces of the text. */
  chunks?: string[];
  /** Characters per streamed piece (text and tool arguments). @default one word per piece */
  chunkSize?: number;
  /** Chat `finish_reason`. @default "tool_calls" with tool calls, else "stop" */
  finishReason?: string;
  /** Milliseconds to wait before answering. @default 0 */
  delayMs?: number;
}

/** An error answer: the HTTP status with an OpenAI error body. */
export interface ScriptedError {
  error: {
    status: number;
    /** @default a message naming the status */
    message?: string;
    /** @default derived from the status, e.g. "rate_limit_exceeded" */
    type?: string;
    code?: string | null;
    param?: string | null;
    /** Extra response headers, e.g. `{ "retry-after": "0" }`. */
    headers?: Record<string, string>;
  };
}

/** A raw HTTP answer, for anything the other shapes cannot express. */
export interface ScriptedRaw {
  raw: { status: number; headers?: Record<string, string>; body: string };
}

/** One scripted response: a text shorthand, an answer, an error, a raw reply, or a function of the request. */
export type ScriptedResponse =
  | string
  | ScriptedAnswer
  | ScriptedError
  | ScriptedRaw
  | ((request: RecordedRequest) => ScriptedAnswer | ScriptedError | ScriptedRaw | string);

/** Options of {@link startOpenAIServer}. */
export interface OpenAIServerOptions {
  /** Responses queued from the start. @default [] */
  responses?: ScriptedResponse[];
}

/** A running server. */
export interface OpenAIServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `url + "/v1"`, the `baseURL` for OpenAI clients. */
  baseURL: string;
  /** Requests received, oldest first. */
  requests: RecordedRequest[];
  /** Appends scripted responses to the queue. */
  enqueue(...responses: ScriptedResponse[]): void;
  /** Scripted responses not used yet. */
  readonly pending: number;
  /** Stops the server and drops its connections. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Starts the server on 127.0.0.1 at a free port.
 *
 * @example
 * const server = await startOpenAIServer();
 * server.enqueue({ toolCalls: [{ name: "add", arguments: { a: 1, b: 2 } }] }, "The sum is 3.");
 * const model = new OpenAIChat({ apiKey: "test", baseURL: server.baseURL });
 * // ... run an agent, then inspect server.requests
 * await server.close();
 */
export async function startOpenAIServer(options: OpenAIServerOptions = {}): Promise<OpenAIServer> {
  let counter = 0;

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    rawBody: string,
    { requests, next: nextResponse }: ScriptedServerState<RecordedRequest, ScriptedResponse>,
  ): Promise<void> {
    const parsedUrl = new URL(req.url ?? "/", "http://127.0.0.1");
    const recorded: RecordedRequest = {
      method: req.method ?? "GET",
      path: parsedUrl.pathname,
      query: Object.fromEntries(parsedUrl.searchParams),
      headers: headersOf(req),
      body: parseJsonBody(rawBody),
      rawBody,
    };
    requests.push(recorded);

    const endpoint = endpointOf(recorded);
    if (!endpoint) {
      sendError(res, {
        status: 404,
        message: `openai-server: no route for ${recorded.method} ${recorded.path}; it serves POST /v1/chat/completions and POST /v1/responses.`,
      });
      return;
    }
    const next = nextResponse();
    if (next === undefined) {
      sendError(res, {
        status: 500,
        type: "server_error",
        message: `openai-server: no scripted response left for ${recorded.method} ${recorded.path} (request #${requests.length}). Enqueue one with server.enqueue(...).`,
      });
      return;
    }
    const scripted = typeof next === "function" ? next(recorded) : next;
    if (typeof scripted === "object" && "raw" in scripted) {
      res.writeHead(scripted.raw.status, scripted.raw.headers ?? {});
      res.end(scripted.raw.body);
      return;
    }
    if (typeof scripted === "object" && "error" in scripted) {
      sendError(res, scripted.error);
      return;
    }
    const answer: ScriptedAnswer = typeof scripted === "string" ? { text: scripted } : scripted;
    if (answer.delayMs) {
      await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
      if (res.destroyed) return;
    }
    const n = ++counter;
    const payload = recorded.body as Record<string, unknown> | undefined;
    const model = typeof payload?.model === "string" ? payload.model : "gpt-4o";
    const stream = payload?.stream === true;
    if (endpoint === "chat") {
      const includeUsage =
        (payload?.stream_options as { include_usage?: boolean } | undefined)?.include_usage ===
        true;
      if (stream) sendEvents(res, chatChunks(answer, model, n, includeUsage), "chat");
      else writeJson(res, 200, chatCompletion(answer, model, n));
    } else if (stream) {
      sendEvents(res, responseEvents(answer, model, n), "responses");
    } else {
      writeJson(res, 200, responseObject(answer, model, n, "completed"));
    }
  }

  return startScriptedServer<RecordedRequest, ScriptedResponse>({
    responses: options.responses,
    baseURL: (url) => `${url}/v1`,
    handle,
    onError: (res, error) => {
      if (!res.headersSent) {
        sendError(res, { status: 500, message: `openai-server failed: ${String(error)}` });
      } else {
        res.destroy();
      }
    },
  });
}

function endpointOf(request: RecordedRequest): "chat" | "responses" | undefined {
  if (request.method !== "POST") return undefined;
  const path = request.path.replace(/\/+$/, "");
  if (path === "/v1/chat/completions" || path === "/chat/completions") return "chat";
  if (path === "/v1/responses" || path === "/responses") return "responses";
  return undefined;
}

const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "invalid_request_error",
  403: "permission_denied",
  404: "not_found_error",
  408: "timeout",
  409: "conflict",
  422: "invalid_request_error",
  429: "rate_limit_exceeded",
};

const ERROR_MESSAGES: Record<number, string> = {
  401: "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.",
  429: "Rate limit reached for requests. Please try again shortly.",
  500: "The server had an error while processing your request.",
};

function sendError(res: ServerResponse, error: ScriptedError["error"]): void {
  const body = {
    error: {
      message: error.message ?? ERROR_MESSAGES[error.status] ?? `Scripted error ${error.status}.`,
      type: error.type ?? ERROR_TYPES[error.status] ?? "server_error",
      param: error.param ?? null,
      code: error.code ?? (error.status === 401 ? "invalid_api_key" : null),
    },
  };
  writeJson(res, error.status, body, error.headers ?? {});
}

function sendEvents(
  res: ServerResponse,
  events: Array<Record<string, unknown>>,
  style: "chat" | "responses",
): void {
  startSse(res);
  for (const event of events) {
    writeSse(res, event, style === "responses" ? String(event.type) : undefined);
  }
  if (style === "chat") res.write("data: [DONE]\n\n");
  res.end();
}

// ---------------------------------------------------------------------------------------------
// Shared pieces

function textOf(answer: ScriptedAnswer): string | null {
  if (answer.json !== undefined) return JSON.stringify(answer.json);
  if (answer.text !== undefined) return answer.text;
  if (answer.chunks) return answer.chunks.join("");
  return answer.toolCalls?.length ? null : "";
}

function pieces(text: string, answer: ScriptedAnswer, explicit?: string[]): string[] {
  if (explicit) return explicit;
  if (text === "") return [];
  if (answer.chunkSize && answer.chunkSize > 0) return splitEvery(text, answer.chunkSize);
  return text.match(/\S+\s*|\s+/g) ?? [text];
}

function argumentPieces(args: string, answer: ScriptedAnswer): string[] {
  if (args === "") return [""];
  return splitEvery(args, answer.chunkSize && answer.chunkSize > 0 ? answer.chunkSize : 8);
}

function toolCallsOf(answer: ScriptedAnswer, n: number) {
  return (answer.toolCalls ?? []).map((call, i) => ({
    id: call.id ?? `call_${n}_${i}`,
    name: call.name,
    arguments:
      typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments ?? {}),
  }));
}

function usageOf(answer: ScriptedAnswer): ScriptedUsage | null {
  if (answer.usage === null) return null;
  return answer.usage ?? { inputTokens: 10, outputTokens: 5 };
}

// ---------------------------------------------------------------------------------------------
// Chat Completions

function chatUsage(usage: ScriptedUsage): Record<string, unknown> {
  const input = usage.inputTokens ?? 0;
  const output = usage.outputTokens ?? 0;
  return {
    prompt_tokens: input,
    completion_tokens: output,
    total_tokens: usage.totalTokens ?? input + output,
    prompt_tokens_details: {
      cached_tokens: usage.cachedTokens ?? 0,
      audio_tokens: usage.audioInputTokens ?? 0,
    },
    completion_tokens_details: {
      reasoning_tokens: usage.reasoningTokens ?? 0,
      audio_tokens: usage.audioOutputTokens ?? 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function chatCompletion(answer: ScriptedAnswer, model: string, n: number) {
  const calls = toolCallsOf(answer, n);
  const message: Record<string, unknown> = {
    role: "assistant",
    content: textOf(answer),
    refusal: null,
  };
  if (answer.reasoning !== undefined) message.reasoning_content = answer.reasoning;
  if (calls.length > 0) {
    message.tool_calls = calls.map((c) => ({
      id: c.id,
      type: "function",
      function: { name: c.name, arguments: c.arguments },
    }));
  }
  const usage = usageOf(answer);
  return {
    id: `chatcmpl-${n}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    system_fingerprint: "fp_test",
    choices: [
      {
        index: 0,
        message,
        logprobs: null,
        finish_reason: answer.finishReason ?? (calls.length > 0 ? "tool_calls" : "stop"),
      },
    ],
    ...(usage ? { usage: chatUsage(usage) } : {}),
  };
}

function chatChunks(
  answer: ScriptedAnswer,
  model: string,
  n: number,
  includeUsage: boolean,
): Array<Record<string, unknown>> {
  const base = {
    id: `chatcmpl-${n}`,
    object: "chat.completion.chunk",
    created: Math.floor(Date.now() / 1000),
    model,
    system_fingerprint: "fp_test",
  };
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
    ...base,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  });
  const out: Array<Record<string, unknown>> = [chunk({ role: "assistant", content: "" })];
  if (answer.reasoning) {
    for (const piece of pieces(answer.reasoning, answer)) {
      out.push(chunk({ reasoning_content: piece }));
    }
  }
  const text = textOf(answer) ?? "";
  for (const piece of pieces(text, answer, answer.chunks)) out.push(chunk({ content: piece }));
  const calls = toolCallsOf(answer, n);
  calls.forEach((call, index) => {
    out.push(
      chunk({
        tool_calls: [
          { index, id: call.id, type: "function", function: { name: call.name, arguments: "" } },
        ],
      }),
    );
    for (const piece of argumentPieces(call.arguments, answer)) {
      if (piece) out.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
    }
  });
  out.push(chunk({}, answer.finishReason ?? (calls.length > 0 ? "tool_calls" : "stop")));
  const usage = usageOf(answer);
  if (includeUsage && usage) out.push({ ...base, choices: [], usage: chatUsage(usage) });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Responses

function responsesUsage(usage: ScriptedUsage): Record<string, unknown> {
  const input = usage.inputTokens ?? 0;
  const output = usage.outputTokens ?? 0;
  return {
    input_tokens: input,
    input_tokens_details: {
      cached_tokens: usage.cachedTokens ?? 0,
      ...(usage.cacheWriteTokens !== undefined
        ? { cache_write_tokens: usage.cacheWriteTokens }
        : {}),
    },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
    total_tokens: usage.totalTokens ?? input + output,
  };
}

function responseItems(answer: ScriptedAnswer, n: number): Array<Record<string, unknown>> {
  const items: Array<Record<string, unknown>> = [];
  if (answer.reasoning !== undefined) {
    items.push({
      type: "reasoning",
      id: `rs_${n}`,
      summary: [{ type: "summary_text", text: answer.reasoning }],
    });
  }
  const text = textOf(answer);
  if (text !== null && (text !== "" || !answer.toolCalls?.length)) {
    items.push({
      type: "message",
      id: `msg_${n}`,
      status: "completed",
      role: "assistant",
      content: [{ type: "output_text", text, annotations: [] }],
    });
  }
  toolCallsOf(answer, n).forEach((call, i) => {
    items.push({
      type: "function_call",
      id: `fc_${n}_${i}`,
      call_id: call.id,
      name: call.name,
      arguments: call.arguments,
      status: "completed",
    });
  });
  return items;
}

function responseObject(
  answer: ScriptedAnswer,
  model: string,
  n: number,
  status: "in_progress" | "completed",
): Record<string, unknown> {
  const usage = usageOf(answer);
  return {
    id: `resp_${n}`,
    object: "response",
    created_at: Math.floor(Date.now() / 1000),
    status,
    error: null,
    incomplete_details: null,
    model,
    output: status === "completed" ? responseItems(answer, n) : [],
    parallel_tool_calls: true,
    tool_choice: "auto",
    tools: [],
    usage: status === "completed" && usage ? responsesUsage(usage) : null,
  };
}

function responseEvents(
  answer: ScriptedAnswer,
  model: string,
  n: number,
): Array<Record<string, unknown>> {
  const events: Array<Record<string, unknown>> = [];
  let sequence = 0;
  const emit = (type: string, data: Record<string, unknown>) =>
    events.push({ type, sequence_number: sequence++, ...data });
  emit("response.created", { response: responseObject(answer, model, n, "in_progress") });
  emit("response.in_progress", { response: responseObject(answer, model, n, "in_progress") });
  responseItems(answer, n).forEach((item, output_index) => {
    const id = item.id as string;
    if (item.type === "reasoning") {
      const text = answer.reasoning ?? "";
      emit("response.output_item.added", { output_index, item: { ...item, summary: [] } });
      emit("response.reasoning_summary_part.added", {
        item_id: id,
        output_index,
        summary_index: 0,
        part: { type: "summary_text", text: "" },
      });
      for (const delta of pieces(text, answer)) {
        emit("response.reasoning_summary_text.delta", {
          item_id: id,
          output_index,
          summary_index: 0,
          delta,
        });
      }
      emit("response.reasoning_summary_text.done", {
        item_id: id,
        output_index,
        summary_index: 0,
        text,
      });
      emit("response.reasoning_summary_part.done", {
        item_id: id,
        output_index,
        summary_index: 0,
        part: { type: "summary_text", text },
      });
    } else if (item.type === "message") {
      const text = textOf(answer) ?? "";
      const part = { type: "output_text", text: "", annotations: [] };
      emit("response.output_item.added", {
        output_index,
        item: { ...item, status: "in_progress", content: [] },
      });
      emit("response.content_part.added", { item_id: id, output_index, content_index: 0, part });
      for (const delta of pieces(text, answer, answer.chunks)) {
        emit("response.output_text.delta", {
          item_id: id,
          output_index,
          content_index: 0,
          delta,
          logprobs: [],
        });
      }
      emit("response.output_text.done", {
        item_id: id,
        output_index,
        content_index: 0,
        text,
        logprobs: [],
      });
      emit("response.content_part.done", {
        item_id: id,
        output_index,
        content_index: 0,
        part: { ...part, text },
      });
    } else {
      const args = item.arguments as string;
      emit("response.output_item.added", {
        output_index,
        item: { ...item, arguments: "", status: "in_progress" },
      });
      for (const delta of argumentPieces(args, answer)) {
        if (delta) {
          emit("response.function_call_arguments.delta", { item_id: id, output_index, delta });
        }
      }
      emit("response.function_call_arguments.done", {
        item_id: id,
        output_index,
        name: item.name,
        arguments: args,
      });
    }
    emit("response.output_item.done", { output_index, item });
  });
  emit("response.completed", { response: responseObject(answer, model, n, "completed") });
  return events;
}
