import { Agent, TestModel } from "@agno/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AgentOS } from "./agent-os.js";
import { DEFAULT_CORS_ORIGINS, envCorsOrigins } from "./cors.js";

const agent = () => new Agent({ id: "helper", model: new TestModel() });

function preflight(os: AgentOS, origin: string) {
  return os.getApp().request("/agents/helper/runs", {
    method: "OPTIONS",
    headers: {
      origin,
      "access-control-request-method": "POST",
      "access-control-request-headers": "content-type,authorization",
    },
  });
}

describe("CORS origins", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("allows the reference's default origins", async () => {
    expect([...DEFAULT_CORS_ORIGINS]).toEqual([
      "http://localhost:3000",
      "http://localhost:8000",
      "http://127.0.0.1:8000",
      "https://agno.com",
      "https://www.agno.com",
      "https://app.agno.com",
      "https://os-stg.agno.com",
      "https://os.agno.com",
    ]);
    const os = new AgentOS({ agents: [agent()] });
    for (const origin of DEFAULT_CORS_ORIGINS) {
      const res = await preflight(os, origin);
      expect(res.status, origin).toBeLessThan(300);
      expect(res.headers.get("access-control-allow-origin")).toBe(origin);
      expect(res.headers.get("access-control-allow-credentials")).toBe("true");
      expect(res.headers.get("access-control-allow-methods")).toBe(
        "DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT",
      );
      expect(res.headers.get("access-control-allow-headers")).toBe("content-type,authorization");
      expect(res.headers.get("access-control-max-age")).toBe("600");
    }
    const other = await preflight(os, "http://127.0.0.1:3001");
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("reads CORS_ORIGIN_LIST when corsAllowedOrigins is not given", async () => {
    vi.stubEnv("CORS_ORIGIN_LIST", '["https://from-env.app", "*"]');
    const os = new AgentOS({ agents: [agent()] });
    const res = await preflight(os, "https://from-env.app");
    expect(res.headers.get("access-control-allow-origin")).toBe("https://from-env.app");
    expect(
      (await preflight(os, "https://evil.example")).headers.get("access-control-allow-origin"),
    ).toBeNull();
    expect(
      (await preflight(os, "http://localhost:8000")).headers.get("access-control-allow-origin"),
    ).toBe("http://localhost:8000");
  });

  it("prefers corsAllowedOrigins over CORS_ORIGIN_LIST", async () => {
    vi.stubEnv("CORS_ORIGIN_LIST", '["https://from-env.app"]');
    const os = new AgentOS({ agents: [agent()], corsAllowedOrigins: ["https://given.app"] });
    expect(
      (await preflight(os, "https://given.app")).headers.get("access-control-allow-origin"),
    ).toBe("https://given.app");
    expect(
      (await preflight(os, "https://from-env.app")).headers.get("access-control-allow-origin"),
    ).toBeNull();
  });

  it("parses CORS_ORIGIN_LIST as a JSON array or a comma-separated list", () => {
    expect(envCorsOrigins({ CORS_ORIGIN_LIST: '["https://a.app","https://b.app"]' })).toEqual([
      "https://a.app",
      "https://b.app",
    ]);
    expect(envCorsOrigins({ CORS_ORIGIN_LIST: "https://a.app, https://b.app" })).toEqual([
      "https://a.app",
      "https://b.app",
    ]);
    expect(envCorsOrigins({})).toEqual([]);
  });
});
