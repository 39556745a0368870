/**
 * TeamFactory: a fresh team per request, its members built for the calling tenant.
 * Run: pnpm tsx cookbook/factories/team-factory.ts
 *
 *   curl -X POST http://localhost:7777/teams/tenant-team/runs \
 *     -F 'message=Plan our launch' -F 'user_id=tenant_42' -F 'stream=false'
 */
import { Agent, InMemoryDb, type RequestContext, Team, TeamFactory } from "@agno/core";
import { AgentOS } from "@agno/os";
import { pickModel } from "../shared/model.js";

const db = new InMemoryDb({ id: "factory-demo-db" });

async function buildTenantTeam(ctx: RequestContext): Promise<Team> {
  const tenant = ctx.userId ?? "anonymous";
  const researcher = new Agent({
    name: "Researcher",
    role: `Finds facts for tenant ${tenant}.`,
    model: await pickModel({ text: `Facts for ${tenant}: the market is growing.` }),
  });
  const planner = new Agent({
    name: "Planner",
    role: `Writes plans for tenant ${tenant}.`,
    model: await pickModel({ text: `Plan for ${tenant}: launch in three steps.` }),
  });
  return new Team({
    name: `Team for ${tenant}`,
    model: await pickModel(),
    members: [researcher, planner],
    instructions: `You coordinate work for tenant ${tenant}: research first, then plan.`,
  });
}

const teamFactory = new TeamFactory({
  id: "tenant-team",
  db,
  name: "Tenant team",
  description: "A research-and-planning team built per tenant.",
  factory: buildTenantTeam,
});

const server = await new AgentOS({ teams: [teamFactory] }).serve();
console.log(`Try: curl -X POST ${server.url}/teams/tenant-team/runs \\
  -F 'message=Plan our launch' -F 'user_id=tenant_42' -F 'stream=false'`);
