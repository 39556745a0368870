import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

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
