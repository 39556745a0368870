import { AgnoError } from "@agno/core";
import type { Context, MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { log } from "./logger.js";
import { uuid4 } from "./uuid.js";

/** An HTTP error answered as `{"detail": "<message>"}` with its status (the reference's shape). */
export function httpError(status: number, detail: string): HTTPException {
  return new HTTPException(status as ContentfulStatusCode, {
    message: detail,
    res: new Response(JSON.stringify({ detail }), {
      status,
      headers: { "content-type": "application/json" },
    }),
  });
}

/** The detail of every unexpected failure: what went wrong is in the log, under the request id. */
export const INTERNAL_ERROR_DETAIL = "Internal server error";

const REQUEST_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/**
 * Gives every request an id (the caller's `X-Request-ID` when it is a plain token, else a new
 * UUID), answered in the `X-Request-ID` header and written with every logged failure.
 */
export function requestIdMiddleware(): MiddlewareHandler {
  return async (c, next) => {
    const given = c.req.header("x-request-id");
    const id = given && REQUEST_ID.test(given) ? given : uuid4();
    c.set("request_id", id);
    await next();
    try {
      c.res.headers.set("x-request-id", id);
    } catch {
      // a proxied answer's headers are immutable: it goes out without the header
    }
  };
}

/** The request id of `c` (one is made when the middleware did not run). */
export function requestIdOf(c: Context): string {
  let id = c.get("request_id") as string | undefined;
  if (!id) {
    id = uuid4();
    c.set("request_id", id);
  }
  return id;
}

/**
 * The 4xx status of an error that describes the caller's own mistake (an Agno error with a 4xx
 * status; a model provider's 4xx is the server's problem, not the caller's), else undefined.
 */
function callerStatus(error: unknown): number | undefined {
  if (!AgnoError.isInstance(error) || error.code === "model_provider_error") return undefined;
  const status = error.status;
  return status !== undefined && status >= 400 && status < 500 ? status : undefined;
}

/**
 * What a caller may be told about `error`: the message of an error that carries a 4xx status
 * (it describes the caller's mistake); for anything else, a generic text with the request id,
 * while the whole error goes to the log under that id.
 */
export function publicErrorMessage(error: unknown, c: Context): string {
  if (callerStatus(error) !== undefined) return (error as Error).message;
  const requestId = requestIdOf(c);
  logFailure(error, c, requestId);
  return `${INTERNAL_ERROR_DETAIL} (request_id ${requestId})`;
}

function logFailure(error: unknown, c: Context, requestId: string): void {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  log.error(`request_id=${requestId} ${c.req.method} ${c.req.path} failed: ${text}`);
}

/**
 * The one error handler of AgentOS: HTTP errors as raised, Agno errors with a 4xx status as
 * `{"detail": message}`; every other failure as 500 (or the error's own 5xx status)
 * `{"detail": "Internal server error", "request_id": ...}`, logged in full with that id.
 */
export function errorResponse(error: Error, c: Context): Response {
  if (error instanceof HTTPException) {
    if (error.res) return error.getResponse();
    return Response.json({ detail: error.message || "Error" }, { status: error.status });
  }
  const status = callerStatus(error);
  if (status !== undefined) return Response.json({ detail: error.message }, { status });
  const requestId = requestIdOf(c);
  logFailure(error, c, requestId);
  const own = AgnoError.isInstance(error) ? error.status : undefined;
  return Response.json(
    { detail: INTERNAL_ERROR_DETAIL, request_id: requestId },
    { status: own !== undefined && own >= 500 && own < 600 ? own : 500 },
  );
}
