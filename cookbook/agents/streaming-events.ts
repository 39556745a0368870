/**
 * Streaming: `stream: true` yields content as it arrives; `streamEvents: true` adds the run's
 * lifecycle and tool events.
 * Run: pnpm tsx cookbook/agents/streaming-events.ts
 */
import { Agent, tool } from "@agno/core";
import { z } from "zod";
import { pickModel } from "../shared/model.js";

const lookupOrder = tool({
  name: "lookup_order",
  description: "Look up an order by id.",
  inputSchema: z.object({ order_id: z.string() }),
  execute: async ({ order_id }) => ({ order_id, status: "shipped", eta_days: 2 }),
});

const agent = new Agent({
  name: "Support Agent",
  model: await pickModel({ toolArgs: { lookup_order: { order_id: "A-1001" } }, chunkSize: 8 }),
  tools: [lookupOrder],
});

for await (const event of agent.run("Where is order A-1001?", {
  stream: true,
  streamEvents: true,
})) {
  switch (event.event) {
    case "RunStarted":
      console.log(`[RunStarted] model=${event.model}`);
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
      console.log(`\n[RunCompleted] ${event.metrics?.total_tokens} tokens`);
      break;
    default:
      console.log(`[${event.event}]`);
  }
}
