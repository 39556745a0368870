/**
 * The HTTP scaffolding the scripted API stand-ins (`openai-server`, `anthropic-server`) share: a
 * node:http server on 127.0.0.1 and a free port, the record of the requests it received, the
 * FIFO of scripted responses, JSON and SSE writers, and an idempotent `close()`. No dependencies.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A running scripted server, as each stand-in exposes it. */
export interface ScriptedServer<TRequest, TResponse> {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** What to pass as a client's `baseURL`. */
  baseURL: string;
  /** Requests received, oldest first. */
  requests: TRequest[];
  /** Appends scripted responses to the queue. */
  enqueue(...responses: TResponse[]): void;
  /** Scripted responses not used yet. */
  readonly pending: number;
  /** Stops the server and drops its connections. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** What a request handler gets besides the request: the record and the queue. */
export interface ScriptedServerState<TRequest, TResponse> {
  /** Requests received, oldest first (the handler records each one). */
  requests: TRequest[];
  /** Takes the next scripted response off the queue (undefined when it is empty). */
  next(): TResponse | undefined;
}

/** Options of {@link startScriptedServer}. */
export interface ScriptedServerOptions<TRequest, TResponse> {
  /** Responses queued from the start. */
  responses?: TResponse[] | undefined;
  /** The `baseURL` for the server's `url`. */
  baseURL(url: string): string;
  /** Answers one request, whose body has been read as `rawBody`. */
  handle(
    req: IncomingMessage,
    res: ServerResponse,
    rawBody: string,
    state: ScriptedServerState<TRequest, TResponse>,
  ): void | Promise<void>;
  /** Answers a request whose handling failed (`res.headersSent` tells how far it got). */
  onError(res: ServerResponse, error: unknown): void;
}

/** Starts a scripted server on 127.0.0.1 and a free port. */
export async function startScriptedServer<TRequest, TResponse>(
  options: ScriptedServerOptions<TRequest, TResponse>,
): Promise<ScriptedServer<TRequest, TResponse>> {
  const queue: TResponse[] = [...(options.responses ?? [])];
  const requests: TRequest[] = [];
  const state: ScriptedServerState<TRequest, TResponse> = {
    requests,
    next: () => queue.shift(),
  };

  const server = createServer((req, res) => {
    readBody(req)
      .then((raw) => options.handle(req, res, raw, state))
      .catch((error: unknown) => options.onError(res, error));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closed ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closed;
  };

  return {
    url,
    baseURL: options.baseURL(url),
    requests,
    enqueue: (...responses) => {
      queue.push(...responses);
    },
    get pending() {
      return queue.length;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** The request's headers: names lower-cased, repeated headers joined with `, `. */
export function headersOf(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

/** The parsed JSON body, or undefined when it is empty or not JSON. */
export function parseJsonBody(raw: string): unknown {
  try {
    return raw ? JSON.parse(raw) : undefined;
  } catch {
    return undefined;
  }
}

/** Answers `status` with a JSON body. */
export function writeJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** Answers 200 with the headers of a server-sent event stream. */
export function startSse(res: ServerResponse, headers: Record<string, string> = {}): void {
  res.writeHead(200, {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    connection: "keep-alive",
    ...headers,
  });
}

/** Writes one server-sent event: `event: <event>` (when given), then `data: <JSON>`. */
export function writeSse(res: ServerResponse, data: unknown, event?: string): void {
  res.write(`${event !== undefined ? `event: ${event}\n` : ""}data: ${JSON.stringify(data)}\n\n`);
}

/** `text` cut into pieces of `size` characters (the last one shorter). */
export function splitEvery(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
