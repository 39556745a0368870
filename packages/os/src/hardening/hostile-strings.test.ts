import { randomUUID } from "node:crypto";
import { HOSTILE_STRINGS, hostileSeed, hostileStrings, shown } from "@agno/test-utils";
import { describe, expect, it } from "vitest";
import {
  type DbUnderTest,
  postgresUnderTest,
  type Served,
  servedOn,
  sqliteUnderTest,
} from "./harness.js";

const json = (value: unknown): RequestInit => ({
  headers: { "content-type": "application/json" },
  body: JSON.stringify(value),
});

/** The strings sent through every text field: the fixed list, random ones, a 10k-character one. */
function samples(): string[] {
  const random = hostileStrings(hostileSeed());
  return [
    ...HOSTILE_STRINGS,
    ...Array.from({ length: 12 }, () => random.next(60)),
    random.string(10_000),
  ];
}

function hostileSuite(target: DbUnderTest) {
  describe(`defect 3 (NUL and other hostile strings): every text field round-trips through AgentOS on ${target.name} (seed ${hostileSeed()})`, () => {
    const served = servedOn(target);
    let s: Served;

    it("a run's message, metadata and session_state come back exactly", async (ctx) => {
      if (!served()) return ctx.skip();
      s = served()!;
      for (const text of samples()) {
        const sessionId = randomUUID();
        const res = await s.call("/agents/echo/runs", {
          method: "POST",
          ...json({
            message: text,
            stream: false,
            session_id: sessionId,
            metadata: { note: text, [text]: "key" },
            session_state: { [text]: text },
          }),
          as: "una",
        });
        expect(res.status, shown(text)).toBe(200);
        const out = (await res.json()) as { run_id: string; status: string };
        expect(out.status, shown(text)).toBe("COMPLETED");
        const run = (await (
          await s.call(`/agents/echo/runs/${out.run_id}?session_id=${sessionId}`, { as: "una" })
        ).json()) as { input: { input_content: unknown }; metadata: unknown };
        expect(run.input.input_content === text, shown(text)).toBe(true);
        expect(run.metadata, shown(text)).toEqual({ note: text, [text]: "key" });
        const session = (await (
          await s.call(`/sessions/${sessionId}?type=agent`, { as: "una" })
        ).json()) as {
          session_state: Record<string, unknown>;
        };
        expect(session.session_state[text] === text, shown(text)).toBe(true);
      }
    });

    it("a memory's text and topics come back exactly, or the route's own 4xx", async (ctx) => {
      if (!served()) return ctx.skip();
      s = served()!;
      for (const text of samples()) {
        const res = await s.call("/memories", {
          method: "POST",
          ...json({ memory: text, topics: [text, "t"] }),
          as: "una",
        });
        if (text.length > 5000) {
          // Memories are at most 5,000 characters: a clear 422, nothing stored.
          expect(res.status).toBe(422);
          continue;
        }
        expect(res.status, shown(text)).toBe(200);
        const { memory_id } = (await res.json()) as { memory_id: string };
        const read = (await (await s.call(`/memories/${memory_id}`, { as: "una" })).json()) as {
          memory: string;
          topics: string[];
        };
        expect(read.memory === text, shown(text)).toBe(true);
        expect(read.topics, shown(text)).toEqual([text, "t"]);
      }
    });

    it("a memory search by a substring with NUL finds it", async (ctx) => {
      if (!served()) return ctx.skip();
      s = served()!;
      const marker = `needle\u0000${randomUUID()}\u202e`;
      const res = await s.call("/memories", {
        method: "POST",
        ...json({ memory: `has ${marker} inside` }),
        as: "una",
      });
      expect(res.status).toBe(200);
      const found = (await (
        await s.call(`/memories?search_content=${encodeURIComponent(marker)}`, { as: "una" })
      ).json()) as { data: Array<{ memory: string }> };
      expect(found.data.map((m) => m.memory)).toEqual([`has ${marker} inside`]);
    });

    it("a session's name, state and metadata come back exactly after rename and PATCH", async (ctx) => {
      if (!served()) return ctx.skip();
      s = served()!;
      const sessionId = randomUUID();
      expect(
        (
          await s.call("/agents/echo/runs", {
            method: "POST",
            ...json({ message: "hi", stream: false, session_id: sessionId }),
            as: "una",
          })
        ).status,
      ).toBe(200);
      for (const text of samples()) {
        const renamed = await s.call(`/sessions/${sessionId}/rename?type=agent`, {
          method: "POST",
          ...json({ session_name: text }),
          as: "una",
        });
        expect(renamed.status, shown(text)).toBe(200);
        const patched = await s.call(`/sessions/${sessionId}?type=agent`, {
          method: "PATCH",
          ...json({ session_state: { [text]: [text] }, metadata: { m: text } }),
          as: "una",
        });
        expect(patched.status, shown(text)).toBe(200);
        const read = (await (
          await s.call(`/sessions/${sessionId}?type=agent`, { as: "una" })
        ).json()) as {
          session_name: string;
          session_state: Record<string, unknown>;
          metadata: Record<string, unknown>;
        };
        expect(read.session_name === text, shown(text)).toBe(true);
        expect(read.session_state[text], shown(text)).toEqual([text]);
        expect(read.metadata.m === text, shown(text)).toBe(true);
      }
    });
  });
}

hostileSuite(sqliteUnderTest());
hostileSuite(postgresUnderTest());
