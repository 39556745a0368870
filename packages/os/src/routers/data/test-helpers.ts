// Helpers of the data-router tests (not part of the package's API).
import type { BaseDb, SessionRecord, SessionType } from "@agno/core";
import { Hono } from "hono";
import type { AppEnv } from "../../env.js";
import { errorResponse } from "../../errors.js";
import { dataRoutes } from "../data.js";

/**
 * A Hono app mounting `dataRoutes` over `dbs`, with a stand-in for the auth middleware: the
 * `x-test-caller` header (`user:<id>`, `admin:<id>`, `anonymous`) turns authorization on for a
 * non-admin user, an admin, or a caller without a user id. Without the header authorization is off.
 */
export function testApp(...dbs: BaseDb[]): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(errorResponse);
  app.use(async (c, next) => {
    const caller = c.req.header("x-test-caller");
    if (caller) {
      const [role, id] = caller.split(":");
      c.set("authorization_enabled", true);
      c.set("is_admin", role === "admin");
      if (id) c.set("user_id", id);
    }
    await next();
  });
  app.route("/", dataRoutes({ dbs: new Map(dbs.map((db) => [db.id, db])) }).app);
  return app;
}

/** Headers of a request made by a non-admin user under authorization. */
export const asUser = (id: string) => ({ "x-test-caller": `user:${id}` });
/** Headers of a request made by an admin under authorization. */
export const asAdmin = (id = "root") => ({ "x-test-caller": `admin:${id}` });

/** The answer of a request: status and parsed JSON body (null when empty). */
export interface TestResponse {
  status: number;
  body: any;
}

/** Sends a request (a JSON body when `json` is given) and reads the answer. */
export async function send(
  app: Hono<AppEnv>,
  method: string,
  path: string,
  options: { json?: unknown; body?: string; headers?: Record<string, string> } = {},
): Promise<TestResponse> {
  const init: RequestInit = { method, headers: { ...(options.headers ?? {}) } };
  if (options.json !== undefined) {
    init.body = JSON.stringify(options.json);
    (init.headers as Record<string, string>)["content-type"] = "application/json";
  } else if (options.body !== undefined) {
    init.body = options.body;
    (init.headers as Record<string, string>)["content-type"] = "application/json";
  }
  const res = await app.request(path, init);
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** A stored agent run with a user message, an answer and a tool call. */
export function agentRun(
  runId: string,
  input: string,
  answer: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    run_id: runId,
    agent_id: "support",
    content: answer,
    content_type: "str",
    status: "COMPLETED",
    created_at: 1_700_000_100,
    input: { input_content: input },
    messages: [
      { role: "user", content: input, created_at: 1_700_000_100 },
      { role: "assistant", content: answer, created_at: 1_700_000_101 },
    ],
    metrics: { input_tokens: 3, output_tokens: 4, total_tokens: 7 },
    tools: [{ tool_call_id: "call-1", tool_name: "lookup", tool_args: {}, result: "ok" }],
    ...extra,
  };
}

/** Stores a session row directly. */
export async function seedSession(
  db: BaseDb,
  fields: Partial<SessionRecord> & { session_id: string; session_type?: SessionType },
): Promise<SessionRecord> {
  const saved = await db.upsertSession({
    session_type: "agent",
    created_at: 1_700_000_000,
    ...fields,
  } as SessionRecord);
  if (!saved) throw new Error(`could not seed session ${fields.session_id}`);
  return saved;
}
