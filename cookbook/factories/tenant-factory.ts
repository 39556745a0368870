/**
 * AgentFactory: a fresh agent per request whose instructions name the caller (the seed's tenant
 * factory). Run: pnpm tsx cookbook/factories/tenant-factory.ts   (PORT=7778 to change the port)
 *
 *   curl -X POST http://localhost:7777/agents/tenant-agent/runs \
 *     -F 'message=Hello, who are you?' -F 'user_id=tenant_42' -F 'stream=false'
 */
import { Agent, AgentFactory, InMemoryDb, type RequestContext } from "@agno/core";
import { AgentOS } from "@agno/os";
import { pickModel } from "../shared/model.js";

const db = new InMemoryDb({ id: "factory-demo-db" }); // or new SqliteDb(...) / new PostgresDb(...)

async function buildTenantAgent(ctx: RequestContext): Promise<Agent> {
  const userId = ctx.userId ?? "anonymous";
  return new Agent({
    model: await pickModel({ text: `Hi ${userId}, I am the assistant of your tenant.` }),
    db,
    instructions: `You are a helpful assistant for tenant ${userId}. Be concise.`,
    markdown: true,
  });
}

const tenantFactory = new AgentFactory({
  id: "tenant-agent",
  db,
  factory: buildTenantAgent,
  name: "Per-tenant assistant",
  description: "Builds a personalized agent per tenant on each request.",
});

const agentOs = new AgentOS({ agents: [tenantFactory] });
const server = await agentOs.serve();
console.log(`Try: curl -X POST ${server.url}/agents/tenant-agent/runs \\
  -F 'message=Hello, who are you?' -F 'user_id=tenant_42' -F 'stream=false'`);
