import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { form } from "../test-helpers.js";
import { type Served, servedOn, sqliteUnderTest, sseReader } from "./harness.js";

const KINDS = [
  { path: "agents/slow", completed: "RunCompleted" },
  { path: "teams/slow-team", completed: "TeamRunCompleted" },
  { path: "workflows/slow-flow", completed: "WorkflowCompleted" },
] as const;

type Event = Record<string, unknown>;

describe("resumable streams over a real socket", () => {
  const served = servedOn(sqliteUnderTest());
  let s: Served;

  /** Starts alice's background streamed run; reads `count` events, then drops the connection. */
  const startAndDrop = async (path: string, sessionId: string, count: number) => {
    const controller = new AbortController();
    const res = await s.call(`/${path}/runs`, {
      method: "POST",
      body: form({ message: "take your time", session_id: sessionId, background: "true" }),
      as: "alice",
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    const reader = sseReader(res);
    const seen: Event[] = [];
    for (let i = 0; i < count; i++) seen.push((await reader.next())!);
    controller.abort();
    return { runId: seen[0]!.run_id as string, seen };
  };

  const resume = (path: string, runId: string, fields: Record<string, string>, as = "alice") =>
    s.call(`/${path}/runs/${runId}/resume`, { method: "POST", body: form(fields), as });

  const completedStream = async (path: string, runId: string, sessionId: string) => {
    const res = await resume(path, runId, { session_id: sessionId });
    return sseReader(res).rest();
  };

  for (const kind of KINDS) {
    const label = kind.path.split("/")[0];

    it(`${label}: a dropped live run resumes from last_event_index, each event once`, async (ctx) => {
      if (!served()) return ctx.skip();
      s = served()!;
      const sessionId = `alice-${randomUUID()}`;
      const { runId, seen } = await startAndDrop(kind.path, sessionId, 2);
      expect(seen.map((e) => e.event_index)).toEqual([0, 1]);
      const res = await resume(kind.path, runId, {
        session_id: sessionId,
        last_event_index: "1",
      });
      expect(res.status).toBe(200);
      const frames = await sseReader(res).rest();
      const meta = frames.filter((f) => f.event_index === undefined).map((f) => f.event);
      expect(["catch_up", "replay"]).toContain(meta[0]);
      const events = frames.filter((f) => f.event_index !== undefined);
      const all = [...seen, ...events];
      expect(all.map((e) => e.event_index)).toEqual(all.map((_, i) => i));
      expect(all.at(-1)?.event).toBe(kind.completed);
      expect(all.at(-1)?.run_id).toBe(runId);

      // The whole run, replayed once finished, is the same sequence.
      const replayed = await completedStream(kind.path, runId, sessionId);
      expect(replayed[0]).toMatchObject({ event: "replay", run_id: runId, status: "COMPLETED" });
      const again = replayed.slice(1);
      expect(again.map((e) => e.event_index)).toEqual(all.map((e) => e.event_index));
      expect(again.map((e) => e.event)).toEqual(all.map((e) => e.event));
    });

    it(`${label}: a finished run replays after last_event_index`, async (ctx) => {
      if (!served()) return ctx.skip();
      s = served()!;
      const sessionId = `alice-${randomUUID()}`;
      const res = await s.call(`/${kind.path}/runs`, {
        method: "POST",
        body: form({ message: "go", session_id: sessionId, background: "true" }),
        as: "alice",
      });
      const full = await sseReader(res).rest();
      const runId = full[0]!.run_id as string;
      const frames = await sseReader(
        await resume(kind.path, runId, { session_id: sessionId, last_event_index: "2" }),
      ).rest();
      expect(frames[0]).toMatchObject({
        event: "replay",
        status: "COMPLETED",
        total_events: full.length,
        last_event_index_requested: 2,
      });
      expect(frames.slice(1)).toEqual(full.slice(3));
    });

    it(`${label}: another user's resume answers 404 like an unknown run`, async (ctx) => {
      if (!served()) return ctx.skip();
      s = served()!;
      const sessionId = `alice-${randomUUID()}`;
      const { runId } = await startAndDrop(kind.path, sessionId, 1);
      const theirs = await resume(kind.path, runId, { session_id: sessionId }, "bob");
      expect(theirs.status).toBe(404);
      expect(await theirs.json()).toEqual({ detail: "Run not found" });
      const bobSession = `bob-${randomUUID()}`;
      const own = await resume(kind.path, runId, { session_id: bobSession }, "bob");
      expect(own.status).toBe(404);
      const unknown = await resume(kind.path, randomUUID(), { session_id: sessionId }, "bob");
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toEqual({ detail: "Run not found" });
      const missing = await resume(kind.path, runId, {}, "bob");
      expect(missing.status).toBe(400);
      expect(await missing.json()).toEqual({ detail: "session_id is required for this action" });
      // Alice's own resume still works: the run ends once, with its terminal event.
      const frames = await completedStream(kind.path, runId, sessionId);
      expect(frames.at(-1)?.event).toBe(kind.completed);
    });
  }
});
