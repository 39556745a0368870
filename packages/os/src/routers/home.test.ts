import { Agent, InMemoryDb, TestModel } from "@agno/core";
import { describe, expect, it } from "vitest";
import { AgentOS } from "../agent-os.js";
import { AGNO_VERSION } from "../version.js";

const db = new InMemoryDb({ id: "home-db" });
const agent = new Agent({ id: "helper", model: new TestModel() });

async function get(os: AgentOS, path: string) {
  return (await (await os.getApp().request(path)).json()) as Record<string, unknown>;
}

describe("/info", () => {
  it("has every key of the reference's InfoResponse, nulls included", async () => {
    const os = new AgentOS({ id: "info-os", agents: [agent], db });
    expect(await get(os, "/info")).toEqual({
      os_id: "info-os",
      name: null,
      agno_version: AGNO_VERSION,
      agent_count: 1,
      team_count: 0,
      workflow_count: 0,
      mcp: { enabled: false, path: null, oauth: null },
      auth_mode: "none",
    });
    const named = new AgentOS({ id: "info-os", name: "Named", agents: [agent], db });
    expect((await get(named, "/info")).name).toBe("Named");
  });
});

describe("/config", () => {
  const domains = ["session", "memory", "learning", "knowledge", "evals", "metrics", "traces"];

  it("has exactly the reference's ConfigResponse keys (nulls dropped)", async () => {
    const os = new AgentOS({ id: "cfg-os", name: "Named", description: "d", agents: [agent], db });
    expect(Object.keys(await get(os, "/config")).sort()).toEqual(
      [
        "os_id",
        "description",
        "available_models",
        "os_database",
        "databases",
        ...domains,
        "agents",
        "teams",
        "workflows",
        "interfaces",
      ].sort(),
    );
  });

  it("carries chat and available_models from the config only when given", async () => {
    const withChat = new AgentOS({
      id: "cfg-os",
      agents: [agent],
      db,
      config: { chat: { quickPrompts: { helper: ["Hi"] } } },
    });
    const body = await get(withChat, "/config");
    expect(body.chat).toEqual({ quick_prompts: { helper: ["Hi"] } });
    expect(body).not.toHaveProperty("available_models");
    const bare = await get(new AgentOS({ id: "cfg-os", agents: [agent], db }), "/config");
    expect(bare).not.toHaveProperty("chat");
    expect(bare.available_models).toEqual([]);
  });
});

describe("/metrics", () => {
  it("keeps updated_at null when nothing was aggregated", async () => {
    const os = new AgentOS({ id: "metrics-os", db: new InMemoryDb({ id: "m" }) });
    expect(await get(os, "/metrics")).toEqual({ metrics: [], updated_at: null });
  });
});
