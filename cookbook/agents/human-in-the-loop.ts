/**
 * Human in the loop: a tool that requires confirmation pauses the run; `continueRun` resumes it.
 * Run: pnpm tsx cookbook/agents/human-in-the-loop.ts
 */
import { Agent, TestModel, tool } from "@agno/core";
import { z } from "zod";

const deleteRecords = tool({
  name: "delete_records",
  description: "Delete customer records.",
  inputSchema: z.object({ customer_id: z.string() }),
  requiresConfirmation: true,
  execute: ({ customer_id }) => `Deleted records of ${customer_id}`,
});

const agent = new Agent({
  model: new TestModel({ toolArgs: { delete_records: { customer_id: "c-42" } } }),
  tools: [deleteRecords],
});
const paused = await agent.run("Delete the records of customer c-42.");
console.log(`status: ${paused.status} - ${paused.content}`);
for (const t of paused.activeRequirements) {
  console.log(`needs confirmation: ${t.tool_name}(${JSON.stringify(t.tool_args)})`);
  t.confirmed = true; // a real app asks the user here
}
const done = await agent.continueRun({ runOutput: paused });
console.log(`status: ${done.status} - ${done.content}`);
