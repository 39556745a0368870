import { afterEach, describe, expect, it, vi } from "vitest";
import { RemoteAgent } from "./remote-agent.js";

function configFetch() {
  const calls: Array<{ url: string; headers: Record<string, string> }> = [];
  let n = 0;
  const fetch = async (url: string, init: RequestInit) => {
    calls.push({ url, headers: init.headers as Record<string, string> });
    n++;
    return new Response(
      JSON.stringify({
        id: "a",
        name: `Agent v${n}`,
        db_id: "db-1",
        tools: { tools: [{ name: "t" }] },
      }),
      { headers: { "content-type": "application/json" } },
    );
  };
  return { calls, fetch };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("RemoteComponent configuration cache", () => {
  it("does no I/O on construction and caches the configuration for configTtl seconds", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2025-01-01T00:00:00Z"));
    const { calls, fetch } = configFetch();
    const agent = new RemoteAgent({
      baseUrl: "http://os.test",
      agentId: "a",
      configTtl: 60,
      fetch,
      authToken: "tok",
    });
    expect(calls).toHaveLength(0);
    expect(agent.name).toBeUndefined();
    await agent.loadConfig();
    await agent.loadConfig();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe("http://os.test/agents/a");
    expect(calls[0]?.headers.Authorization).toBe("Bearer tok");
    expect(agent.name).toBe("Agent v1");
    expect(agent.db?.id).toBe("db-1");
    expect(agent.tools).toEqual([{ name: "t" }]);

    vi.setSystemTime(new Date("2025-01-01T00:00:59Z"));
    await agent.loadConfig();
    expect(calls).toHaveLength(1);
    vi.setSystemTime(new Date("2025-01-01T00:01:01Z"));
    await agent.loadConfig();
    expect(calls).toHaveLength(2);
    expect(agent.name).toBe("Agent v2");

    // getAgentConfig and refreshConfig always fetch
    await agent.getAgentConfig();
    await agent.refreshConfig();
    expect(calls).toHaveLength(4);
    expect(agent.name).toBe("Agent v4");
  });

  it("a stale cache still answers the getters while a refresh runs in the background", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2025-01-01T00:00:00Z"));
    const { calls, fetch } = configFetch();
    const agent = new RemoteAgent({ baseUrl: "http://os.test", agentId: "a", configTtl: 1, fetch });
    await agent.loadConfig();
    vi.setSystemTime(new Date("2025-01-01T00:00:05Z"));
    expect(agent.name).toBe("Agent v1"); // stale, answered at once
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    await vi.waitFor(() => expect(agent.name).toBe("Agent v2"));
  });

  it("concurrent loads share one request", async () => {
    const { calls, fetch } = configFetch();
    const agent = new RemoteAgent({ baseUrl: "http://os.test", agentId: "a", fetch });
    await Promise.all([agent.loadConfig(), agent.loadConfig(), agent.loadConfig()]);
    expect(calls).toHaveLength(1);
  });
});
