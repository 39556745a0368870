/**
 * A small AgentOS started in this process on a free port, so the client examples run offline
 * (TestModel unless OPENAI_API_KEY is set). In real use the AgentOS runs elsewhere.
 */
import { Agent, InMemoryDb, Step, Team, tool, Workflow } from "@agno/core";
import { AgentOS, type AgentOSServer } from "@agno/os";
import { pickModel } from "../shared/model.js";

const getWeather = tool({
  name: "get_weather",
  description: "Get the weather of a city.",
  inputSchema: {
    type: "object",
    properties: { city: { type: "string" } },
    required: ["city"],
  },
  execute: (args: Record<string, any>) => `Sunny and 22°C in ${args.city}`,
});

/** Starts the example AgentOS: a weather agent, a writer, a team and a workflow. */
export async function startLocalAgentOS(): Promise<AgentOSServer> {
  const db = new InMemoryDb({ id: "cookbook-db" });
  const weather = new Agent({
    id: "weather-agent",
    name: "Weather Agent",
    role: "Knows the weather of any city",
    description: "Answers questions about the weather.",
    model: await pickModel({ toolArgs: { get_weather: { city: "Lisbon" } }, chunkSize: 6 }),
    tools: [getWeather],
    db,
  });
  const writer = new Agent({
    id: "writer",
    name: "Writer",
    model: await pickModel({ text: "Lisbon basks in the sun today: a perfect day for a walk." }),
    db,
  });
  const team = new Team({
    id: "travel-team",
    name: "Travel Team",
    model: await pickModel({ callTools: ["delegate_task_to_member"] }),
    members: [weather, writer],
    db,
  });
  const workflow = new Workflow({
    id: "weather-report",
    name: "Weather Report",
    steps: [new Step({ name: "write", agent: writer })],
    db,
  });
  const os = new AgentOS({
    name: "Cookbook AgentOS",
    agents: [weather, writer],
    teams: [team],
    workflows: [workflow],
    db,
  });
  return os.serve({ port: 0, host: "127.0.0.1", handleSignals: false });
}
