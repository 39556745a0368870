import {
  Agent,
  AgentFactory,
  FactoryPermissionError,
  InMemoryDb,
  type RequestContext,
  Step,
  Team,
  TeamFactory,
  TestModel,
  tool,
  Workflow,
  WorkflowFactory,
} from "@agno/core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { AgentOS } from "../agent-os.js";
import type { AgentOSServer } from "../options.js";
import { fakeAuth, form, parseSse, serveOnLoopback } from "../test-helpers.js";

const factoryDb = new InMemoryDb({ id: "factory-db" });
const tenantDbs = {
  acme: new InMemoryDb({ id: "acme-db" }),
  globex: new InMemoryDb({ id: "globex-db" }),
};

const seen: RequestContext<any>[] = [];
let invocations = 0;
beforeEach(() => {
  seen.length = 0;
  invocations = 0;
});

const tenant = new AgentFactory({
  id: "tenant-agent",
  db: factoryDb,
  name: "Per-tenant assistant",
  description: "Builds a personalized agent per tenant on each request.",
  factory: (ctx) => {
    invocations++;
    seen.push(ctx);
    return new Agent({
      id: "something-else",
      model: new TestModel(),
      instructions: `You are a helpful assistant for tenant ${ctx.userId ?? "anonymous"}.`,
    });
  },
});

const research = new AgentFactory({
  id: "research-agent",
  db: factoryDb,
  inputSchema: z.object({
    persona: z.enum(["analyst", "advisor", "skeptic"]).default("analyst"),
    depth: z.number().int().default(3),
  }),
  factory: async (ctx) => {
    invocations++;
    seen.push(ctx);
    await Promise.resolve();
    return new Agent({
      model: new TestModel({ text: `${ctx.input?.persona} at depth ${ctx.input?.depth}` }),
    });
  },
});

const strict = new AgentFactory({
  id: "strict-agent",
  db: factoryDb,
  inputSchema: z.object({ tenant: z.enum(["acme", "globex"]) }),
  factory: (ctx) => {
    invocations++;
    return new Agent({ model: new TestModel(), db: tenantDbs[ctx.input!.tenant] });
  },
});

const guarded = new AgentFactory({
  id: "guarded",
  db: factoryDb,
  factory: (ctx) => {
    invocations++;
    if (!ctx.trusted.scopes.has("agents:run"))
      throw new FactoryPermissionError("Missing 'agents:run' scope");
    return new Agent({ model: new TestModel() });
  },
});

const broken = new AgentFactory({
  id: "broken",
  db: factoryDb,
  factory: () => {
    throw new Error("connect ECONNREFUSED postgres://admin:s3cret@10.0.0.5/tenants");
  },
});

const wrongType = new AgentFactory({
  id: "wrong-type",
  db: factoryDb,
  factory: () => ({ run: () => "not an agent" }) as unknown as Agent,
});

const approval = tool({
  name: "publish",
  description: "Publish a post.",
  inputSchema: { type: "object", properties: { title: { type: "string" } } },
  requiresConfirmation: true,
  execute: () => "published",
});
const hitl = new AgentFactory({
  id: "hitl-agent",
  db: factoryDb,
  factory: () => {
    invocations++;
    return new Agent({ model: new TestModel(), tools: [approval] });
  },
});
const slowFactory = new AgentFactory({
  id: "slow-agent",
  db: factoryDb,
  factory: () => {
    invocations++;
    return new Agent({
      model: new TestModel({ latencyMs: 30, chunkSize: 1, text: "slow slow slow answer" }),
    });
  },
});

const tenantTeam = new TeamFactory({
  id: "tenant-team",
  db: factoryDb,
  factory: (ctx) =>
    new Team({
      name: "Tenant team",
      model: new TestModel({ callTools: false }),
      members: [new Agent({ name: `Helper for ${ctx.userId}`, model: new TestModel() })],
    }),
});

const pipeline = new WorkflowFactory({
  id: "pipeline",
  db: factoryDb,
  inputSchema: z.object({ include_research: z.boolean().default(false) }),
  factory: (ctx) => {
    invocations++;
    const steps = [];
    if (ctx.input?.include_research)
      steps.push(new Step({ name: "research", agent: new Agent({ model: new TestModel() }) }));
    steps.push(new Step({ name: "draft", agent: new Agent({ model: new TestModel() }) }));
    return new Workflow({ name: "Pipeline", steps });
  },
});

const os = new AgentOS({
  agents: [tenant, research, strict, guarded, broken, wrongType, hitl, slowFactory],
  teams: [tenantTeam],
  workflows: [pipeline],
});
os.getApp().use(
  "*",
  fakeAuth((c) => {
    const scopes = c.req.header("x-test-scopes");
    return scopes !== undefined
      ? { scopes: scopes.split(",").filter(Boolean), claims: { role: "editor", tier: "pro" } }
      : {};
  }),
);
const app = os.getApp();
let server: AgentOSServer;
beforeAll(async () => {
  server = await serveOnLoopback(os);
});
afterAll(async () => {
  await server.close();
});

async function run(
  id: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
  kind = "agents",
) {
  return app.request(`/${kind}/${id}/runs`, {
    method: "POST",
    body: form({ stream: "false", ...fields }),
    headers,
  });
}

describe("factory resolution on POST /runs", () => {
  it("builds the component per request with a RequestContext, forcing the factory's id and db", async () => {
    const res = await run("tenant-agent", { message: "Hello, who are you?", user_id: "tenant_42" });
    expect(res.status).toBe(200);
    const out = (await res.json()) as Record<string, any>;
    expect(out.agent_id).toBe("tenant-agent");
    expect(out.user_id).toBe("tenant_42");
    const system = out.messages.find((m: { role: string }) => m.role === "system");
    expect(system.content).toContain("You are a helpful assistant for tenant tenant_42.");
    expect(invocations).toBe(1);
    const ctx = seen[0]!;
    expect(ctx.userId).toBe("tenant_42");
    // Built before a new session id is generated: null for a new session.
    expect(ctx.sessionId).toBeNull();
    expect(ctx.input).toBeNull();
    expect(ctx.request).toBeInstanceOf(Request);
    expect(Object.isFrozen(ctx)).toBe(true);
    // Stored in the factory's db (fallback), with its events (storeEvents).
    const session = await factoryDb.getSession(out.session_id);
    expect(session?.agent_id).toBe("tenant-agent");
    const stored = session!.runs![0]!;
    expect((stored.events as Array<{ event: string }>).map((e) => e.event)).toContain("RunStarted");
  });

  it("passes the session id when the request has one, and a fresh agent each time", async () => {
    await run("tenant-agent", { message: "a", session_id: "sess-1", user_id: "u" });
    await run("tenant-agent", { message: "b", session_id: "sess-1", user_id: "u" });
    expect(invocations).toBe(2);
    expect(seen.map((c) => c.sessionId)).toEqual(["sess-1", "sess-1"]);
    const session = await factoryDb.getSession("sess-1");
    expect(session?.runs).toHaveLength(2);
  });

  it("puts verified claims and scopes in ctx.trusted, never form values", async () => {
    await run(
      "tenant-agent",
      { message: "hi", claims: '{"role":"admin"}', scopes: "agents:*" },
      { "x-test-scopes": "agents:run" },
    );
    const ctx = seen[0]!;
    expect(ctx.trusted.claims).toEqual({ role: "editor", tier: "pro" });
    expect([...ctx.trusted.scopes]).toEqual(["agents:run"]);
  });

  it("validates factory_input against the input schema before invoking the factory", async () => {
    const ok = await run("research-agent", {
      message: "Trends in AI?",
      factory_input: '{"persona": "skeptic", "depth": 5}',
    });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { content: string }).content).toBe("skeptic at depth 5");
    expect(seen[0]!.input).toEqual({ persona: "skeptic", depth: 5 });

    const invalid = await run("research-agent", {
      message: "x",
      factory_input: '{"persona": "optimist"}',
    });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { detail: string }).detail).toMatch(/persona/);
    expect(invocations).toBe(1);
  });

  it("validates {} when factory_input is missing: defaults apply, required fields 400", async () => {
    const defaults = await run("research-agent", { message: "x" });
    expect(defaults.status).toBe(200);
    expect(((await defaults.json()) as { content: string }).content).toBe("analyst at depth 3");
    const required = await run("strict-agent", { message: "x" });
    expect(required.status).toBe(400);
    expect(((await required.json()) as { detail: string }).detail).toMatch(/tenant/);
    expect(invocations).toBe(1);
  });

  it("400s factory_input that is not JSON, or not a JSON object, naming the problem", async () => {
    const notJson = await run("research-agent", { message: "x", factory_input: "{persona:" });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { detail: string }).detail).toMatch(
      /^factory_input must be valid JSON: /,
    );
    const list = await run("research-agent", { message: "x", factory_input: "[1, 2]" });
    expect(list.status).toBe(400);
    expect(await list.json()).toEqual({ detail: "factory_input must be a JSON object, got array" });
    const text = await run("tenant-agent", { message: "x", factory_input: '"hi"' });
    expect(await text.json()).toEqual({
      detail: "factory_input must be a JSON object, got string",
    });
    expect(invocations).toBe(0);
  });

  it("gives ctx.input the raw object when the factory has no schema", async () => {
    await run("tenant-agent", { message: "x", factory_input: '{"plan": "pro"}' });
    expect(seen[0]!.input).toEqual({ plan: "pro" });
  });

  it("answers 403 with the message of a FactoryPermissionError", async () => {
    const denied = await run("guarded", { message: "x" }, { "x-test-scopes": "sessions:read" });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toEqual({ detail: "Missing 'agents:run' scope" });
    const allowed = await run("guarded", { message: "x" }, { "x-test-scopes": "agents:run" });
    expect(allowed.status).toBe(200);
  });

  it("answers a generic 500 for other factory failures, without leaking internals", async () => {
    const res = await run("broken", { message: "x" });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ detail: "Agent factory error" });
    expect(text).not.toMatch(/s3cret|ECONNREFUSED|postgres/);
    const wrong = await run("wrong-type", { message: "x" });
    expect(wrong.status).toBe(500);
    expect(await wrong.json()).toEqual({ detail: "Agent factory error" });
  });

  it("404s an unknown factory id", async () => {
    const res = await run("no-such-factory", { message: "x" });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ detail: "Agent not found" });
  });

  it("streams a factory-built agent over HTTP", async () => {
    const res = await fetch(`${server.url}/agents/research-agent/runs`, {
      method: "POST",
      body: form({ message: "x", factory_input: '{"persona":"advisor"}' }),
    });
    const frames = parseSse(await res.text());
    expect(frames[0]!.data.agent_id).toBe("research-agent");
    expect(frames.at(-1)!.data.content).toBe("advisor at depth 3");
  });
});

describe("discovery without invoking the factory", () => {
  it("GET /agents/{id} returns is_factory and the input JSON schema", async () => {
    const res = await app.request("/agents/research-agent");
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, any>;
    expect(body).toMatchObject({
      id: "research-agent",
      db_id: "factory-db",
      is_factory: true,
      is_component: false,
    });
    expect(body.input_schema.properties.persona.enum).toEqual(["analyst", "advisor", "skeptic"]);
    expect(body.factory_input_schema).toEqual(body.input_schema);
    const plain = (await (await app.request("/agents/tenant-agent")).json()) as Record<string, any>;
    expect(plain).toEqual({
      id: "tenant-agent",
      name: "Per-tenant assistant",
      description: "Builds a personalized agent per tenant on each request.",
      db_id: "factory-db",
      is_factory: true,
      is_component: false,
    });
    expect(invocations).toBe(0);
  });

  it("lists factories among agents, teams and workflows", async () => {
    const agents = (await (await app.request("/agents")).json()) as Array<Record<string, any>>;
    expect(agents.map((a) => a.id)).toContain("research-agent");
    expect(agents.every((a) => a.is_factory === true)).toBe(true);
    const teams = (await (await app.request("/teams")).json()) as Array<Record<string, any>>;
    expect(teams[0]).toMatchObject({ id: "tenant-team", is_factory: true });
    const workflows = (await (await app.request("/workflows")).json()) as Array<
      Record<string, any>
    >;
    expect(workflows[0]).toMatchObject({ id: "pipeline", is_factory: true });
    expect(workflows[0]!.factory_input_schema.properties.include_research.default).toBe(false);
    const detail = (await (await app.request("/workflows/pipeline")).json()) as Record<string, any>;
    expect(detail).toMatchObject({ id: "pipeline", is_factory: true });
    expect(invocations).toBe(0);
  });

  it("/config lists agent factories as plain summaries and workflow factories with is_factory", async () => {
    const config = (await (await app.request("/config")).json()) as Record<string, any>;
    const summary = config.agents.find((a: { id: string }) => a.id === "tenant-agent");
    expect(summary).toEqual({
      id: "tenant-agent",
      name: "Per-tenant assistant",
      description: "Builds a personalized agent per tenant on each request.",
      db_id: "factory-db",
    });
    expect(config.workflows[0]).toMatchObject({ id: "pipeline", is_factory: true });
    expect(config.databases).toContain("factory-db");
    const info = (await (await app.request("/info")).json()) as Record<string, any>;
    expect(info).toMatchObject({ agent_count: 8, team_count: 1, workflow_count: 1 });
    expect(await (await app.request("/models")).json()).toEqual([]);
    expect(invocations).toBe(0);
  });

  it("/openapi.json documents each factory's factory_input schema", async () => {
    const doc = (await (await app.request("/openapi.json")).json()) as Record<string, any>;
    const op = doc.paths["/agents/research-agent/runs"].post;
    const field = op.requestBody.content["multipart/form-data"].schema.properties.factory_input;
    expect(field.contentSchema).toEqual({
      $ref: "#/components/schemas/AgentFactoryInput_research-agent",
    });
    expect(
      doc.components.schemas["AgentFactoryInput_research-agent"].properties.depth,
    ).toBeDefined();
    expect(doc.paths["/workflows/pipeline/runs"]).toBeDefined();
  });
});

describe("follow-up routes work for factories (unlike the reference)", () => {
  it("run list and run get rebuild the factory with factory_input from the query", async () => {
    const res = await run("strict-agent", {
      message: "hello acme",
      session_id: "acme-session",
      factory_input: '{"tenant":"acme"}',
    });
    const out = (await res.json()) as { run_id: string };
    expect(await tenantDbs.acme.getSession("acme-session")).not.toBeNull();
    const q = `session_id=acme-session&factory_input=${encodeURIComponent('{"tenant":"acme"}')}`;
    const list = await app.request(`/agents/strict-agent/runs?${q}`);
    expect(list.status).toBe(200);
    expect(((await list.json()) as unknown[]).length).toBe(1);
    const one = await app.request(`/agents/strict-agent/runs/${out.run_id}?${q}`);
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({ run_id: out.run_id, agent_id: "strict-agent" });
    // Another tenant's database does not hold it; invalid input is still 400.
    const other = `session_id=acme-session&factory_input=${encodeURIComponent('{"tenant":"globex"}')}`;
    expect((await app.request(`/agents/strict-agent/runs/${out.run_id}?${other}`)).status).toBe(
      404,
    );
    expect((await app.request("/agents/strict-agent/runs?session_id=acme-session")).status).toBe(
      400,
    );
  });

  it("continue re-invokes the factory and resumes the paused run", async () => {
    const paused = (await (
      await run("hitl-agent", { message: "Publish", session_id: "hitl-s" })
    ).json()) as Record<string, any>;
    expect(paused.status).toBe("PAUSED");
    const tools = paused.tools.map((t: Record<string, unknown>) => ({ ...t, confirmed: true }));
    const res = await app.request(`/agents/hitl-agent/runs/${paused.run_id}/continue`, {
      method: "POST",
      body: form({ tools: JSON.stringify(tools), session_id: "hitl-s", stream: "false" }),
    });
    expect(res.status).toBe(200);
    const done = (await res.json()) as Record<string, any>;
    expect(done).toMatchObject({ status: "COMPLETED", agent_id: "hitl-agent" });
    expect(invocations).toBe(2);
  });

  it("cancel stops a factory-built run without invoking the factory", async () => {
    const res = await fetch(`${server.url}/agents/slow-agent/runs`, {
      method: "POST",
      body: form({ message: "go", session_id: "slow-s" }),
    });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);
    const runId = /"run_id":"([^"]+)"/.exec(text)![1]!;
    expect(invocations).toBe(1);
    const cancel = await fetch(`${server.url}/agents/slow-agent/runs/${runId}/cancel`, {
      method: "POST",
    });
    expect(await cancel.json()).toEqual({});
    expect(invocations).toBe(1);
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += decoder.decode(chunk.value);
    }
    expect(
      parseSse(text)
        .map((f) => f.event)
        .slice(-2),
    ).toEqual(["RunCancelled", "RunCompleted"]);
    const stored = (await factoryDb.getSession("slow-s"))?.runs?.[0];
    expect(stored?.status).toBe("CANCELLED");
  });

  it("team factories run, and their runs are listed", async () => {
    const res = await run(
      "tenant-team",
      { message: "hi", user_id: "t1", session_id: "team-s" },
      {},
      "teams",
    );
    expect(res.status).toBe(200);
    const out = (await res.json()) as Record<string, any>;
    expect(out.team_id).toBe("tenant-team");
    const list = await app.request("/teams/tenant-team/runs?session_id=team-s");
    expect(list.status).toBe(200);
    expect((await list.json()) as unknown[]).toHaveLength(1);
    const one = await app.request(`/teams/tenant-team/runs/${out.run_id}?session_id=team-s`);
    expect(one.status).toBe(200);
  });

  it("workflow factories run (input schema drives the steps), and their runs are read back", async () => {
    const res = await run(
      "pipeline",
      {
        message: "Write about tides",
        session_id: "wf-s",
        factory_input: '{"include_research":true}',
      },
      {},
      "workflows",
    );
    expect(res.status).toBe(200);
    const out = (await res.json()) as Record<string, any>;
    expect(out.workflow_id).toBe("pipeline");
    expect(out.step_results.map((s: { step_name: string }) => s.step_name)).toEqual([
      "research",
      "draft",
    ]);
    const list = await app.request("/workflows/pipeline/runs?session_id=wf-s");
    expect(list.status).toBe(200);
    const runs = (await list.json()) as Array<Record<string, unknown>>;
    expect(runs[0]).toMatchObject({
      run_id: out.run_id,
      status: "COMPLETED",
      run_input: "Write about tides",
    });
    const one = await app.request(`/workflows/pipeline/runs/${out.run_id}?session_id=wf-s`);
    expect(one.status).toBe(200);
    const invalid = await run(
      "pipeline",
      { message: "x", factory_input: '{"include_research":"yes"}' },
      {},
      "workflows",
    );
    expect(invalid.status).toBe(400);
  });
});
