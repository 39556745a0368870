// Helpers shared by this package's tests (not part of the public API).
import type { MiddlewareHandler } from "hono";
import { expect } from "vitest";
import type { AgentOS } from "./agent-os.js";
import type { AppEnv, AuthVariables } from "./env.js";
import type { AgentOSServer } from "./options.js";

/** One parsed SSE frame. */
export interface SseFrame {
  event: string;
  data: Record<string, unknown>;
}

/**
 * Parses an SSE body, asserting the reference framing: frames `event: <name>\ndata: <json>\n\n`,
 * one data line, compact JSON whose `event` equals the frame's name, no ids, no `[DONE]`.
 */
export function parseSse(body: string): SseFrame[] {
  expect(body.endsWith("\n\n")).toBe(true);
  const frames = body.slice(0, -2).split("\n\n");
  return frames.map((frame) => {
    const lines = frame.split("\n");
    expect(lines).toHaveLength(2);
    const [eventLine, dataLine] = lines as [string, string];
    expect(eventLine).toMatch(/^event: \S+$/);
    expect(dataLine.startsWith("data: ")).toBe(true);
    const json = dataLine.slice("data: ".length);
    const data = JSON.parse(json) as Record<string, unknown>;
    expect(JSON.stringify(data)).toBe(json);
    const event = eventLine.slice("event: ".length);
    expect(data.event).toBe(event);
    return { event, data };
  });
}

/** A multipart body from fields (strings, or files). */
export function form(fields: Record<string, string | Blob | Array<string | Blob>>): FormData {
  const fd = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v === "string") fd.append(name, v);
      else fd.append(name, v, (v as File).name ?? "blob");
    }
  }
  return fd;
}

/** Starts the app on 127.0.0.1 on a free port. */
export async function serveOnLoopback(os: AgentOS): Promise<AgentOSServer> {
  return os.serve({ port: 0, host: "127.0.0.1", handleSignals: false });
}

/** A middleware standing in for verified auth middleware: sets the given request variables. */
export function fakeAuth(
  vars:
    | AuthVariables
    | ((c: { req: { header(name: string): string | undefined } }) => AuthVariables),
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const values = typeof vars === "function" ? vars(c) : vars;
    for (const [key, value] of Object.entries(values)) {
      if (value !== undefined) c.set(key as keyof AuthVariables, value as never);
    }
    await next();
  };
}

/** Polls `check` until it returns a value (or fails after `timeoutMs`). */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 5000,
): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}
