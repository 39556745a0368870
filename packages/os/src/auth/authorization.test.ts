import { Hono, type MiddlewareHandler } from "hono";
import { type JWTPayload, SignJWT } from "jose";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AppEnv } from "../env.js";
import { scopedUserId } from "../env.js";
import { httpError } from "../errors.js";
import { accessibleIds, canAccess, requireResourceAccess } from "./access.js";
import { authorizationMiddleware, jwtMiddleware } from "./jwt-middleware.js";
import { insufficientPermissionsDetail } from "./scopes.js";

const SECRET = "rbac-shared-secret-rbac-shared-secret-rbac";
const OS_ID = "my-agent-os";

async function token(claims: JWTPayload): Promise<string> {
  return new SignJWT({ sub: "user-1", ...claims })
    .setProtectedHeader({ alg: "HS256" })
    .sign(new TextEncoder().encode(SECRET));
}

/** A tiny AgentOS-shaped app: a listing that filters, run routes with per-resource checks. */
function rbacApp(mw: MiddlewareHandler<AppEnv>) {
  const app = new Hono<AppEnv>();
  app.use("*", mw);
  app.get("/agents", (c) => {
    const ids = accessibleIds(c, "agents");
    if (ids !== "all" && ids.size === 0) {
      throw httpError(403, insufficientPermissionsDetail(["agents:read"]));
    }
    return c.json({ ids: ids === "all" ? "all" : [...ids].sort() });
  });
  app.post("/agents/:agent_id/runs", requireResourceAccess("agents", "run", "agent_id"), (c) =>
    c.json({ ran: c.req.param("agent_id") }),
  );
  app.get(
    "/agents/:agent_id/runs/:run_id",
    requireResourceAccess("agents", "run", "agent_id"),
    (c) => c.json({ run: c.req.param("run_id") }),
  );
  app.all("*", (c) =>
    c.json({
      ok: true,
      is_admin: c.get("is_admin"),
      authorization_enabled: c.get("authorization_enabled"),
      scoped_user: scopedUserId(c) ?? null,
      agents: accessibleIds(c, "agents"),
      teams: accessibleIds(c, "teams"),
      can_run_a1: canAccess(c, "agents", "a1", "run"),
      can_read_a1: canAccess(c, "agents", "a1", "read"),
    }),
  );
  return app;
}

const rbac = () =>
  rbacApp(authorizationMiddleware({ verificationKeys: [SECRET], algorithm: "HS256" }, OS_ID));

async function call(
  app: Hono<AppEnv>,
  method: string,
  path: string,
  scopes: string[] | string,
  extra: JWTPayload = {},
) {
  const t = await token({ scopes, ...extra });
  return app.request(path, { method, headers: { Authorization: `Bearer ${t}` } });
}

beforeEach(() => {
  vi.stubEnv("JWT_VERIFICATION_KEY", undefined);
  vi.stubEnv("JWT_JWKS_FILE", undefined);
});
afterEach(() => vi.unstubAllEnvs());

describe("authorizationMiddleware: default scope table", () => {
  const app = rbac();

  it.each([
    ["GET", "/config", ["config:read"], 200],
    ["GET", "/config", ["system:read"], 200],
    ["GET", "/config", ["agents:read"], 403],
    ["GET", "/sessions", ["sessions:read"], 200],
    ["GET", "/sessions", ["sessions:write"], 403],
    ["DELETE", "/sessions/s1", ["sessions:delete"], 200],
    ["DELETE", "/sessions/s1", ["sessions:read"], 403],
    ["POST", "/memories", ["memories:write"], 200],
    ["GET", "/memories", ["memories:write"], 403],
    ["GET", "/metrics", ["metrics:read"], 200],
    ["POST", "/metrics/refresh", ["metrics:read"], 403],
    ["GET", "/eval-runs", ["evals:read"], 200],
    ["POST", "/eval-runs", ["evals:read"], 403],
    ["GET", "/traces/t1", ["traces:read"], 200],
    ["GET", "/traces", [], 403],
    ["POST", "/agents", ["agents:write"], 200],
    ["POST", "/agents", ["agents:a1:write"], 403],
    ["PATCH", "/teams/t1", ["teams:write"], 200],
    ["DELETE", "/workflows/w1", ["workflows:w1:delete"], 200],
    ["DELETE", "/workflows/w1", ["workflows:w2:delete"], 403],
    ["POST", "/agents/a1/runs/r1/cancel", ["agents:a1:run"], 200],
    ["POST", "/agents/a1/runs/r1/resume", [], 200],
    ["GET", "/unmapped/route", [], 200],
  ])("%s %s with %j → %i", async (method, path, scopes, status) => {
    expect((await call(app, method, path, scopes)).status).toBe(status);
  });

  it("answers 403 with the reference's detail", async () => {
    const res = await call(app, "GET", "/sessions", ["memories:read"]);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      detail: "Insufficient permissions. Required scope(s): sessions:read",
    });
  });

  it("still answers 401 before any scope check", async () => {
    const res = await app.request("/sessions");
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ detail: "Authorization header missing" });
  });

  it("sets authorization_enabled and confines non-admins to their user id", async () => {
    const body = await (await call(app, "GET", "/x", [])).json();
    expect(body).toMatchObject({
      authorization_enabled: true,
      is_admin: false,
      scoped_user: "user-1",
    });
  });
});

describe("per-resource scopes, wildcards and the admin scope", () => {
  const app = rbac();

  it("runs an agent with a global, wildcard or same-id run scope", async () => {
    for (const scopes of [["agents:run"], ["agents:*:run"], ["agents:a1:run"]]) {
      const res = await call(app, "POST", "/agents/a1/runs", scopes);
      expect(res.status).toBe(200);
    }
  });

  it("refuses another agent's run scope or a read scope", async () => {
    const res = await call(app, "POST", "/agents/a1/runs", ["agents:a2:run", "agents:a1:read"]);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      detail: "Insufficient permissions. Required scope(s): agents:run",
    });
  });

  it("needs read at the middleware and run at the route for GET /agents/{id}/runs/{run}", async () => {
    expect((await call(app, "GET", "/agents/a1/runs/r1", ["agents:a1:run"])).status).toBe(403);
    const readOnly = await call(app, "GET", "/agents/a1/runs/r1", ["agents:a1:read"]);
    expect(readOnly.status).toBe(403);
    expect(await readOnly.json()).toEqual({ detail: "Access denied to run this agent" });
    const both = await call(app, "GET", "/agents/a1/runs/r1", ["agents:a1:read", "agents:a1:run"]);
    expect(both.status).toBe(200);
  });

  it("lets the admin scope through everything and marks the caller admin", async () => {
    for (const [method, path] of [
      ["POST", "/databases/all/migrate"],
      ["DELETE", "/agents/a1"],
      ["POST", "/agents/a1/runs"],
      ["GET", "/agents"],
    ] as const) {
      expect((await call(app, method, path, ["agent_os:admin"])).status).toBe(200);
    }
    const body = await (await call(app, "GET", "/x", ["agent_os:admin"])).json();
    expect(body).toMatchObject({ is_admin: true, scoped_user: null, agents: "all" });
  });

  it("honours a custom admin scope from the config", async () => {
    const custom = rbacApp(
      authorizationMiddleware(
        { verificationKeys: [SECRET], algorithm: "HS256", adminScope: "root" },
        OS_ID,
      ),
    );
    expect((await call(custom, "DELETE", "/agents/a1", ["root"])).status).toBe(200);
    expect((await call(custom, "DELETE", "/agents/a1", ["agent_os:admin"])).status).toBe(403);
  });
});

describe("listing filter, accessibleIds and canAccess", () => {
  const app = rbac();

  it("lists everything with the global or wildcard read scope", async () => {
    for (const scopes of [["agents:read"], ["agents:*:read"]]) {
      expect(await (await call(app, "GET", "/agents", scopes)).json()).toEqual({ ids: "all" });
    }
  });

  it("filters to the ids of per-resource read scopes", async () => {
    const res = await call(app, "GET", "/agents", [
      "agents:a2:read",
      "agents:a1:read",
      "agents:a3:run",
    ]);
    expect(await res.json()).toEqual({ ids: ["a1", "a2"] });
  });

  it("answers 403 when no agent is readable", async () => {
    const res = await call(app, "GET", "/agents", ["agents:a3:run", "teams:read"]);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      detail: "Insufficient permissions. Required scope(s): agents:read",
    });
  });

  it("computes ids and access from the scopes on other routes", async () => {
    const body = await (
      await call(app, "GET", "/x", ["agents:a1:read", "agents:a2:run", "teams:*:read"])
    ).json();
    expect(body.agents).toEqual({});
    expect(body).toMatchObject({ teams: "all", can_run_a1: false, can_read_a1: true });
  });

  it("grants everything when authorization is off", async () => {
    const open = rbacApp(jwtMiddleware({ verificationKeys: [SECRET], algorithm: "HS256" }));
    const body = await (await call(open, "GET", "/x", [])).json();
    expect(body).toMatchObject({
      authorization_enabled: false,
      agents: "all",
      can_run_a1: true,
      scoped_user: null,
    });
    expect((await call(open, "DELETE", "/sessions/s1", [])).status).toBe(200);
    expect((await call(open, "POST", "/agents/a9/runs", [])).status).toBe(200);
  });
});

describe("scopeMappings and audience", () => {
  it("adds and overrides routes on top of the defaults", async () => {
    const app = rbacApp(
      authorizationMiddleware({ verificationKeys: [SECRET], algorithm: "HS256" }, OS_ID, {
        scopeMappings: {
          "GET /sessions": ["custom:sessions:list"],
          "POST /custom/action": ["custom:write"],
          "GET /memories": [],
          "GET /agents/{agent_id}/stats": ["metrics:read"],
        },
      }),
    );
    expect((await call(app, "GET", "/sessions", ["sessions:read"])).status).toBe(403);
    expect((await call(app, "GET", "/sessions", ["custom:sessions:list"])).status).toBe(200);
    expect((await call(app, "POST", "/custom/action", [])).status).toBe(403);
    expect((await call(app, "POST", "/custom/action", ["custom:write"])).status).toBe(200);
    expect((await call(app, "GET", "/memories", [])).status).toBe(200);
    expect((await call(app, "GET", "/agents/a1/stats", ["metrics:read"])).status).toBe(200);
    expect((await call(app, "DELETE", "/memories/m1", [])).status).toBe(403);
  });

  it("turns RBAC on when jwtMiddleware gets scopeMappings", async () => {
    const app = rbacApp(
      jwtMiddleware({
        verificationKeys: [SECRET],
        algorithm: "HS256",
        scopeMappings: { "GET /extra": ["extra:read"] },
      }),
    );
    expect((await call(app, "GET", "/extra", [])).status).toBe(403);
    expect((await call(app, "GET", "/sessions", [])).status).toBe(403);
  });

  it("verifies the audience against the AgentOS id when verifyAudience is on", async () => {
    const app = rbacApp(
      authorizationMiddleware(
        { verificationKeys: [SECRET], algorithm: "HS256", verifyAudience: true },
        OS_ID,
      ),
    );
    expect((await call(app, "GET", "/x", [], { aud: OS_ID })).status).toBe(200);
    const wrong = await call(app, "GET", "/x", [], { aud: "other-os" });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({
      detail: "Invalid token audience - token not valid for this AgentOS instance",
    });
    const lax = rbac();
    expect((await call(lax, "GET", "/x", [], { aud: "other-os" })).status).toBe(200);
  });

  it("fails at startup without a key source", () => {
    expect(() => authorizationMiddleware({}, OS_ID)).toThrow(/verification key or JWKS file/);
  });

  it("defaults to RS256 so an HS256 token is refused", async () => {
    const { generateKeyPair, exportSPKI } = await import("jose");
    const { publicKey } = await generateKeyPair("RS256");
    const app = rbacApp(
      authorizationMiddleware({ verificationKeys: [await exportSPKI(publicKey)] }, OS_ID),
    );
    const res = await call(app, "GET", "/x", ["agent_os:admin"]);
    expect(res.status).toBe(401);
  });
});
