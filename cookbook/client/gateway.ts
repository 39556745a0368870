/**
 * AgentOS as a gateway: one AgentOS serves the agents, team and workflow of another AgentOS
 * (RemoteAgent / RemoteTeam / RemoteWorkflow) next to its own agent. Callers see one API; runs
 * of remote components are proxied (streams pass through as they arrive, the caller's
 * Authorization is forwarded).
 * Both AgentOS run in this process on free ports, so the example runs offline.
 * Run: pnpm tsx cookbook/client/gateway.ts
 */

import { AgentOSClient, RemoteAgent, RemoteTeam, RemoteWorkflow } from "@agno/client";
import { Agent } from "@agno/core";
import { AgentOS } from "@agno/os";
import { pickModel } from "../shared/model.js";
import { startLocalAgentOS } from "./local-agentos.js";

// The remote AgentOS: a weather agent, a writer, a team and a workflow.
const remote = await startLocalAgentOS();
console.log(`Remote AgentOS on ${remote.url}`);

// The gateway: a local agent, plus the remote's components by id.
const greeter = new Agent({
  id: "greeter",
  name: "Greeter",
  model: await pickModel({ text: "Hello from the gateway!" }),
});
const gatewayOs = new AgentOS({
  name: "Gateway AgentOS",
  agents: [greeter, new RemoteAgent({ baseUrl: remote.url, agentId: "weather-agent" })],
  teams: [new RemoteTeam({ baseUrl: remote.url, teamId: "travel-team" })],
  workflows: [new RemoteWorkflow({ baseUrl: remote.url, workflowId: "weather-report" })],
});
const gateway = await gatewayOs.serve({ port: 0, host: "127.0.0.1", handleSignals: false });
console.log(`Gateway AgentOS on ${gateway.url}`);

try {
  const client = new AgentOSClient({ baseUrl: gateway.url });

  // One listing: local and remote components together.
  const agents = await client.listAgents();
  console.log(`Agents via gateway: ${agents.map((a) => a.id).join(", ")}`);
  console.log(`Teams via gateway: ${(await client.listTeams()).map((t) => t.id).join(", ")}`);
  const workflows = await client.listWorkflows();
  console.log(`Workflows via gateway: ${workflows.map((w) => w.id).join(", ")}`);

  // A remote agent's details come from the remote AgentOS.
  const weather = await client.getAgent("weather-agent");
  console.log(`\n${weather.name}: ${weather.description}`);

  // A local run and a proxied run, through the same API.
  const hello = await client.runAgent("greeter", "Hi!");
  console.log(`greeter (local) ${hello.status}: ${hello.content}`);
  const run = await client.runAgent("weather-agent", "What is the weather in Lisbon?");
  console.log(`weather-agent (remote) ${run.status}: ${run.content}`);

  // A proxied stream: events arrive as the remote AgentOS sends them.
  const names: string[] = [];
  for await (const event of client.runAgentStream("weather-agent", "And tomorrow?")) {
    names.push(event.event);
  }
  console.log(`Streamed events: ${[...new Set(names)].join(" -> ")}`);

  const team = await client.runTeam("travel-team", "Plan a walk in Lisbon");
  console.log(`travel-team (remote) ${team.status}`);
  const report = await client.runWorkflow("weather-report", "Write the report");
  console.log(`weather-report (remote) ${report.status}: ${report.content}`);
} finally {
  await gateway.close();
  await remote.close();
}
