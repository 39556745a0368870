import { Agent, TestModel } from "@agno/core";
import { exportSPKI, generateKeyPair } from "jose";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AgentOS } from "./agent-os.js";

const agent = () => new Agent({ id: "helper", model: new TestModel() });

async function call(os: AgentOS, path: string, init: RequestInit = {}) {
  const res = await os.getApp().request(path, init);
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, res };
}

describe("AgentOS security-key mode (OS_SECURITY_KEY)", () => {
  afterEach(() => vi.unstubAllEnvs());

  const os = new AgentOS({ id: "key-os", agents: [agent()], securityKey: "s3cret-key" });

  it("reports auth_mode security_key on the public /info", async () => {
    const info = await call(os, "/info");
    expect(info.status).toBe(200);
    expect(info.body.auth_mode).toBe("security_key");
    expect(os.authMode).toBe("security_key");
  });

  it("keeps /, /health, /info and the docs public", async () => {
    for (const path of ["/", "/health", "/info", "/openapi.json", "/docs"]) {
      expect((await os.getApp().request(path)).status, path).toBe(200);
    }
  });

  it("answers 401 Authorization header required without a header", async () => {
    const got = await call(os, "/agents");
    expect(got.status).toBe(401);
    expect(got.body).toEqual({ detail: "Authorization header required" });
  });

  it("answers 401 Invalid authentication token for another key", async () => {
    for (const value of ["Bearer wrong", "Bearer s3cret-key-longer", "s3cret"]) {
      const got = await call(os, "/agents", { headers: { authorization: value } });
      expect(got.status, value).toBe(401);
      expect(got.body).toEqual({ detail: "Invalid authentication token" });
    }
  });

  it("serves the key given as a bearer token or bare", async () => {
    for (const value of ["Bearer s3cret-key", "bearer s3cret-key", "s3cret-key"]) {
      const res = await os.getApp().request("/agents", { headers: { authorization: value } });
      expect(res.status, value).toBe(200);
    }
  });

  it("lets CORS preflight through", async () => {
    const res = await os.getApp().request("/agents", {
      method: "OPTIONS",
      headers: { origin: "http://localhost:3000", "access-control-request-method": "GET" },
    });
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
  });

  it("reads OS_SECURITY_KEY from the environment", async () => {
    vi.stubEnv("OS_SECURITY_KEY", "from-env");
    const fromEnv = new AgentOS({ agents: [agent()] });
    expect((await call(fromEnv, "/info")).body.auth_mode).toBe("security_key");
    expect((await call(fromEnv, "/agents")).status).toBe(401);
    const ok = await fromEnv
      .getApp()
      .request("/agents", { headers: { authorization: "Bearer from-env" } });
    expect(ok.status).toBe(200);
  });

  it("gives JWT precedence over the key", async () => {
    const jwtOs = new AgentOS({
      agents: [agent()],
      securityKey: "s3cret-key",
      authorization: true,
      authorizationConfig: {
        verificationKeys: ["a-test-secret-of-at-least-32-bytes!!"],
        algorithm: "HS256",
      },
    });
    expect((await call(jwtOs, "/info")).body.auth_mode).toBe("jwt");
    const got = await call(jwtOs, "/agents", { headers: { authorization: "Bearer s3cret-key" } });
    expect(got.status).toBe(401);
    expect(got.body.detail).not.toBe("Invalid authentication token");
  });

  it("gives JWT_VERIFICATION_KEY precedence over OS_SECURITY_KEY", async () => {
    vi.stubEnv("OS_SECURITY_KEY", "from-env");
    const { publicKey } = await generateKeyPair("RS256");
    vi.stubEnv("JWT_VERIFICATION_KEY", await exportSPKI(publicKey));
    const jwtOs = new AgentOS({ agents: [agent()] });
    expect((await call(jwtOs, "/info")).body.auth_mode).toBe("jwt");
    const got = await call(jwtOs, "/agents");
    expect(got.body).toEqual({ detail: "Authorization header missing" });
  });

  it("is off with neither", async () => {
    const open = new AgentOS({ agents: [agent()] });
    expect((await call(open, "/info")).body.auth_mode).toBe("none");
    expect((await call(open, "/agents")).status).toBe(200);
  });
});
