import { Agent, TestModel } from "@agno/core";
import { describe, expect, it } from "vitest";
import { AgentOS } from "./agent-os.js";
import { routePathRegExp } from "./http/method-not-allowed.js";

const os = new AgentOS({ agents: [new Agent({ id: "helper", model: new TestModel() })] });
const app = os.getApp();

async function call(path: string, method: string) {
  const res = await app.request(path, { method });
  return { status: res.status, allow: res.headers.get("allow"), body: await res.json() };
}

describe("a known path with another method", () => {
  it("answers 405 Method Not Allowed with the path's methods in Allow", async () => {
    expect(await call("/health", "POST")).toEqual({
      status: 405,
      allow: "GET, HEAD",
      body: { detail: "Method Not Allowed" },
    });
    expect(await call("/agents/helper/runs", "DELETE")).toEqual({
      status: 405,
      allow: "GET, HEAD, POST",
      body: { detail: "Method Not Allowed" },
    });
    expect(await call("/agents/helper/runs/", "PUT")).toMatchObject({
      status: 405,
      allow: "GET, HEAD, POST",
    });
    expect(await call("/agents/helper/runs/r1/cancel", "GET")).toEqual({
      status: 405,
      allow: "POST",
      body: { detail: "Method Not Allowed" },
    });
  });

  it("still answers 404 for unknown paths", async () => {
    expect(await call("/nowhere", "GET")).toEqual({
      status: 404,
      allow: null,
      body: { detail: "Not Found" },
    });
    expect(await call("/agents/helper/runs/r1/cancel/more", "POST")).toMatchObject({ status: 404 });
  });

  it("covers routes added to the app", async () => {
    const own = new AgentOS({});
    own.getApp().get("/custom/:id", (c) => c.json({ ok: true }));
    const res = await own.getApp().request("/custom/x", { method: "POST" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD");
  });

  it("compiles Hono path patterns", () => {
    expect(routePathRegExp("/agents/:agent_id/runs").test("/agents/a.b/runs")).toBe(true);
    expect(routePathRegExp("/agents/:agent_id/runs").test("/agents/a/b/runs")).toBe(false);
    expect(routePathRegExp("/").test("/")).toBe(true);
    expect(routePathRegExp("/files/*").test("/files/a/b")).toBe(true);
    expect(routePathRegExp("/n/:id{[0-9]+}").test("/n/12")).toBe(true);
    expect(routePathRegExp("/n/:id{[0-9]+}").test("/n/x")).toBe(false);
  });
});
