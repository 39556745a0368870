/**
 * AgentOSClient: discover an AgentOS, run an agent, then read its sessions and manage memories.
 * Talks to BASE_URL (default http://localhost:7777); when nothing answers there, it starts a
 * small AgentOS in this process so the example runs offline.
 * Run: pnpm tsx cookbook/client/agentos-client.ts
 */
import { AgentOSClient, AgentOSHttpError, RemoteServerUnavailableError } from "@agno/client";
import type { AgentOSServer } from "@agno/os";
import { startLocalAgentOS } from "./local-agentos.js";

let local: AgentOSServer | undefined;
let client = new AgentOSClient({
  baseUrl: process.env.BASE_URL ?? "http://localhost:7777",
  timeout: 5,
});

try {
  await client.getHealth();
} catch (error) {
  if (!RemoteServerUnavailableError.isInstance(error) || process.env.BASE_URL) throw error;
  console.log(`No AgentOS at ${error.baseUrl}: starting one in this process.`);
  local = await startLocalAgentOS();
  client = new AgentOSClient({ baseUrl: local.url });
}

try {
  // Discovery
  const config = await client.getConfig();
  console.log(`Connected to: ${config.name ?? config.os_id}`);
  console.log(`Agents: ${config.agents.map((a) => a.id).join(", ")}`);
  console.log(`Teams: ${config.teams.map((t) => t.id).join(", ") || "-"}`);
  console.log(`Workflows: ${config.workflows.map((w) => w.id).join(", ") || "-"}`);

  const agentId = config.agents.find((a) => a.id === "weather-agent")?.id ?? config.agents[0]?.id;
  if (!agentId) throw new Error("This AgentOS serves no agent.");
  const agent = await client.getAgent(agentId);
  console.log(`\n${agent.name ?? agent.id}: ${agent.description ?? ""}`);

  // A run, in a session of our own
  const sessionId = `cookbook-${Date.now()}`;
  const run = await client.runAgent(agentId, "What is the weather in Lisbon?", {
    sessionId,
    userId: "ada",
  });
  console.log(`Run ${run.status}: ${run.content}`);
  console.log(`Tokens: ${run.metrics?.total_tokens ?? 0}`);

  // Sessions
  const sessions = await client.getSessions({ userId: "ada", limit: 5 });
  console.log(`\nSessions of ada: ${sessions.meta.total_count}`);
  const runs = await client.getSessionRuns(sessionId);
  console.log(`Runs in ${sessionId}: ${runs.map((r) => r.run_id).join(", ")}`);

  // Memories
  const memory = await client.createMemory({
    memory: "Ada prefers answers in Celsius",
    userId: "ada",
    topics: ["preferences"],
  });
  const memories = await client.listMemories({ userId: "ada", topics: ["preferences"] });
  console.log(`\nMemories of ada: ${memories.data.map((m) => m.memory).join(" | ")}`);
  await client.deleteMemory(memory.memory_id, { userId: "ada" });
  await client.deleteSession(sessionId);

  // Errors carry the server's status and detail
  try {
    await client.getAgent("no-such-agent");
  } catch (error) {
    if (AgentOSHttpError.isInstance(error)) console.log(`\n${error.status}: ${error.detail}`);
    else throw error;
  }
} finally {
  await local?.close();
}
