/**
 * A local team with a remote member: the weather agent runs on an AgentOS (here started in this
 * process; in real use on another machine, set BASE_URL), the writer runs locally. The leader
 * delegates to the remote agent like to any member, and its events stream into the team's.
 * Run: pnpm tsx cookbook/client/remote-team-member.ts
 */
import { RemoteAgent } from "@agno/client";
import { Agent, Team } from "@agno/core";
import type { AgentOSServer } from "@agno/os";
import { pickModel } from "../shared/model.js";
import { startLocalAgentOS } from "./local-agentos.js";

const local: AgentOSServer | undefined = process.env.BASE_URL
  ? undefined
  : await startLocalAgentOS();

try {
  const weather = new RemoteAgent({
    baseUrl: process.env.BASE_URL ?? local!.url,
    agentId: "weather-agent",
  });
  await weather.refreshConfig(); // the leader sees its name, role and description
  console.log(`Remote member: ${weather.name} (${weather.role}) at ${weather.baseUrl}`);

  const poet = new Agent({
    id: "poet",
    name: "Poet",
    model: await pickModel({ text: "Sun over Lisbon, warm stones sing." }),
  });
  const team = new Team({
    name: "Travel Team",
    model: await pickModel({ callTools: ["delegate_task_to_member"] }),
    members: [weather, poet],
    instructions: "Ask the weather agent about the weather, then answer.",
  });

  const stream = team.run("What is the weather in Lisbon?", { stream: true, streamEvents: true });
  for await (const event of stream) {
    const who = (event as { agent_id?: string }).agent_id;
    if (event.event === "TeamToolCallStarted") console.log(`[leader] ${event.event}`);
    if (event.event === "RunStarted" && who) console.log(`[${who}] RunStarted (remote run)`);
    if (event.event === "ToolCallCompleted" && who)
      console.log(`[${who}] ${event.tool?.tool_name} -> ${event.tool?.result}`);
    if (event.event === "RunCompleted" && who) console.log(`[${who}] ${event.content}`);
  }
  const output = await stream.output;
  console.log(`\nTeam answer (${output.status}): ${output.content}`);
} finally {
  await local?.close();
}
