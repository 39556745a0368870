import { Agent, TestModel } from "@agno/core";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { AgentOS } from "./agent-os.js";

const agent = new Agent({ id: "helper", model: new TestModel() });

/** A base app with its own error handler, a route AgentOS also has, and one of its own. */
function base(): Hono {
  const b = new Hono();
  b.onError((error, c) => c.json({ base_error: error.message }, 418));
  b.get("/health", (c) => c.json({ mine: true }));
  b.get("/boom", () => {
    throw new Error("base failure");
  });
  return b;
}

describe("a base app", () => {
  it("keeps its own error handler, whichever routes are kept", async () => {
    for (const onRouteConflict of ["preserve_agentos", "preserve_base_app"] as const) {
      const app = new AgentOS({ agents: [agent], baseApp: base(), onRouteConflict }).getApp();
      const res = await app.request("/boom");
      expect(res.status, onRouteConflict).toBe(418);
      expect(await res.json()).toEqual({ base_error: "base failure" });
    }
    const plain = new Hono();
    plain.onError((error, c) => c.json({ base_error: error.message }, 418));
    plain.get("/boom", () => {
      throw new Error("no conflict");
    });
    const res = await new AgentOS({ baseApp: plain }).getApp().request("/boom");
    expect(await res.json()).toEqual({ base_error: "no conflict" });
  });

  it("lists a route both define once, as the one that answers", async () => {
    for (const [onRouteConflict, mine] of [
      ["preserve_agentos", false],
      ["preserve_base_app", true],
    ] as const) {
      const os = new AgentOS({ agents: [agent], baseApp: base(), onRouteConflict });
      const health = os.getRoutes().filter((r) => r.method === "GET" && r.path === "/health");
      expect(health, onRouteConflict).toHaveLength(1);
      const body = (await (await os.getApp().request("/health")).json()) as { mine?: boolean };
      expect(body.mine === true, onRouteConflict).toBe(mine);
    }
  });

  it("runs before middleware added through getApp(), as its routes are mounted first", async () => {
    const os = new AgentOS({ agents: [agent], baseApp: base() });
    os.getApp().use("*", async (c, next) => {
      await next();
      c.header("x-later", "yes");
    });
    expect((await os.getApp().request("/agents")).headers.get("x-later")).toBe("yes");
    expect((await os.getApp().request("/boom")).headers.get("x-later")).toBeNull();
  });
});

describe("AgentOS's own routes", () => {
  it("check id path parameters on every group, the 501 routes included", async () => {
    const app = new AgentOS({ agents: [agent] }).getApp();
    for (const path of ["/agents/a%20b", "/sessions/a%20b", "/approvals/a%20b"]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { detail: string }).detail).toMatch(/^Invalid /);
    }
    expect((await app.request("/approvals/a%20b/anything/else")).status).toBe(501);
  });

  it("answer every group's failures through the one error handler", async () => {
    const app = new AgentOS({ agents: [agent] }).getApp();
    const res = await app.request("/sessions?db_id=nope");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ detail: "No database found with id 'nope'" });
    const unavailable = await app.request("/learnings");
    expect(await unavailable.json()).toEqual({
      detail: "Learnings is not available yet in this AgentOS",
    });
  });
});
