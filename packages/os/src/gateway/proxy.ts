import { canAccess } from "../auth/index.js";
import type { AppContext } from "../env.js";
import { httpError } from "../errors.js";
import type { RouteGroup, RouteHandler, RouteSpec } from "../http/route-group.js";
import { log } from "../logger.js";
import type { Registry } from "../registry.js";
import type { KindSpec } from "../routers/run-kinds.js";
import { runErrorEvent, workflowErrorEvent } from "../routers/stream-errors.js";
import type { RemoteComponentRef } from "./remote.js";

/** Seconds a listing waits for a remote AgentOS before leaving its components out. */
const LISTING_TIMEOUT = 10;

type Handler = (c: AppContext, next: () => Promise<void>) => unknown;

/** A failure to reach the remote AgentOS (refused, reset, timed out). */
class RemoteUnavailable extends Error {}

function reason(error: unknown): string {
  if (error instanceof RemoteUnavailable) return error.message;
  const e = error as { message?: string; cause?: { code?: string; message?: string } };
  const cause = e?.cause;
  if (cause?.message && cause.code && !cause.message.includes(cause.code))
    return `${cause.message} (${cause.code})`;
  if (cause?.message || cause?.code) return cause.message ?? cause.code ?? "";
  return e?.message ?? String(error);
}

/** 502 `{"detail": "Remote AgentOS at <baseUrl> is unavailable: <reason>"}`. */
function unavailable(ref: RemoteComponentRef, error: unknown) {
  return httpError(502, `Remote AgentOS at ${ref.baseUrl} is unavailable: ${reason(error)}`);
}

/** Headers of a proxied request: the component's, then the caller's `Authorization`. */
function forwardHeaders(c: AppContext, ref: RemoteComponentRef): Record<string, string> {
  const headers: Record<string, string> = { ...ref.headers };
  const auth = c.req.header("authorization");
  if (auth) headers.authorization = auth;
  else if (ref.authToken !== undefined && !hasHeader(headers, "authorization"))
    headers.authorization = `Bearer ${ref.authToken}`;
  return headers;
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((k) => k.toLowerCase() === name);
}

/** A timer that aborts `controller` unless re-armed within `seconds`. */
function idleTimer(controller: AbortController, seconds: number, label: string) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    if (timer) clearTimeout(timer);
    if (!(seconds > 0) || !Number.isFinite(seconds)) return;
    timer = setTimeout(
      () => controller.abort(new RemoteUnavailable(`${label} timed out after ${seconds} seconds`)),
      seconds * 1000,
    );
  };
  const stop = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
  return { arm, stop };
}

/** Sends a request to the remote AgentOS; a connection failure or timeout throws a 502. */
async function send(
  c: AppContext,
  ref: RemoteComponentRef,
  pathAndQuery: string,
  init: { method: string; body?: ArrayBuffer; contentType?: string; timeout?: number },
): Promise<{
  response: Response;
  controller: AbortController;
  timer: ReturnType<typeof idleTimer>;
}> {
  const controller = new AbortController();
  const onCallerAbort = () => controller.abort(new Error("the caller disconnected"));
  c.req.raw.signal?.addEventListener("abort", onCallerAbort, { once: true });
  const timer = idleTimer(controller, init.timeout ?? ref.timeout, "the request");
  const headers = forwardHeaders(c, ref);
  if (init.contentType) headers["content-type"] = init.contentType;
  timer.arm();
  try {
    const response = await fetch(`${ref.baseUrl}${pathAndQuery}`, {
      method: init.method,
      headers,
      ...(init.body !== undefined ? { body: init.body } : {}),
      signal: controller.signal,
    });
    return { response, controller, timer };
  } catch (error) {
    timer.stop();
    const abortReason = controller.signal.aborted ? controller.signal.reason : undefined;
    throw unavailable(ref, abortReason instanceof RemoteUnavailable ? abortReason : error);
  }
}

/** A remote error answer, passed through as `{"detail": ...}` with its status. */
async function passthroughError(response: Response): Promise<Response> {
  const text = await response.text().catch(() => "");
  let detail: unknown = text || response.statusText;
  try {
    const body = JSON.parse(text) as { detail?: unknown };
    if (body && typeof body === "object" && "detail" in body) detail = body.detail;
  } catch {
    // not JSON: the text is the detail
  }
  return Response.json({ detail }, { status: response.status });
}

/** The remote component named by the path, if it is one (after the access check). */
export function remoteFor(
  c: AppContext,
  registry: Registry,
  kind: KindSpec,
  action: "read" | "run",
): RemoteComponentRef | undefined {
  const id = c.req.param(kind.param);
  const ref = registry.remote(kind.type, id);
  if (!ref) return undefined;
  if (!canAccess(c, kind.plural, ref.id, action)) {
    throw httpError(403, `Access denied to ${action} this ${kind.lower}`);
  }
  return ref;
}

/**
 * `local`, except for remote components: their requests go to the remote AgentOS at the same
 * path (query, body and the caller's `Authorization` forwarded).
 */
export function withRemote(
  registry: Registry,
  kind: KindSpec,
  action: "read" | "run",
  local: Handler,
  options: { run?: boolean } = {},
): Handler {
  return (c, next) => {
    const ref = remoteFor(c, registry, kind, action);
    if (!ref) return local(c, next);
    return proxyRequest(c, ref, kind, options);
  };
}

/** Proxies the request to the remote AgentOS: JSON answers as they are, SSE streamed through. */
export async function proxyRequest(
  c: AppContext,
  ref: RemoteComponentRef,
  kind: KindSpec,
  options: { run?: boolean } = {},
): Promise<Response> {
  const url = new URL(c.req.url);
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, "") : url.pathname;
  const method = c.req.method;
  let body: ArrayBuffer | undefined;
  const contentType = c.req.header("content-type");
  if (method !== "GET" && method !== "HEAD") {
    body = await c.req.raw.arrayBuffer();
    if (options.run && (await isBackground(body, contentType))) {
      throw httpError(400, `Background execution is not supported for remote ${kind.plural}`);
    }
  }
  const { response, controller, timer } = await send(c, ref, `${path}${url.search}`, {
    method,
    ...(body !== undefined ? { body } : {}),
    ...(contentType ? { contentType } : {}),
  });
  if (!response.ok) {
    timer.stop();
    return passthroughError(response);
  }
  const type = response.headers.get("content-type") ?? "";
  if (type.includes("text/event-stream") && response.body) {
    return streamThrough(ref, kind, response, controller, timer);
  }
  try {
    const text = await response.text();
    return new Response(text, {
      status: response.status,
      headers: { "content-type": type || "application/json" },
    });
  } catch (error) {
    throw unavailable(ref, controller.signal.reason ?? error);
  } finally {
    timer.stop();
  }
}

async function isBackground(body: ArrayBuffer, contentType: string | undefined): Promise<boolean> {
  if (!contentType) return false;
  try {
    const form = await new Request("http://gateway.local", {
      method: "POST",
      body,
      headers: { "content-type": contentType },
    }).formData();
    return String(form.get("background") ?? "").toLowerCase() === "true";
  } catch {
    return false;
  }
}

const encoder = new TextEncoder();

/**
 * The remote SSE body, frame by frame as it arrives. If the remote connection is lost (reset,
 * or no data within the timeout), the stream ends with one terminal `RunError` / `TeamRunError`
 * / `WorkflowError` saying so.
 */
function streamThrough(
  ref: RemoteComponentRef,
  kind: KindSpec,
  response: Response,
  controller: AbortController,
  timer: ReturnType<typeof idleTimer>,
): Response {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let runId = "";
  let sessionId = "";
  let name: string | undefined;
  let cancelled = false;

  const remember = (frame: string) => {
    const line = frame.split("\n").find((l) => l.startsWith("data:"));
    if (!line) return;
    try {
      const data = JSON.parse(line.slice(5).trim()) as Record<string, unknown>;
      if ((data.nested_depth ?? 0) !== 0) return;
      if (typeof data.run_id === "string" && !runId) runId = data.run_id;
      if (typeof data.session_id === "string" && !sessionId) sessionId = data.session_id;
      const n = data[`${kind.lower}_name`];
      if (typeof n === "string") name = n;
    } catch {
      // not JSON: forwarded as is
    }
  };

  const lostEvent = (error: unknown): Record<string, unknown> => {
    const message = `Connection to remote AgentOS at ${ref.baseUrl} was lost: ${reason(error)}`;
    const component = { id: ref.id, ...(name !== undefined ? { name } : {}) };
    const lost = new RemoteUnavailable(message);
    lost.name = "RemoteServerUnavailableError";
    if (kind.type === "workflow") return workflowErrorEvent(component, runId, sessionId, lost);
    return runErrorEvent(kind.type, component, runId, sessionId, lost);
  };

  const body = new ReadableStream<Uint8Array>({
    async pull(out) {
      for (;;) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          timer.arm();
          chunk = await reader.read();
        } catch (error) {
          timer.stop();
          if (cancelled) return;
          const cause = controller.signal.aborted ? (controller.signal.reason ?? error) : error;
          log.warn(
            `Remote ${kind.lower} "${ref.id}" at ${ref.baseUrl}: stream lost (${reason(cause)})`,
          );
          out.enqueue(encoder.encode(formatFrame(lostEvent(cause))));
          out.close();
          return;
        }
        if (chunk.done) {
          timer.stop();
          buffer += decoder.decode();
          if (buffer.trim())
            out.enqueue(encoder.encode(buffer.endsWith("\n\n") ? buffer : `${buffer}\n\n`));
          out.close();
          return;
        }
        buffer += decoder.decode(chunk.value, { stream: true });
        const end = buffer.lastIndexOf("\n\n");
        if (end < 0) continue;
        const complete = buffer.slice(0, end + 2);
        buffer = buffer.slice(end + 2);
        for (const frame of complete.split("\n\n")) if (frame) remember(frame);
        out.enqueue(encoder.encode(complete));
        return;
      }
    },
    cancel() {
      cancelled = true;
      timer.stop();
      controller.abort(new Error("the caller disconnected"));
      reader.cancel().catch(() => {});
    },
  });
  return new Response(body, {
    status: response.status,
    headers: {
      "content-type": "text/event-stream",
      "cache-control": "no-cache",
      connection: "keep-alive",
    },
  });
}

function formatFrame(event: Record<string, unknown>): string {
  return `event: ${String(event.event)}\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * The listing entries of the remote components of one kind the caller may see: one
 * `GET /<plural>` per remote AgentOS, keeping the proxied ids. A remote that cannot be reached
 * (or refuses) is left out, with a warning: it never breaks the listing.
 */
export async function remoteListing(
  c: AppContext,
  registry: Registry,
  kind: KindSpec,
  ids: "all" | ReadonlySet<string>,
): Promise<unknown[]> {
  const refs = [...registry.remotesOf(kind.type).values()].filter(
    (r) => ids === "all" || ids.has(r.id),
  );
  if (refs.length === 0) return [];
  const groups = new Map<string, RemoteComponentRef[]>();
  for (const ref of refs) {
    const key = JSON.stringify([ref.baseUrl, forwardHeaders(c, ref)]);
    groups.set(key, [...(groups.get(key) ?? []), ref]);
  }
  const lists = await Promise.all(
    [...groups.values()].map(async (group) => {
      const first = group[0] as RemoteComponentRef;
      try {
        const { response, timer } = await send(c, first, `/${kind.plural}`, {
          method: "GET",
          timeout: Math.min(first.timeout, LISTING_TIMEOUT),
        });
        try {
          if (!response.ok) {
            throw new RemoteUnavailable(`HTTP ${response.status}: ${await response.text()}`);
          }
          const items = (await response.json()) as Array<{ id?: unknown }>;
          const byId = new Map(items.map((item) => [item.id, item]));
          return group.flatMap((ref) => {
            const item = byId.get(ref.id);
            if (item) return [item];
            log.warn(
              `AgentOS gateway: remote ${kind.lower} "${ref.id}" is not served by ${ref.baseUrl}; left out of the listing.`,
            );
            return [];
          });
        } finally {
          timer.stop();
        }
      } catch (error) {
        const detail =
          error instanceof Error && "status" in error ? (error as Error).message : reason(error);
        log.warn(
          `AgentOS gateway: remote ${kind.plural} ${group.map((r) => `"${r.id}"`).join(", ")} at ${first.baseUrl} left out of the listing: ${detail}`,
        );
        return [];
      }
    }),
  );
  return lists.flat();
}

/**
 * `group`, with the routes of one component (paths with the kind's id parameter) proxied to the
 * remote AgentOS when the id is a remote component's.
 */
export function gatewayRoutes(
  group: RouteGroup,
  registry: Registry,
  kind: KindSpec,
): { add(spec: RouteSpec, ...handlers: RouteHandler[]): void } {
  return {
    add(spec, ...handlers) {
      if (!spec.path.includes(`:${kind.param}`) || handlers.length !== 1) {
        group.add(spec, ...handlers);
        return;
      }
      const isDetail = spec.method === "GET" && spec.path.endsWith(`:${kind.param}`);
      const run = spec.method === "POST" && /\/(runs|continue)$/.test(spec.path);
      group.add(
        spec,
        withRemote(registry, kind, isDetail ? "read" : "run", handlers[0] as Handler, {
          run,
        }) as RouteHandler,
      );
    },
  };
}
