import type { AgentOSServer } from "@agno/os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AgentOSClient } from "./client/agentos-client.js";
import { AgentOSHttpError } from "./errors.js";
import { RemoteAgent } from "./remote/remote-agent.js";
import { demoComponents, startAgentOS } from "./test-helpers.js";

const c = demoComponents();
let server: AgentOSServer;
let client: AgentOSClient;

beforeAll(async () => {
  server = await startAgentOS({ agents: [c.tenantAgent], db: c.db });
  client = new AgentOSClient({ baseUrl: server.url });
});
afterAll(async () => {
  await server?.close();
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (e: unknown) => e,
  );
}

describe("factories", () => {
  it("builds the agent from factoryInput (plain and streamed runs)", async () => {
    const out = await client.runAgent("tenant-agent", "Hi", { factoryInput: { tenant: "acme" } });
    expect(out).toMatchObject({
      agent_id: "tenant-agent",
      content: "Hello from acme",
      status: "COMPLETED",
    });
    const stream = client.runAgentStream("tenant-agent", "Hi", {
      factoryInput: { tenant: "globex" },
    });
    for await (const _ of stream) {
      // read to the end
    }
    expect((await stream.output).content).toBe("Hello from globex");
  });

  it("reads a factory agent's stored runs with its factoryInput", async () => {
    const factoryInput = { tenant: "acme" };
    const out = await client.runAgent("tenant-agent", "Hi", { factoryInput, sessionId: "f-s" });
    const run = await client.getAgentRun("tenant-agent", out.run_id!, {
      sessionId: "f-s",
      factoryInput,
    });
    expect(run).toMatchObject({ run_id: out.run_id, content: "Hello from acme" });
    const runs = await client.listAgentRuns("tenant-agent", { sessionId: "f-s", factoryInput });
    expect(runs.map((r) => r.run_id)).toEqual([out.run_id]);
  });

  it("surfaces an invalid factory_input as a 400 AgentOSHttpError", async () => {
    for (const factoryInput of [undefined, { tenant: 42 }]) {
      const error = await rejection(
        client.runAgent("tenant-agent", "Hi", factoryInput ? { factoryInput } : {}),
      );
      expect(AgentOSHttpError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ status: 400, code: "bad_request" });
      expect(String((error as AgentOSHttpError).detail)).toContain("factory_input");
    }
    const streamed = await rejection(
      (async () => {
        for await (const _ of client.runAgentStream("tenant-agent", "Hi", {})) {
          // never reached
        }
      })(),
    );
    expect(streamed).toMatchObject({ status: 400 });
  });

  it("surfaces a FactoryPermissionError as a 403 AgentOSHttpError with its message", async () => {
    const error = await rejection(
      client.runAgent("tenant-agent", "Hi", { factoryInput: { tenant: "blocked" } }),
    );
    expect(AgentOSHttpError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      status: 403,
      code: "forbidden",
      detail: 'Tenant "blocked" may not use this agent.',
    });
  });

  it("RemoteAgent sends its default factoryInput with every run", async () => {
    const agent = new RemoteAgent({
      baseUrl: server.url,
      agentId: "tenant-agent",
      factoryInput: { tenant: "initech" },
    });
    expect((await agent.run("Hi")).content).toBe("Hello from initech");
    const override = await agent.run("Hi", { factoryInput: { tenant: "umbrella" } });
    expect(override.content).toBe("Hello from umbrella");
    const config = await agent.getAgentConfig();
    expect(config).toMatchObject({ id: "tenant-agent", is_factory: true, name: "Tenant Agent" });
  });
});
