/**
 * An async factory: AgentOS awaits it on every request (here a tenant-profile lookup).
 * Run: pnpm tsx cookbook/factories/async-factory.ts
 *
 *   curl -X POST http://localhost:7777/agents/async-agent/runs \
 *     -F 'message=What do you do?' -F 'user_id=acme' -F 'stream=false'
 */
import { Agent, AgentFactory, InMemoryDb, type RequestContext } from "@agno/core";
import { AgentOS } from "@agno/os";
import { pickModel } from "../shared/model.js";

const db = new InMemoryDb({ id: "factory-demo-db" });

interface TenantProfile {
  name: string;
  instructions: string;
}

const PROFILES: Record<string, TenantProfile> = {
  acme: {
    name: "Acme",
    instructions: "You support Acme's rocket customers. Mention safety first.",
  },
  globex: { name: "Globex", instructions: "You support Globex's engineers. Be very technical." },
};

/** Stands in for a database or HTTP lookup. */
async function fetchTenantProfile(userId: string | null): Promise<TenantProfile> {
  await new Promise((resolve) => setTimeout(resolve, 5));
  return PROFILES[userId ?? ""] ?? { name: "Guest", instructions: "You are a helpful assistant." };
}

const asyncFactory = new AgentFactory({
  id: "async-agent",
  db,
  name: "Async tenant assistant",
  factory: async (ctx: RequestContext) => {
    const profile = await fetchTenantProfile(ctx.userId);
    return new Agent({
      model: await pickModel({ text: `(${profile.name}) ${profile.instructions}` }),
      db,
      instructions: profile.instructions,
    });
  },
});

const server = await new AgentOS({ agents: [asyncFactory] }).serve();
console.log(`Try: curl -X POST ${server.url}/agents/async-agent/runs \\
  -F 'message=What do you do?' -F 'user_id=acme' -F 'stream=false'`);
