import { randomUUID } from "node:crypto";
import { Agent, InMemoryDb, StorageError, TestModel } from "@agno/core";
import { describe, expect, it } from "vitest";
import { AgentOS } from "../agent-os.js";
import { form } from "../test-helpers.js";
import {
  type DbUnderTest,
  postgresUnderTest,
  type Served,
  servedOn,
  sqliteUnderTest,
  sseReader,
} from "./harness.js";

const KINDS = [
  {
    path: "agents/slow",
    started: "RunStarted",
    completed: "RunCompleted",
    cancelled: "RunCancelled",
  },
  {
    path: "teams/slow-team",
    started: "TeamRunStarted",
    completed: "TeamRunCompleted",
    cancelled: "TeamRunCancelled",
  },
  {
    path: "workflows/slow-flow",
    started: "WorkflowStarted",
    completed: "WorkflowCompleted",
    cancelled: "WorkflowCancelled",
  },
] as const;

function hardeningSuite(target: DbUnderTest) {
  describe(`hardening on ${target.name}`, () => {
    const served = servedOn(target);
    let s: Served;

    /** Starts `user`'s streamed run and returns its run id with the open stream. */
    const startRun = async (kind: (typeof KINDS)[number], user: string, sessionId: string) => {
      const res = await s.call(`/${kind.path}/runs`, {
        method: "POST",
        body: form({ message: "take your time", session_id: sessionId }),
        as: user,
      });
      expect(res.status).toBe(200);
      const events = sseReader(res);
      const first = await events.next();
      expect(first?.event).toBe(kind.started);
      return { runId: first!.run_id as string, events };
    };

    for (const kind of KINDS) {
      it(`defect 2: another user cannot cancel a ${kind.path.split("/")[0]} run (404 like an unknown run)`, async (ctx) => {
        if (!served()) return ctx.skip();
        s = served()!;
        // Bob owns a session of his own.
        const bobSession = `bob-${randomUUID()}`;
        const own = await s.call(`/${kind.path}/runs`, {
          method: "POST",
          body: form({ message: "hi", session_id: bobSession, stream: "false" }),
          as: "bob",
        });
        expect(own.status).toBe(200);

        const alice = await startRun(kind, "alice", `alice-${randomUUID()}`);
        for (const sessionId of [bobSession, randomUUID()]) {
          const res = await s.call(
            `/${kind.path}/runs/${alice.runId}/cancel?session_id=${sessionId}`,
            {
              method: "POST",
              as: "bob",
            },
          );
          expect(res.status).toBe(404);
          expect(await res.json()).toEqual({ detail: "Run not found" });
        }
        const unknown = await s.call(
          `/${kind.path}/runs/${randomUUID()}/cancel?session_id=${bobSession}`,
          {
            method: "POST",
            as: "bob",
          },
        );
        expect(unknown.status).toBe(404);
        expect(await unknown.json()).toEqual({ detail: "Run not found" });
        // Alice's run was not touched.
        const rest = await alice.events.rest();
        expect(rest.at(-1)?.event).toBe(kind.completed);
      });

      it(`the owner cancels her own ${kind.path.split("/")[0]} run`, async (ctx) => {
        if (!served()) return ctx.skip();
        s = served()!;
        const sessionId = `alice-${randomUUID()}`;
        const alice = await startRun(kind, "alice", sessionId);
        const res = await s.call(
          `/${kind.path}/runs/${alice.runId}/cancel?session_id=${sessionId}`,
          {
            method: "POST",
            as: "alice",
          },
        );
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({});
        const rest = await alice.events.rest();
        expect(rest.map((e) => e.event)).toContain(kind.cancelled);
      });
    }

    it("continue acts only on the caller's own paused run", async (ctx) => {
      if (!served()) return ctx.skip();
      s = served()!;
      const sessionId = `dana-${randomUUID()}`;
      const paused = (await (
        await s.call("/agents/guarded/runs", {
          method: "POST",
          body: form({ message: "Delete", stream: "false", session_id: sessionId }),
          as: "dana",
        })
      ).json()) as { run_id: string; status: string; tools: Array<Record<string, unknown>> };
      expect(paused.status).toBe("PAUSED");
      const tools = JSON.stringify(paused.tools.map((t) => ({ ...t, confirmed: true })));
      const bobSession = `bob-${randomUUID()}`;
      await s.call("/agents/slow/runs", {
        method: "POST",
        body: form({ message: "hi", stream: "false", session_id: bobSession }),
        as: "bob",
      });
      for (const sid of [sessionId, bobSession]) {
        const theirs = await s.call(`/agents/guarded/runs/${paused.run_id}/continue`, {
          method: "POST",
          body: form({ tools, session_id: sid, stream: "false" }),
          as: "bob",
        });
        expect(theirs.status).toBe(404);
        expect(await theirs.json()).toEqual({ detail: "Run not found" });
      }
      const mine = await s.call(`/agents/guarded/runs/${paused.run_id}/continue`, {
        method: "POST",
        body: form({ tools, session_id: sessionId, stream: "false" }),
        as: "dana",
      });
      expect(mine.status).toBe(200);
      expect(((await mine.json()) as { status: string }).status).toBe("COMPLETED");
    });

    it("defect 5: a workflow run on another user's session answers 403, like agents and teams", async (ctx) => {
      if (!served()) return ctx.skip();
      s = served()!;
      const sessionId = `carol-${randomUUID()}`;
      for (const path of ["agents/slow", "teams/slow-team", "workflows/slow-flow"]) {
        const mine = await s.call(`/${path}/runs`, {
          method: "POST",
          body: form({
            message: "hi",
            session_id: `${sessionId}-${path.split("/")[0]}`,
            stream: "false",
          }),
          as: "carol",
        });
        expect(mine.status).toBe(200);
        const theirs = await s.call(`/${path}/runs`, {
          method: "POST",
          body: form({
            message: "hi",
            session_id: `${sessionId}-${path.split("/")[0]}`,
            stream: "false",
          }),
          as: "mallory",
        });
        expect(theirs.status).toBe(403);
        const { detail } = (await theirs.json()) as { detail: string };
        expect(detail).not.toMatch(/Internal/);
      }
    });

    it("defect 5: limit and page of 1e20, 0 or text answer 422 naming the parameter", async (ctx) => {
      if (!served()) return ctx.skip();
      s = served()!;
      for (const route of ["/sessions", "/memories"]) {
        for (const query of [
          "limit=100000000000000000000",
          "page=100000000000000000000",
          "limit=1e20",
          "limit=0",
          "page=0",
          "limit=-5",
          "limit=abc",
          "sort_by=password",
        ]) {
          const res = await s.call(`${route}?${query}`, { as: "alice" });
          expect(res.status, `${route}?${query}`).toBe(422);
          const { detail } = (await res.json()) as { detail: Array<{ loc: string[] }> };
          expect(detail[0]!.loc).toEqual(["query", query.split("=")[0]]);
        }
        expect(
          (await s.call(`${route}?limit=1000&page=3&sort_by=created_at`, { as: "alice" })).status,
        ).toBe(200);
      }
    });

    it("defect 5: 5,000-deep JSON in session_state or metadata answers 422, and the server stays up", async (ctx) => {
      if (!served()) return ctx.skip();
      s = served()!;
      const deep = `${'{"a":'.repeat(5000)}1${"}".repeat(5000)}`;
      for (const field of ["session_state", "metadata", "dependencies", "factory_input"]) {
        const res = await s.call("/agents/slow/runs", {
          method: "POST",
          body: form({ message: "hi", stream: "false", [field]: deep }),
          as: "alice",
        });
        expect(res.status, field).toBe(422);
        expect(((await res.json()) as { detail: string }).detail).toContain(`"${field}"`);
      }
      const sessionId = `deep-${randomUUID()}`;
      await s.call("/agents/slow/runs", {
        method: "POST",
        body: form({ message: "hi", stream: "false", session_id: sessionId }),
        as: "alice",
      });
      const patch = await s.call(`/sessions/${sessionId}?type=agent`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: `{"session_state":${deep}}`,
        as: "alice",
      });
      expect(patch.status).toBe(422);
      expect((await s.call("/health")).status).toBe(200);
    });

    it("ids outside the safe set answer 400, in the path, the query and the form", async (ctx) => {
      if (!served()) return ctx.skip();
      s = served()!;
      const bad = ["a\u0000b", "a b", "../etc", "x".repeat(300), "quote'd", "é"];
      for (const id of bad) {
        const enc = encodeURIComponent(id);
        const inForm = await s.call("/agents/slow/runs", {
          method: "POST",
          body: form({ message: "hi", stream: "false", session_id: id }),
          as: "alice",
        });
        expect(inForm.status, JSON.stringify(id)).toBe(400);
        expect(((await inForm.json()) as { detail: string }).detail).toMatch(/Invalid session_id/);
        expect((await s.call(`/sessions/${enc}?type=agent`, { as: "alice" })).status).toBe(400);
        expect((await s.call(`/sessions?user_id=${enc}`, { as: "alice" })).status).toBe(400);
        expect((await s.call(`/memories/${enc}`, { as: "alice" })).status).toBe(400);
        expect(
          (await s.call(`/agents/slow/runs/${enc}?session_id=s1`, { as: "alice" })).status,
        ).toBe(400);
      }
      // Usual ids pass: UUIDs, slugs, e-mail addresses, identity-provider subjects.
      for (const id of [randomUUID(), "my-session_1", "ann@example.com", "auth0|1234"]) {
        const res = await s.call("/agents/slow/runs", {
          method: "POST",
          body: form({ message: "hi", stream: "false", session_id: id }),
          as: "alice",
        });
        expect(res.status, id).toBe(200);
      }
    });
  });
}

hardeningSuite(sqliteUnderTest());
hardeningSuite(postgresUnderTest());

describe("defect 4: storage internals in answers", () => {
  class BrokenDb extends InMemoryDb {
    override async getSessions(): Promise<never> {
      throw new StorageError(
        'getSessions on table "agno_sessions" failed: SQLITE_MISMATCH: datatype mismatch',
        {
          table: "agno_sessions",
          operation: "getSessions",
        },
      );
    }
  }
  const os = new AgentOS({
    db: new BrokenDb({ id: "broken" }),
    agents: [new Agent({ id: "a", model: new TestModel() })],
  });

  it("answers a generic 500 with a request id; the log has the whole error under that id", async () => {
    const res = await os.getApp().request("/sessions");
    expect(res.status).toBe(500);
    const body = (await res.json()) as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual(["detail", "request_id"]);
    expect(body.detail).toBe("Internal server error");
    expect(res.headers.get("x-request-id")).toBe(body.request_id);
    expect(JSON.stringify(body)).not.toMatch(/agno_sessions|SQLITE|getSessions/);
  });

  it("keeps a caller's well-formed X-Request-ID and replaces a hostile one", async () => {
    const kept = await os.getApp().request("/sessions", { headers: { "x-request-id": "req-42" } });
    expect(((await kept.json()) as { request_id: string }).request_id).toBe("req-42");
    const replaced = await os
      .getApp()
      .request("/sessions", { headers: { "x-request-id": 'a b"<>' } });
    const id = ((await replaced.json()) as { request_id: string }).request_id;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("leaves 4xx answers as precise as before", async () => {
    const res = await os.getApp().request("/sessions?type=nope");
    expect(res.status).toBe(422);
    expect(JSON.stringify(await res.json())).toContain("'agent', 'team' or 'workflow'");
  });
});
