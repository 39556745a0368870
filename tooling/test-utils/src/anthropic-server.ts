/**
 * A local stand-in for the Anthropic Messages API: a node:http server on 127.0.0.1 that answers
 * `POST /v1/messages` from a FIFO of scripted responses, as JSON or as SSE (when the request has
 * `stream: true`), framed exactly like the real API. Every request is recorded. No dependencies.
 *
 * @example
 * const server = await startAnthropicServer();
 * server.enqueue({ text: "Hello!" }, { toolUses: [{ name: "get_weather", input: { city: "Paris" } }] });
 * const client = new Anthropic({ apiKey: "test", baseURL: server.baseURL });
 * // ...
 * await server.close();
 */
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

/** A request the server received. */
export interface RecordedRequest {
  method: string;
  /** Path with query string, e.g. `/v1/messages`. */
  path: string;
  /** Header names lower-cased; repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** The parsed JSON body (undefined when the body was empty or not JSON). */
  body: any;
}

/** One content block of a scripted answer. */
export type ScriptedBlock =
  | { type: "text"; text: string }
  | { type: "tool_use"; id?: string; name: string; input?: Record<string, unknown> }
  | { type: "thinking"; thinking: string; signature?: string }
  | { type: "redacted_thinking"; data: string };

/** Token usage of a scripted answer, in the API's field names. */
export interface ScriptedUsage {
  /** @default 10 */
  input_tokens?: number;
  /** @default 5 */
  output_tokens?: number;
  cache_read_input_tokens?: number;
  cache_creation_input_tokens?: number;
}

/** A successful answer. The shorthands build blocks in the order thinking, text, tool uses. */
export interface ScriptedMessage {
  /** Shorthand for a thinking block (with a generated signature unless one is given). */
  thinking?: string | { thinking: string; signature?: string };
  /** Shorthand for one text block. */
  text?: string;
  /** Shorthand for tool_use blocks (ids generated when omitted). */
  toolUses?: Array<{ id?: string; name: string; input?: Record<string, unknown> }>;
  /** The exact content blocks; replaces the shorthands when given. */
  content?: ScriptedBlock[];
  usage?: ScriptedUsage;
  /** @default "tool_use" when a tool is used, else "end_turn" */
  stopReason?: string;
  /** Message id. @default "msg_test_<n>" */
  id?: string;
  /** @default the request's model */
  model?: string;
  /** Characters per streamed text, thinking and input_json delta. @default the server's chunkSize */
  chunkSize?: number;
}

/** An error answer: `{ type: "error", error: { type, message } }` with the given HTTP status. */
export interface ScriptedError {
  error: {
    status: number;
    /** @default derived from the status, e.g. `rate_limit_error` for 429 */
    type?: string;
    /** @default a sentence naming the status */
    message?: string;
  };
  /** Extra response headers, e.g. `{ "retry-after": "0" }`. */
  headers?: Record<string, string>;
  /**
   * For streaming requests: answer 200, send `message_start`, then an `event: error` frame (the
   * way the API reports an overload mid-stream). Ignored for JSON requests.
   */
  inStream?: boolean;
}

/** One scripted answer, or a function deciding it from the request. */
export type ScriptedResponse =
  | ScriptedMessage
  | ScriptedError
  | ((request: RecordedRequest) => ScriptedMessage | ScriptedError);

/** Options of {@link startAnthropicServer}. */
export interface AnthropicServerOptions {
  /** Answers queued from the start. */
  responses?: ScriptedResponse[];
  /** Characters per streamed delta. @default 4 */
  chunkSize?: number;
}

/** A running server. */
export interface AnthropicServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** What to pass as the SDK's `baseURL` (the SDK appends `/v1/messages`). */
  baseURL: string;
  /** Requests received, oldest first. */
  requests: RecordedRequest[];
  /** Queues answers, served in order, one per `POST /v1/messages`. */
  enqueue(...responses: ScriptedResponse[]): void;
  /** Answers still queued. */
  readonly pending: number;
  /** Stops the server and drops open connections. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  402: "billing_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  500: "api_error",
  504: "timeout_error",
  529: "overloaded_error",
};

function errorType(status: number): string {
  return ERROR_TYPES[status] ?? (status >= 500 ? "api_error" : "invalid_request_error");
}

function isError(response: ScriptedMessage | ScriptedError): response is ScriptedError {
  return typeof (response as ScriptedError).error === "object";
}

/** Starts the server on 127.0.0.1 and a free port. */
export async function startAnthropicServer(
  options: AnthropicServerOptions = {},
): Promise<AnthropicServer> {
  const defaultChunk = Math.max(1, options.chunkSize ?? 4);
  let counter = 0;

  function handle(
    req: IncomingMessage,
    res: ServerResponse,
    raw: string,
    { requests, next: nextResponse }: ScriptedServerState<RecordedRequest, ScriptedResponse>,
  ): void {
    const body = parseJsonBody(raw);
    const recorded: RecordedRequest = {
      method: req.method ?? "GET",
      path: req.url ?? "/",
      headers: headersOf(req),
      body,
    };
    requests.push(recorded);
    counter++;

    const path = recorded.path.split("?")[0];
    if (recorded.method !== "POST" || path !== "/v1/messages") {
      sendError(
        res,
        404,
        "not_found_error",
        `anthropic-server: only POST /v1/messages is served; got ${recorded.method} ${recorded.path}.`,
      );
      return;
    }
    if (raw && body === undefined) {
      sendError(res, 400, "invalid_request_error", "anthropic-server: the body is not JSON.");
      return;
    }
    const next = nextResponse();
    if (next === undefined) {
      sendError(
        res,
        500,
        "api_error",
        `anthropic-server: no scripted response left for request #${requests.length} (POST /v1/messages). Queue one with server.enqueue(...).`,
      );
      return;
    }
    const scripted = typeof next === "function" ? next(recorded) : next;
    const stream = (body as { stream?: unknown } | undefined)?.stream === true;
    const model = String((body as { model?: unknown } | undefined)?.model ?? "claude-test");
    const requestId = `req_test_${counter}`;

    if (isError(scripted)) {
      const { status } = scripted.error;
      const type = scripted.error.type ?? errorType(status);
      const message = scripted.error.message ?? `Scripted ${status} ${type}.`;
      if (stream && scripted.inStream) {
        startSse(res, { "request-id": requestId });
        writeEvent(res, "message_start", {
          type: "message_start",
          message: messageShell(`msg_test_${counter}`, model, {
            input_tokens: 0,
            output_tokens: 0,
          }),
        });
        writeEvent(res, "error", { type: "error", error: { type, message } });
        res.end();
        return;
      }
      sendError(res, status, type, message, { "request-id": requestId, ...scripted.headers });
      return;
    }

    const blocks = buildBlocks(scripted, counter);
    const usage = {
      input_tokens: scripted.usage?.input_tokens ?? 10,
      output_tokens: scripted.usage?.output_tokens ?? 5,
      ...(scripted.usage?.cache_creation_input_tokens !== undefined
        ? { cache_creation_input_tokens: scripted.usage.cache_creation_input_tokens }
        : {}),
      ...(scripted.usage?.cache_read_input_tokens !== undefined
        ? { cache_read_input_tokens: scripted.usage.cache_read_input_tokens }
        : {}),
    };
    const stopReason =
      scripted.stopReason ?? (blocks.some((b) => b.type === "tool_use") ? "tool_use" : "end_turn");
    const id = scripted.id ?? `msg_test_${counter}`;
    const answerModel = scripted.model ?? model;

    if (!stream) {
      const message = {
        ...messageShell(id, answerModel, usage),
        content: blocks,
        stop_reason: stopReason,
      };
      writeJson(res, 200, message, { "request-id": requestId });
      return;
    }

    const chunk = Math.max(1, scripted.chunkSize ?? defaultChunk);
    startSse(res, { "request-id": requestId });
    writeEvent(res, "message_start", {
      type: "message_start",
      message: messageShell(id, answerModel, { ...usage, output_tokens: 1 }),
    });
    writeEvent(res, "ping", { type: "ping" });
    blocks.forEach((block, index) => {
      const delta = (d: Record<string, unknown>) =>
        writeEvent(res, "content_block_delta", { type: "content_block_delta", index, delta: d });
      if (block.type === "text") {
        writeEvent(res, "content_block_start", {
          type: "content_block_start",
          index,
          content_block: { type: "text", text: "" },
        });
        for (const piece of splitEvery(block.text, chunk))
          delta({ type: "text_delta", text: piece });
      } else if (block.type === "thinking") {
        writeEvent(res, "content_block_start", {
          type: "content_block_start",
          index,
          content_block: { type: "thinking", thinking: "", signature: "" },
        });
        for (const piece of splitEvery(block.thinking, chunk))
          delta({ type: "thinking_delta", thinking: piece });
        delta({ type: "signature_delta", signature: block.signature });
      } else if (block.type === "redacted_thinking") {
        writeEvent(res, "content_block_start", {
          type: "content_block_start",
          index,
          content_block: block,
        });
      } else {
        writeEvent(res, "content_block_start", {
          type: "content_block_start",
          index,
          content_block: { type: "tool_use", id: block.id, name: block.name, input: {} },
        });
        for (const piece of splitEvery(JSON.stringify(block.input), chunk))
          delta({ type: "input_json_delta", partial_json: piece });
      }
      writeEvent(res, "content_block_stop", { type: "content_block_stop", index });
    });
    writeEvent(res, "message_delta", {
      type: "message_delta",
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage: { output_tokens: usage.output_tokens },
    });
    writeEvent(res, "message_stop", { type: "message_stop" });
    res.end();
  }

  return startScriptedServer<RecordedRequest, ScriptedResponse>({
    responses: options.responses,
    baseURL: (url) => url,
    handle,
    onError: (res, error) => {
      if (!res.headersSent) sendError(res, 500, "api_error", `anthropic-server: ${error}`);
      else res.end();
    },
  });
}

type Block =
  | { type: "text"; text: string }
  | { type: "tool_use"; id: string; name: string; input: Record<string, unknown> }
  | { type: "thinking"; thinking: string; signature: string }
  | { type: "redacted_thinking"; data: string };

function buildBlocks(scripted: ScriptedMessage, n: number): Block[] {
  let toolIndex = 0;
  const toolId = (id?: string) => id ?? `toolu_test_${n}_${toolIndex++}`;
  const signature = (s?: string) => s ?? `sig_test_${n}`;
  if (scripted.content) {
    return scripted.content.map((b): Block => {
      if (b.type === "tool_use")
        return { type: "tool_use", id: toolId(b.id), name: b.name, input: b.input ?? {} };
      if (b.type === "thinking")
        return { type: "thinking", thinking: b.thinking, signature: signature(b.signature) };
      return b;
    });
  }
  const blocks: Block[] = [];
  if (scripted.thinking !== undefined) {
    const t =
      typeof scripted.thinking === "string" ? { thinking: scripted.thinking } : scripted.thinking;
    blocks.push({ type: "thinking", thinking: t.thinking, signature: signature(t.signature) });
  }
  if (scripted.text !== undefined) blocks.push({ type: "text", text: scripted.text });
  for (const use of scripted.toolUses ?? []) {
    blocks.push({ type: "tool_use", id: toolId(use.id), name: use.name, input: use.input ?? {} });
  }
  return blocks;
}

function messageShell(id: string, model: string, usage: Record<string, number>) {
  return {
    id,
    type: "message",
    role: "assistant",
    model,
    content: [] as unknown[],
    stop_reason: null as string | null,
    stop_sequence: null,
    usage,
  };
}

function writeEvent(res: ServerResponse, event: string, data: unknown): void {
  writeSse(res, data, event);
}

function sendError(
  res: ServerResponse,
  status: number,
  type: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  writeJson(res, status, { type: "error", error: { type, message } }, headers);
}
