import { Agent, AgentFactory, InMemoryDb, type RequestContext, TestModel } from "@agno/core";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { AgentOS } from "./agent-os.js";
import { jwtMiddleware } from "./auth/index.js";
import { form } from "./test-helpers.js";

// The wiring of `authorization: true` (the JWT middleware itself is tested in src/auth).
const secret = "a-test-secret-of-at-least-32-bytes!!";
const db = new InMemoryDb({ id: "auth-db" });
const contexts: RequestContext[] = [];
const os = new AgentOS({
  id: "secure-os",
  db,
  agents: [
    new Agent({ id: "helper", model: new TestModel() }),
    new AgentFactory({
      id: "tenant-agent",
      db,
      factory: (ctx) => {
        contexts.push(ctx);
        return new Agent({ model: new TestModel() });
      },
    }),
  ],
  authorization: true,
  authorizationConfig: { verificationKeys: [secret], algorithm: "HS256" },
});
const app = os.getApp();

async function token(claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(new TextEncoder().encode(secret));
}

async function call(path: string, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  return app.request(path, { ...init, headers });
}

describe("AgentOS with authorization", () => {
  it("keeps /health and /info public and reports jwt mode", async () => {
    expect((await call("/health")).status).toBe(200);
    expect(((await (await call("/info")).json()) as { auth_mode: string }).auth_mode).toBe("jwt");
  });

  it("requires a token on the other routes", async () => {
    const res = await call("/agents");
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ detail: "Authorization header missing" });
  });

  it("runs for a caller with the run scope, as the token's subject, with claims in ctx.trusted", async () => {
    const jwt = await token({ sub: "alice", scopes: ["agents:run"], plan: "pro" });
    const res = await call("/agents/tenant-agent/runs", {
      method: "POST",
      body: form({ message: "hi", stream: "false", user_id: "mallory" }),
      token: jwt,
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { user_id: string }).user_id).toBe("alice");
    const ctx = contexts.at(-1)!;
    expect(ctx.userId).toBe("alice");
    expect(ctx.trusted.claims.plan).toBe("pro");
    expect(ctx.trusted.scopes.has("agents:run")).toBe(true);
  });

  it("refuses a caller without the scope (403) and filters listings", async () => {
    const reader = await token({ sub: "bob", scopes: ["agents:helper:read"] });
    const run = await call("/agents/helper/runs", {
      method: "POST",
      body: form({ message: "hi", stream: "false" }),
      token: reader,
    });
    expect(run.status).toBe(403);
    const list = await call("/agents", { token: reader });
    expect(list.status).toBe(200);
    expect(((await list.json()) as Array<{ id: string }>).map((a) => a.id)).toEqual(["helper"]);
  });

  it("isolates non-admin users' runs; admins see everything", async () => {
    // GET /agents/* needs the read scope at the middleware, and run access at the route.
    const alice = await token({ sub: "alice", scopes: ["agents:read", "agents:run"] });
    const bob = await token({ sub: "bob", scopes: ["agents:read", "agents:run"] });
    const admin = await token({ sub: "root", scopes: ["agent_os:admin"] });
    const res = await call("/agents/helper/runs", {
      method: "POST",
      body: form({ message: "hi", stream: "false", session_id: "alice-s" }),
      token: alice,
    });
    const { run_id } = (await res.json()) as { run_id: string };
    const path = `/agents/helper/runs/${run_id}?session_id=alice-s`;
    expect((await call(path, { token: alice })).status).toBe(200);
    expect((await call(path, { token: bob })).status).toBe(404);
    expect((await call(path, { token: admin })).status).toBe(200);
  });

  it("keeps two users' sessions apart on the session routes", async () => {
    const scopes = [
      "agents:read",
      "agents:run",
      "sessions:read",
      "sessions:write",
      "sessions:delete",
    ];
    const carol = await token({ sub: "carol", scopes });
    const dave = await token({ sub: "dave", scopes });
    const admin = await token({ sub: "root", scopes: ["agent_os:admin"] });
    const run = await call("/agents/helper/runs", {
      method: "POST",
      body: form({ message: "carol's secret", stream: "false", session_id: "carol-s" }),
      token: carol,
    });
    expect(run.status).toBe(200);
    const ids = async (jwt: string) =>
      (
        (await (await call("/sessions?type=agent", { token: jwt })).json()) as {
          data: Array<{ session_id: string }>;
        }
      ).data.map((s) => s.session_id);
    expect(await ids(carol)).toContain("carol-s");
    expect(await ids(dave)).not.toContain("carol-s");
    expect(await ids(admin)).toContain("carol-s");
    expect((await call("/sessions/carol-s?type=agent", { token: dave })).status).toBe(404);
    expect((await call("/sessions/carol-s?type=agent", { token: carol })).status).toBe(200);
    await call("/sessions/carol-s", { method: "DELETE", token: dave });
    expect((await call("/sessions/carol-s?type=agent", { token: carol })).status).toBe(200);
  });
});

describe("AgentOS authorizationConfig: issuer and clock tolerance", () => {
  const strict = new AgentOS({
    id: "issuer-os",
    agents: [new Agent({ id: "helper", model: new TestModel() })],
    authorization: true,
    authorizationConfig: {
      verificationKeys: [secret],
      algorithm: "HS256",
      issuer: "https://login.example",
      clockTolerance: 0,
    },
  }).getApp();
  const sign = (claims: Record<string, unknown>, exp: string | number = "1h") =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256" })
      .setIssuedAt()
      .setExpirationTime(exp)
      .sign(new TextEncoder().encode(secret));
  const agents = async (jwt: string) =>
    strict.request("/agents", { headers: { authorization: `Bearer ${jwt}` } });

  it("accepts the configured issuer and refuses others", async () => {
    const scopes = ["agents:read"];
    expect(
      (await agents(await sign({ sub: "a", scopes, iss: "https://login.example" }))).status,
    ).toBe(200);
    const other = await agents(await sign({ sub: "a", scopes, iss: "https://other.example" }));
    expect(other.status).toBe(401);
    expect(await other.json()).toEqual({
      detail: "Invalid token: The token's issuer (iss) is not accepted",
    });
  });

  it("uses the configured tolerance for expiry", async () => {
    const justExpired = Math.floor(Date.now() / 1000) - 5;
    const res = await agents(
      await sign({ sub: "a", scopes: ["agents:read"], iss: "https://login.example" }, justExpired),
    );
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ detail: "Token has expired" });
  });
});

describe("AgentOS with JWT_VERIFICATION_KEY in the environment", () => {
  it("verifies tokens, unless the app installs a jwtMiddleware of its own", async () => {
    const previous = process.env.JWT_VERIFICATION_KEY;
    process.env.JWT_VERIFICATION_KEY = secret;
    try {
      const own = new AgentOS({
        agents: [new Agent({ id: "helper", model: new TestModel() })],
        middleware: [jwtMiddleware({ verificationKeys: [secret], algorithm: "HS256" })],
      }).getApp();
      const jwt = await token({ sub: "ann" });
      const ok = await own.request("/agents", { headers: { authorization: `Bearer ${jwt}` } });
      expect(ok.status).toBe(200);
      expect((await own.request("/agents")).status).toBe(401);
    } finally {
      if (previous === undefined) delete process.env.JWT_VERIFICATION_KEY;
      else process.env.JWT_VERIFICATION_KEY = previous;
    }
  });
});
