import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Agent, AgentFactory, InMemoryDb, TestModel, Workflow } from "@agno/core";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AgentOS } from "./agent-os.js";
import type { AgentOSServer } from "./options.js";
import { serveOnLoopback } from "./test-helpers.js";
import { uuidv5 } from "./uuid.js";

const osDb = new InMemoryDb({ id: "os-db" });
const agentDb = new InMemoryDb({ id: "agent-db" });
const factoryDb = new InMemoryDb({ id: "factory-db" });
const assistant = new Agent({ name: "Assistant", model: new TestModel(), db: agentDb });
const plain = new Agent({ id: "plain", model: "openai:gpt-4o" });
const tenant = new AgentFactory({
  id: "tenant-agent",
  db: factoryDb,
  factory: () => new Agent({ model: new TestModel() }),
});

describe("construction", () => {
  it("derives the AgentOS id like the reference: given, UUIDv5(DNS, name), else UUIDv4", () => {
    expect(uuidv5("python.org")).toBe("886313e1-3b8a-5372-9b90-0c9aee199e5d");
    expect(new AgentOS({ id: "my-os" }).id).toBe("my-os");
    expect(new AgentOS({ name: "Demo OS" }).id).toBe(uuidv5("Demo OS"));
    expect(new AgentOS().id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it("fails on duplicate ids, naming both components", () => {
    const a = new Agent({ id: "support", name: "Support Bot", model: new TestModel() });
    const f = new AgentFactory({ id: "support", db: factoryDb, factory: () => a });
    expect(() => new AgentOS({ agents: [a, f] })).toThrow(
      'AgentOS: Agent "Support Bot" and AgentFactory "support" share the id "support". Ids must be unique among agents.',
    );
    const w1 = new Workflow({ name: "Flow", steps: [] });
    const w2 = new Workflow({ name: "flow", steps: [] });
    expect(() => new AgentOS({ workflows: [w1, w2] })).toThrow(
      /Workflow "Flow" and Workflow "flow" share the id "flow"/,
    );
  });

  it("rejects components in the wrong list", () => {
    expect(() => new AgentOS({ teams: [tenant as never] })).toThrow(/agent factory/);
    expect(() => new AgentOS({ agents: [{} as never] })).toThrow(/agents\[0\] is not an Agent/);
  });

  it("maps every database by id and gives prototypes without a db the OS db", () => {
    const os = new AgentOS({ agents: [assistant, plain, tenant], db: osDb });
    expect([...os.dbs.keys()]).toEqual(["os-db", "agent-db", "factory-db"]);
    expect(plain.options.db).toBe(osDb);
    expect(assistant.options.db).toBe(agentDb);
    expect(assistant.id).toBe("assistant");
  });

  it("lists its routes", () => {
    const routes = new AgentOS({ agents: [assistant] }).getRoutes();
    expect(routes).toContainEqual({ method: "POST", path: "/agents/:agent_id/runs" });
    expect(routes).toContainEqual({ method: "GET", path: "/sessions" });
    expect(routes).toContainEqual({ method: "GET", path: "/openapi.json" });
  });
});

describe("HTTP surface", () => {
  const os = new AgentOS({
    id: "surface-os",
    name: "Surface",
    version: "2.0.0",
    agents: [assistant, plain, tenant],
    db: osDb,
    corsAllowedOrigins: ["https://my.app", "*"],
  });
  const app = os.getApp();
  let server: AgentOSServer;
  beforeAll(async () => {
    server = await serveOnLoopback(os);
  });
  afterAll(async () => {
    await server.close();
  });

  it("serves home, health and info", async () => {
    expect(await (await fetch(`${server.url}/`)).json()).toEqual({
      name: "AgentOS API",
      id: "surface-os",
      version: "2.0.0",
    });
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    const body = (await health.json()) as { status: string; instantiated_at: string };
    expect(body.status).toBe("ok");
    expect(Number.isNaN(Date.parse(body.instantiated_at))).toBe(false);
    expect(await (await fetch(`${server.url}/info`)).json()).toEqual({
      os_id: "surface-os",
      name: "Surface",
      agno_version: "0.1.0",
      agent_count: 3,
      team_count: 0,
      workflow_count: 0,
      mcp: { enabled: false, path: null, oauth: null },
      auth_mode: "none",
    });
  });

  it("strips a trailing slash instead of redirecting", async () => {
    const res = await fetch(`${server.url}/agents/`, { redirect: "manual" });
    expect(res.status).toBe(200);
    expect(((await res.json()) as unknown[]).length).toBe(3);
    expect((await app.request("/health/")).status).toBe(200);
  });

  it("answers unknown paths with 404 {detail}", async () => {
    const res = await app.request("/nothing-here");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ detail: "Not Found" });
  });

  it("lists models of prototypes only", async () => {
    expect(await (await app.request("/models")).json()).toEqual([
      { id: "test", provider: "Test" },
      { id: "gpt-4o", provider: "openai" },
    ]);
  });

  it("answers CORS preflights for the default and the configured origins, with credentials", async () => {
    for (const origin of ["http://localhost:3000", "https://os.agno.com", "https://my.app"]) {
      const res = await fetch(`${server.url}/agents/assistant/runs`, {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type,authorization",
        },
      });
      expect(res.status).toBeLessThan(300);
      expect(res.headers.get("access-control-allow-origin")).toBe(origin);
      expect(res.headers.get("access-control-allow-credentials")).toBe("true");
      expect(res.headers.get("access-control-allow-methods")).toContain("POST");
      expect(res.headers.get("access-control-allow-headers")).toBe("content-type,authorization");
    }
    const evil = await fetch(`${server.url}/health`, {
      headers: { origin: "https://evil.example" },
    });
    expect(evil.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("adds CORS headers to normal and error answers", async () => {
    const ok = await fetch(`${server.url}/health`, { headers: { origin: "https://my.app" } });
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://my.app");
    expect(ok.headers.get("access-control-expose-headers")).toBe("*");
    const missing = await fetch(`${server.url}/agents/nope`, {
      headers: { origin: "https://my.app" },
    });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("access-control-allow-origin")).toBe("https://my.app");
  });

  it("publishes an OpenAPI document generated from the routes, and docs", async () => {
    const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as Record<string, any>;
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ title: "Surface", version: "2.0.0" });
    const run = doc.paths["/agents/{agent_id}/runs"].post;
    const fields = run.requestBody.content["multipart/form-data"].schema;
    expect(fields.required).toEqual(["message"]);
    expect(fields.properties.stream).toEqual({
      type: "boolean",
      default: true,
      description: expect.any(String),
    });
    expect(fields.properties.files.items).toEqual({ type: "string", format: "binary" });
    expect(run.responses["200"].content["text/event-stream"]).toBeDefined();
    expect(run.parameters).toEqual([
      { name: "agent_id", in: "path", required: true, schema: { type: "string" } },
    ]);
    for (const path of [
      "/",
      "/health",
      "/config",
      "/agents",
      "/agents/{agent_id}",
      "/agents/{agent_id}/runs/{run_id}/cancel",
      "/agents/{agent_id}/runs/{run_id}/continue",
      "/teams/{team_id}/runs",
      "/workflows/{workflow_id}/runs/{run_id}",
      "/sessions",
      "/memories",
      "/agents/{agent_id}/runs/{run_id}/resume",
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths["/agents/tenant-agent/runs"].post.summary).toBe("Run tenant-agent (factory)");
    const docs = await fetch(`${server.url}/docs`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get("content-type")).toMatch(/text\/html/);
    expect(await docs.text()).toContain("openapi.json");
  });

  it.each([
    ["GET", "/agents/assistant/runs/r1/checkpoints", "Run checkpoints"],
    ["GET", "/teams/t/runs/r1/checkpoints/3", "Run checkpoints"],
    ["GET", "/workflows/ws", "The workflow WebSocket"],
    ["GET", "/approvals", "Approvals"],
    ["POST", "/approvals/a1/resolve", "Approvals"],
    ["GET", "/schedules/s1/runs/r1", "Schedules"],
    ["DELETE", "/schedules/s1", "Schedules"],
    ["GET", "/learnings", "Learnings"],
    ["GET", "/components/c1/configs", "Components"],
  ])("answers 501 for %s %s", async (method, path, feature) => {
    const res = await app.request(path, { method });
    expect(res.status).toBe(501);
    expect(await res.json()).toEqual({ detail: `${feature} is not available yet in this AgentOS` });
  });

  it("501s knowledge ingestion and running evals (not 404)", async () => {
    for (const path of ["/knowledge/content", "/eval-runs"]) {
      const res = await app.request(path, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ agent_id: "assistant", eval_type: "accuracy", input: "x" }),
      });
      expect(res.status, path).not.toBe(404);
    }
    expect((await app.request("/knowledge/content", { method: "POST" })).status).toBe(501);
  });
});

describe("config", () => {
  it("serves /config from a YAML file with the reference's shape", async () => {
    const dir = mkdtempSync(join(tmpdir(), "agentos-config-"));
    const file = join(dir, "config.yaml");
    writeFileSync(
      file,
      [
        "available_models:",
        "  - openai:gpt-4o",
        "chat:",
        "  quick_prompts:",
        "    assistant:",
        "      - What can you do?",
        "      - Summarize my week",
        "session:",
        "  display_name: Conversations",
        "  dbs:",
        "    - db_id: os-db",
        "      domain_config:",
        "        display_name: Main database",
        "evals:",
        "  available_models: [openai:gpt-4o-mini]",
        "",
      ].join("\n"),
    );
    const os = new AgentOS({ id: "cfg", agents: [assistant, tenant], db: osDb, config: file });
    const body = (await (await os.getApp().request("/config")).json()) as Record<string, any>;
    expect(body).toMatchObject({
      os_id: "cfg",
      available_models: ["openai:gpt-4o"],
      os_database: "os-db",
      databases: ["os-db", "agent-db", "factory-db"],
      chat: { quick_prompts: { assistant: ["What can you do?", "Summarize my week"] } },
      interfaces: [],
    });
    expect(body.session).toEqual({
      display_name: "Conversations",
      dbs: [
        {
          db_id: "os-db",
          domain_config: { display_name: "Main database" },
          tables: ["agno_sessions"],
        },
        {
          db_id: "agent-db",
          domain_config: { display_name: "agent-db" },
          tables: ["agno_sessions"],
        },
        {
          db_id: "factory-db",
          domain_config: { display_name: "factory-db" },
          tables: ["agno_sessions"],
        },
      ],
    });
    expect(body.evals.available_models).toEqual(["openai:gpt-4o-mini"]);
    expect(body.memory.dbs[0].tables).toEqual(["agno_memories"]);
    expect(body.knowledge.knowledge_instances).toEqual([]);
    expect(body.agents).toEqual([
      {
        id: "assistant",
        name: "Assistant",
        db_id: "agent-db",
        model: { id: "test", provider: "Test" },
      },
      { id: "tenant-agent", db_id: "factory-db" },
    ]);
    expect(os.config?.chat?.quickPrompts?.assistant).toHaveLength(2);
  });

  it("accepts a config object and reports a bad YAML file clearly", () => {
    const os = new AgentOS({ config: { availableModels: ["a:b"], chat: { quickPrompts: {} } } });
    expect(os.config?.availableModels).toEqual(["a:b"]);
    expect(() => new AgentOS({ config: "/no/such/file.yaml" })).toThrow(/could not be read/);
  });
});

describe("extending the app", () => {
  it("serves user routes and middleware added through getApp()", async () => {
    const os = new AgentOS({ agents: [assistant] });
    const app = os.getApp();
    app.use("*", async (c, next) => {
      await next();
      c.header("x-custom", "yes");
    });
    app.get("/custom", (c) => c.json({ hello: "world" }));
    expect(await (await app.request("/custom")).json()).toEqual({ hello: "world" });
    const agents = await app.request("/agents");
    expect(agents.headers.get("x-custom")).toBe("yes");
  });

  it("resolves route conflicts with a base app by policy", async () => {
    const base = () => {
      const b = new Hono();
      b.get("/health", (c) => c.json({ mine: true }));
      b.get("/extra", (c) => c.json({ extra: true }));
      return b;
    };
    const preserved = new AgentOS({ baseApp: base() }).getApp();
    expect(((await (await preserved.request("/health")).json()) as { status: string }).status).toBe(
      "ok",
    );
    expect(await (await preserved.request("/extra")).json()).toEqual({ extra: true });
    const theirs = new AgentOS({ baseApp: base(), onRouteConflict: "preserve_base_app" }).getApp();
    expect(await (await theirs.request("/health")).json()).toEqual({ mine: true });
    expect(() => new AgentOS({ baseApp: base(), onRouteConflict: "error" })).toThrow(
      /GET \/health/,
    );
  });

  it("serves on a port given by PORT and closes gracefully", async () => {
    const previous = process.env.PORT;
    process.env.PORT = "0";
    try {
      const os = new AgentOS({ agents: [assistant] });
      const server = await os.serve({ host: "127.0.0.1", handleSignals: false });
      expect(server.port).toBeGreaterThan(0);
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
      await server.close();
      await expect(fetch(`${server.url}/health`)).rejects.toThrow();
    } finally {
      if (previous === undefined) delete process.env.PORT;
      else process.env.PORT = previous;
    }
  });
});
