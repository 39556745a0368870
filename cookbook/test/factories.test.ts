import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { signDemoToken } from "../shared/demo-jwt.js";
import { root, tsx } from "./run-script.js";

const secret = "cookbook-test-secret-of-32-bytes!!";
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts a cookbook AgentOS script on a free port and waits until it answers /health. */
async function serve(script: string, jwt = false): Promise<string> {
  const port = await freePort();
  // JWT_VERIFICATION_KEY turns on token verification in AgentOS: only the scripts that verify
  // tokens get it.
  const { JWT_VERIFICATION_KEY: _unset, ...env } = process.env;
  const child = spawn(tsx, [script], {
    cwd: root,
    env: {
      ...env,
      PORT: String(port),
      OPENAI_API_KEY: "",
      ...(jwt ? { JWT_VERIFICATION_KEY: secret } : {}),
    },
    stdio: "ignore",
  });
  children.push(child);
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) return base;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${script} did not start`);
}

function form(fields: Record<string, string>): FormData {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  return body;
}

async function run(base: string, path: string, fields: Record<string, string>, token?: string) {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    body: form({ stream: "false", ...fields }),
    ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe("cookbook/factories serve the seed's examples", () => {
  it("tenant-factory answers the seed's curl with the caller's id", async () => {
    const base = await serve("cookbook/factories/tenant-factory.ts");
    const { status, body } = await run(base, "/agents/tenant-agent/runs", {
      message: "Hello",
      user_id: "tenant_42",
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      agent_id: "tenant-agent",
      user_id: "tenant_42",
      status: "COMPLETED",
    });
    expect(JSON.stringify(body.messages)).toContain("tenant_42");
  });

  it("input-schema-factory validates factory_input before building", async () => {
    const base = await serve("cookbook/factories/input-schema-factory.ts");
    const ok = await run(base, "/agents/research-agent/runs", {
      message: "AI?",
      factory_input: '{"persona":"skeptic","depth":5}',
    });
    expect(ok.status).toBe(200);
    const bad = await run(base, "/agents/research-agent/runs", {
      message: "AI?",
      factory_input: '{"persona":"optimist"}',
    });
    expect(bad.status).toBe(400);
    expect(String(bad.body.detail)).toContain("persona");
    const notObject = await run(base, "/agents/research-agent/runs", {
      message: "AI?",
      factory_input: "[1,2]",
    });
    expect(notObject.status).toBe(400);
    const detail = (await (await fetch(`${base}/agents/research-agent`)).json()) as Record<
      string,
      unknown
    >;
    expect(detail).toMatchObject({ is_factory: true });
  });

  it("jwt-role-factory grants tools by role and refuses callers without agents:run", async () => {
    const base = await serve("cookbook/factories/jwt-role-factory.ts", true);
    const editor = signDemoToken(secret, { sub: "ed", role: "editor", scopes: ["agents:run"] });
    const res = await run(
      base,
      "/agents/workspace-agent/runs",
      { message: "Update the docs" },
      editor,
    );
    expect(res.status).toBe(200);
    expect(res.body.tools.map((t: { tool_name: string }) => t.tool_name).sort()).toEqual([
      "read_docs",
      "write_docs",
    ]);
    const admin = signDemoToken(secret, { sub: "ad", role: "admin", scopes: ["agents:run"] });
    const adminRun = await run(base, "/agents/workspace-agent/runs", { message: "x" }, admin);
    expect(adminRun.body.tools.map((t: { tool_name: string }) => t.tool_name)).toContain(
      "manage_members",
    );
    const noScope = signDemoToken(secret, { sub: "vi", role: "viewer", scopes: [] });
    const denied = await run(base, "/agents/workspace-agent/runs", { message: "x" }, noScope);
    expect(denied.status).toBe(403);
  });

  it("tier-workflow-factory adds the research step for the enterprise tier only", async () => {
    const base = await serve("cookbook/factories/tier-workflow-factory.ts", true);
    const steps = async (tier: string) => {
      const token = signDemoToken(secret, { sub: `u-${tier}`, tier, scopes: ["workflows:run"] });
      const { status, body } = await run(
        base,
        "/workflows/article-pipeline/runs",
        { message: "Write about tides" },
        token,
      );
      expect(status).toBe(200);
      return (body.step_results as Array<{ step_name: string }>).map((s) => s.step_name);
    };
    expect(await steps("enterprise")).toContain("research");
    expect(await steps("free")).not.toContain("research");
  });
});
