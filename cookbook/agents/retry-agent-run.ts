/**
 * RetryAgentRun: a tool sends feedback to the model, which tries again within the same run.
 * Run: pnpm tsx cookbook/agents/retry-agent-run.ts
 */
import { Agent, FunctionModel, RetryAgentRun, tool } from "@agno/core";
import { z } from "zod";

const shoppingList: string[] = [];

const addItem = tool({
  name: "add_item",
  description: "Add an item to the shopping list.",
  inputSchema: z.object({ item: z.string() }),
  execute: ({ item }) => {
    shoppingList.push(item);
    if (shoppingList.length < 3) {
      throw new RetryAgentRun(
        `The list has ${shoppingList.length} item(s); add at least 3. Current: ${shoppingList.join(", ")}`,
      );
    }
    return `List complete: ${shoppingList.join(", ")}`;
  },
});

// An offline model that follows the feedback: it keeps adding items while the tool asks for more.
const items = ["milk", "eggs", "bread"];
const model = new FunctionModel((messages) => {
  const last = messages.at(-1);
  if (last?.role === "tool" && !last.tool_call_error) return `Done. ${last.content}`;
  const n = messages.filter((m) => m.role === "tool").length;
  return {
    content: null,
    toolCalls: [
      {
        id: `call_${n}`,
        type: "function",
        function: { name: "add_item", arguments: JSON.stringify({ item: items[n] }) },
      },
    ],
  };
});

const agent = new Agent({ model, tools: [addItem] });
const output = await agent.run("Add milk to my shopping list.");
for (const m of output.messages ?? []) {
  if (m.role === "tool") console.log(`tool -> ${m.tool_call_error ? "retry: " : ""}${m.content}`);
}
console.log(`\n${output.status}: ${output.content}`);
