import { Agent, AgentFactory, InMemoryDb, type RequestContext, TestModel, tool } from "@agno/core";
import { beforeEach, describe, expect, it } from "vitest";
import { AgentOS } from "../agent-os.js";
import type { AuthVariables } from "../env.js";
import { fakeAuth, form } from "../test-helpers.js";

const db = new InMemoryDb({ id: "identity-db" });
const contexts: RequestContext[] = [];
beforeEach(() => {
  contexts.length = 0;
});

const whoami = tool({
  name: "whoami",
  description: "Report the run's identity.",
  inputSchema: { type: "object", properties: {} },
  execute: (_args, ctx) =>
    JSON.stringify({ user: ctx.userId, deps: ctx.dependencies, state: ctx.sessionState }),
});
const agent = new Agent({ id: "echo", model: new TestModel(), tools: [whoami] });
const factory = new AgentFactory({
  id: "echo-factory",
  db,
  factory: (ctx) => {
    contexts.push(ctx);
    return new Agent({ model: new TestModel() });
  },
});

/** An AgentOS whose requests carry the variables named in the `x-vars` header (JSON). */
function osWithVars(via: "use" | "option") {
  const mw = fakeAuth((c) => JSON.parse(c.req.header("x-vars") ?? "{}") as AuthVariables);
  const os = new AgentOS({
    agents: [agent, factory],
    db,
    ...(via === "option" ? { middleware: [mw] } : {}),
  });
  if (via === "use") os.getApp().use("*", mw);
  return os;
}

async function runAs(
  os: AgentOS,
  id: string,
  fields: Record<string, string>,
  vars: AuthVariables = {},
) {
  const res = await os.getApp().request(`/agents/${id}/runs`, {
    method: "POST",
    body: form({ message: "who am I?", stream: "false", ...fields }),
    headers: { "x-vars": JSON.stringify(vars) },
  });
  expect(res.status).toBe(200);
  const out = (await res.json()) as Record<string, any>;
  const result = out.tools?.[0]?.result;
  return { out, seen: result ? JSON.parse(result) : undefined };
}

describe.each(["use", "option"] as const)("identity precedence (middleware via %s)", (via) => {
  const os = osWithVars(via);

  it("uses the form's user_id and session_id when no verified value is set", async () => {
    const { out, seen } = await runAs(os, "echo", {
      user_id: "form-user",
      session_id: `form-s-${via}`,
    });
    expect(out.user_id).toBe("form-user");
    expect(out.session_id).toBe(`form-s-${via}`);
    expect(seen.user).toBe("form-user");
  });

  it("lets the verified user_id and session_id override the form's", async () => {
    const { out, seen } = await runAs(
      os,
      "echo",
      { user_id: "mallory", session_id: "form-session" },
      { user_id: "alice", session_id: `verified-s-${via}` },
    );
    expect(out.user_id).toBe("alice");
    expect(out.session_id).toBe(`verified-s-${via}`);
    expect(seen.user).toBe("alice");
    const stored = await db.getSession(`verified-s-${via}`);
    expect(stored?.user_id).toBe("alice");
  });

  it("gives factories the verified identity and the verified claims", async () => {
    await runAs(
      os,
      "echo-factory",
      { user_id: "mallory" },
      { user_id: "alice", claims: { sub: "alice", tier: "pro" }, scopes: ["agents:run"] },
    );
    expect(contexts[0]!.userId).toBe("alice");
    expect(contexts[0]!.trusted.claims).toEqual({ sub: "alice", tier: "pro" });
    expect(contexts[0]!.trusted.scopes.has("agents:run")).toBe(true);
  });

  it("lets verified dependencies and session_state override the form's", async () => {
    const { seen } = await runAs(
      os,
      "echo",
      {
        dependencies: '{"plan":"free","extra":1}',
        session_state: '{"cart":["form"]}',
        session_id: `deps-${via}`,
      },
      { dependencies: { plan: "enterprise" }, session_state: { cart: ["verified"] } },
    );
    expect(seen.deps).toEqual({ plan: "enterprise" });
    expect(seen.state).toEqual({ cart: ["verified"] });
  });

  it("keeps the form's dependencies when middleware sets none", async () => {
    const { seen } = await runAs(os, "echo", { dependencies: '{"plan":"free"}' });
    expect(seen.deps).toEqual({ plan: "free" });
  });
});

describe("isolation when authorization is on (non-admin callers see only their own data)", () => {
  const os = osWithVars("use");
  const user = (id: string): AuthVariables => ({
    user_id: id,
    authorization_enabled: true,
    is_admin: false,
    scopes: ["agents:run"],
  });

  async function get(path: string, vars: AuthVariables) {
    return os.getApp().request(path, { headers: { "x-vars": JSON.stringify(vars) } });
  }

  it("forces a non-admin caller's runs onto its own user id", async () => {
    const { out } = await runAs(os, "echo", { user_id: "bob", session_id: "iso-a" }, user("alice"));
    expect(out.user_id).toBe("alice");
  });

  it("hides another user's session and runs (404), but not from admins", async () => {
    const { out } = await runAs(os, "echo", { session_id: "iso-b" }, user("alice"));
    expect((await get("/agents/echo/runs?session_id=iso-b", user("alice"))).status).toBe(200);
    expect((await get("/agents/echo/runs?session_id=iso-b", user("bob"))).status).toBe(404);
    const run = await get(`/agents/echo/runs/${out.run_id}?session_id=iso-b`, user("bob"));
    expect(run.status).toBe(404);
    expect(await run.json()).toEqual({ detail: "Run not found" });
    const admin = await get(`/agents/echo/runs/${out.run_id}?session_id=iso-b`, {
      ...user("root"),
      is_admin: true,
    });
    expect(admin.status).toBe(200);
  });

  it("requires session_id to cancel, and refuses another user's session", async () => {
    const post = (path: string, vars: AuthVariables) =>
      os.getApp().request(path, { method: "POST", headers: { "x-vars": JSON.stringify(vars) } });
    const noSession = await post("/agents/echo/runs/r1/cancel", user("bob"));
    expect(noSession.status).toBe(400);
    expect(await noSession.json()).toEqual({ detail: "session_id is required for this action" });
    const foreign = await post("/agents/echo/runs/r1/cancel?session_id=iso-b", user("bob"));
    expect(foreign.status).toBe(404);
    // An unknown run answers like another user's: 404, whoever asks.
    const unknown = await post("/agents/echo/runs/r1/cancel?session_id=iso-b", user("alice"));
    expect(unknown.status).toBe(404);
  });

  it("refuses a run in another user's session", async () => {
    const res = await os.getApp().request("/agents/echo/runs", {
      method: "POST",
      body: form({ message: "hi", stream: "false", session_id: "iso-b" }),
      headers: { "x-vars": JSON.stringify(user("bob")) },
    });
    expect(res.status).toBe(403);
  });

  it("answers 403 when the caller's scopes do not cover the agent", async () => {
    const res = await os.getApp().request("/agents/echo/runs", {
      method: "POST",
      body: form({ message: "hi", stream: "false" }),
      headers: { "x-vars": JSON.stringify({ ...user("alice"), scopes: ["agents:other:run"] }) },
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ detail: "Access denied to run this agent" });
    const list = await get("/agents", { ...user("alice"), scopes: ["agents:echo:read"] });
    expect(((await list.json()) as Array<{ id: string }>).map((a) => a.id)).toEqual(["echo"]);
  });
});
