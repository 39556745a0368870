import type { AgentOSServer } from "@agno/os";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AgentOSClient } from "./client/agentos-client.js";
import { AgentOSHttpError } from "./errors.js";
import { RemoteAgent } from "./remote/remote-agent.js";
import { demoComponents, startAgentOS } from "./test-helpers.js";

const SECRET = "a-test-secret-that-is-long-enough-for-hs256";
const c = demoComponents();
let server: AgentOSServer;

async function token(scopes: string[], sub = "user-1"): Promise<string> {
  return new SignJWT({ scopes })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime("10m")
    .sign(new TextEncoder().encode(SECRET));
}

beforeAll(async () => {
  server = await startAgentOS({
    id: "jwt-os",
    agents: [c.assistant, c.writer],
    db: c.db,
    authorization: true,
    authorizationConfig: { verificationKeys: [SECRET], algorithm: "HS256" },
  });
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

describe("a JWT-protected AgentOS", () => {
  it("answers 401 without a token", async () => {
    const client = new AgentOSClient({ baseUrl: server.url });
    const error = await rejection(client.getConfig());
    expect(AgentOSHttpError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 401, code: "unauthorized" });
  });

  it("accepts a per-call authToken (Bearer), for plain and streamed runs", async () => {
    const client = new AgentOSClient({ baseUrl: server.url });
    const admin = await token(["agent_os:admin"]);
    const config = await client.getConfig({ authToken: admin });
    expect(config.os_id).toBe("jwt-os");
    const out = await client.runAgent("writer", "Write", { authToken: admin });
    expect(out.status).toBe("COMPLETED");
    expect(out.user_id).toBe("user-1"); // the verified subject
    const stream = client.runAgentStream("writer", "Write", { authToken: admin });
    for await (const _ of stream) {
      // read to the end
    }
    expect((await stream.output).status).toBe("COMPLETED");
  });

  it("uses the client's authToken and headers, and the call's Authorization header wins", async () => {
    const reader = await token(["agents:read"]);
    const client = new AgentOSClient({ baseUrl: server.url, authToken: reader });
    expect((await client.listAgents()).map((a) => a.id)).toEqual(["assistant", "writer"]);
    const denied = await rejection(client.runAgent("writer", "Write"));
    expect(denied).toMatchObject({ status: 403, code: "forbidden" });
    expect(String((denied as AgentOSHttpError).detail)).toContain("agents:run");
    const runner = await token(["agents:run"]);
    const out = await client.runAgent("writer", "Write", {
      headers: { Authorization: `Bearer ${runner}` },
    });
    expect(out.status).toBe("COMPLETED");
  });

  it("scopes a token to one agent", async () => {
    const client = new AgentOSClient({ baseUrl: server.url });
    const scoped = await token(["agents:writer:run", "agents:writer:read"]);
    expect((await client.runAgent("writer", "Write", { authToken: scoped })).status).toBe(
      "COMPLETED",
    );
    const error = await rejection(client.runAgent("assistant", "Hi", { authToken: scoped }));
    expect(error).toMatchObject({ status: 403 });
  });

  it("rejects an invalid token with 401", async () => {
    const client = new AgentOSClient({ baseUrl: server.url, authToken: "not-a-jwt" });
    const error = await rejection(client.getConfig());
    expect(error).toMatchObject({ status: 401 });
    expect(String((error as AgentOSHttpError).detail)).toMatch(
      /Invalid token|Error decoding token/,
    );
  });

  it("RemoteAgent sends its authToken for configuration and runs", async () => {
    const admin = await token(["agent_os:admin"]);
    const agent = new RemoteAgent({ baseUrl: server.url, agentId: "assistant", authToken: admin });
    expect((await agent.getAgentConfig()).name).toBe("Assistant");
    expect((await agent.run("What is 2 + 3?")).status).toBe("COMPLETED");
    const anonymous = new RemoteAgent({ baseUrl: server.url, agentId: "assistant" });
    expect(await rejection(anonymous.run("Hi"))).toMatchObject({ status: 401 });
    const viaCall = await anonymous.run("Hi", { authToken: admin });
    expect(viaCall.status).toBe("COMPLETED");
  });
});
