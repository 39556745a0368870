/**
 * StopAgentRun: a tool ends the tool-call loop at once; the run completes with what it has.
 * Run: pnpm tsx cookbook/agents/stop-agent-run.ts
 */
import { Agent, StopAgentRun, TestModel, tool } from "@agno/core";
import { z } from "zod";

const transfer = tool({
  name: "transfer_funds",
  description: "Transfer money between accounts.",
  inputSchema: z.object({ amount: z.number(), to: z.string() }),
  execute: ({ amount, to }) => {
    if (amount > 1000) {
      throw new StopAgentRun(
        `Transfers above 1000 need manual review (asked ${amount} to ${to}).`,
        {
          agentMessage: "This transfer needs a human review; I have stopped here.",
        },
      );
    }
    return `Transferred ${amount} to ${to}`;
  },
});

const model = new TestModel({ toolArgs: { transfer_funds: { amount: 5000, to: "ACME" } } });
const agent = new Agent({ model, tools: [transfer] });
const output = await agent.run("Send 5000 to ACME.");
console.log(`status: ${output.status}`);
console.log(`tool result: ${output.tools?.[0]?.result}`);
console.log(`last message: ${output.messages?.at(-1)?.content}`);
console.log(`model calls: ${model.requests.length}`);
