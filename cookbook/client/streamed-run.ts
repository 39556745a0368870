/**
 * A streamed run: the agent's events as they happen (tool calls, content deltas, completion),
 * then the run's output built from them. Uses BASE_URL when set, else starts a small AgentOS in
 * this process.
 * Run: pnpm tsx cookbook/client/streamed-run.ts
 */
import { AgentOSClient } from "@agno/client";
import type { AgentOSServer } from "@agno/os";
import { startLocalAgentOS } from "./local-agentos.js";

const local: AgentOSServer | undefined = process.env.BASE_URL
  ? undefined
  : await startLocalAgentOS();
const client = new AgentOSClient({ baseUrl: process.env.BASE_URL ?? local!.url });
const agentId = process.env.AGENT_ID ?? "weather-agent";

try {
  const stream = client.runAgentStream(agentId, "What is the weather in Lisbon?", {
    streamEvents: true,
  });
  for await (const event of stream) {
    switch (event.event) {
      case "RunStarted":
        console.log(`[RunStarted] run=${stream.runId} model=${event.model}`);
        break;
      case "ToolCallStarted":
        console.log(
          `[ToolCallStarted] ${event.tool?.tool_name}(${JSON.stringify(event.tool?.tool_args)})`,
        );
        break;
      case "ToolCallCompleted":
        console.log(`[ToolCallCompleted] ${event.tool?.tool_name} -> ${event.tool?.result}`);
        break;
      case "RunContent":
        process.stdout.write(String(event.content ?? ""));
        break;
      case "RunCompleted":
        console.log(`\n[RunCompleted] tokens=${event.metrics?.total_tokens ?? 0}`);
        break;
      case "RunError":
        console.log(`\n[RunError] ${event.content}`);
        break;
    }
  }
  const output = await stream.output;
  console.log(`Output: ${output.status} "${output.content}"`);
} finally {
  await local?.close();
}
