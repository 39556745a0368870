/**
 * Authorization from verified context: the JWT's `role` claim decides the tools, and a token
 * without the `agents:run` scope is refused with 403 (FactoryPermissionError). jwtMiddleware
 * verifies tokens (RBAC off) with JWT_VERIFICATION_KEY; without it a throwaway secret is made
 * and sample tokens are printed.
 * Run: pnpm tsx cookbook/factories/jwt-role-factory.ts
 *
 *   curl -X POST http://localhost:7777/agents/workspace-agent/runs \
 *     -H "Authorization: Bearer $TOKEN" -F 'message=Update the onboarding doc' -F 'stream=false'
 */
import {
  Agent,
  AgentFactory,
  FactoryPermissionError,
  InMemoryDb,
  type RequestContext,
  type ToolLike,
  tool,
} from "@agno/core";
import { AgentOS, jwtMiddleware } from "@agno/os";
import { z } from "zod";
import { demoJwt, signDemoToken } from "../shared/demo-jwt.js";
import { pickModel } from "../shared/model.js";

const db = new InMemoryDb({ id: "factory-demo-db" });

const readDocs = tool({
  name: "read_docs",
  description: "Read a workspace document.",
  inputSchema: z.object({ doc: z.string() }),
  execute: ({ doc }) => `Contents of ${doc}: ...`,
});
const writeDocs = tool({
  name: "write_docs",
  description: "Write a workspace document.",
  inputSchema: z.object({ doc: z.string(), text: z.string() }),
  execute: ({ doc }) => `Saved ${doc}.`,
});
const manageMembers = tool({
  name: "manage_members",
  description: "Invite or remove workspace members.",
  inputSchema: z.object({ action: z.enum(["invite", "remove"]), email: z.string() }),
  execute: ({ action, email }) => `${action === "invite" ? "Invited" : "Removed"} ${email}.`,
});

async function buildWorkspaceAgent(ctx: RequestContext): Promise<Agent> {
  if (!ctx.trusted.scopes.has("agents:run")) {
    throw new FactoryPermissionError("Missing 'agents:run' scope");
  }
  const role = ctx.trusted.claims.role;
  const tools: ToolLike[] = [readDocs];
  if (role === "admin" || role === "editor") tools.push(writeDocs);
  if (role === "admin") tools.push(manageMembers);
  return new Agent({
    model: await pickModel(),
    db,
    tools,
    instructions: `You help ${ctx.userId ?? "a user"} (role: ${String(role ?? "viewer")}) with the workspace.`,
  });
}

const workspaceFactory = new AgentFactory({
  id: "workspace-agent",
  db,
  name: "Workspace assistant",
  factory: buildWorkspaceAgent,
});

const jwt = demoJwt();
const agentOs = new AgentOS({
  agents: [workspaceFactory],
  // Verifies tokens and fills ctx.trusted; RBAC is off (authorization: false), the factory decides.
  middleware: [jwtMiddleware({ verificationKeys: [jwt.key], algorithm: jwt.algorithm })],
});
const server = await agentOs.serve();

const curl = (token: string) =>
  `curl -X POST ${server.url}/agents/workspace-agent/runs -H 'Authorization: Bearer ${token}' -F 'message=Tidy up the docs' -F 'stream=false'`;
if (jwt.generated) {
  const token = (sub: string, role: string, scopes: string[]) =>
    signDemoToken(jwt.key, { sub, role, scopes });
  console.log(`No JWT_VERIFICATION_KEY: using a throwaway HS256 secret. Sample requests:

viewer (read_docs):
  ${curl(token("vera", "viewer", ["agents:run"]))}
editor (read_docs, write_docs):
  ${curl(token("eddie", "editor", ["agents:run"]))}
admin (read_docs, write_docs, manage_members):
  ${curl(token("ada", "admin", ["agents:run"]))}
no agents:run scope (403):
  ${curl(token("nina", "admin", ["sessions:read"]))}`);
} else {
  console.log(
    `Verifying tokens with JWT_VERIFICATION_KEY (${jwt.algorithm}). Try:\n  ${curl("$TOKEN")}`,
  );
}
