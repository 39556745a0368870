import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { servedOn, sqliteUnderTest } from "../hardening/harness.js";
import { form } from "../test-helpers.js";

describe("POST /{agents,teams}/{id}/sessions/{session_id}/fork", () => {
  const served = servedOn(sqliteUnderTest());

  it("copies the caller's session into a new one, as the reference answers", async () => {
    const s = served()!;
    for (const path of ["agents/echo", "teams/slow-team"]) {
      const sessionId = `ann-${randomUUID()}`;
      const run = await s.call(`/${path}/runs`, {
        method: "POST",
        body: form({ message: "hello", stream: "false", session_id: sessionId }),
        as: "ann",
      });
      expect(run.status).toBe(200);
      const res = await s.call(`/${path}/sessions/${sessionId}/fork`, {
        method: "POST",
        as: "ann",
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { session_id: string; forked_from_session_id: string };
      expect(Object.keys(body)).toEqual(["session_id", "forked_from_session_id"]);
      expect(body.forked_from_session_id).toBe(sessionId);
      const type = path.startsWith("teams") ? "team" : "agent";
      const copy = await s.call(`/sessions/${body.session_id}?type=${type}`, { as: "ann" });
      expect(copy.status).toBe(200);
      const runs = await s.call(`/sessions/${body.session_id}/runs?type=${type}`, { as: "ann" });
      expect(((await runs.json()) as unknown[]).length).toBeGreaterThan(0);
    }
  });

  it("answers another user's session like a missing one (400), and an unknown agent 404", async () => {
    const s = served()!;
    const sessionId = `ann-${randomUUID()}`;
    await s.call("/agents/echo/runs", {
      method: "POST",
      body: form({ message: "secret", stream: "false", session_id: sessionId }),
      as: "ann",
    });
    for (const id of [sessionId, randomUUID()]) {
      const res = await s.call(`/agents/echo/sessions/${id}/fork`, { method: "POST", as: "bob" });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ detail: `Session "${id}" has no runs to fork.` });
    }
    const unknown = await s.call(`/agents/nope/sessions/${sessionId}/fork`, {
      method: "POST",
      as: "ann",
    });
    expect(unknown.status).toBe(404);
  });
});
