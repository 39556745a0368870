/**
 * An agent with tools: the model calls them, the agent runs them (concurrently when the model asks
 * for several at once) and the model answers from their results.
 * Run: pnpm tsx cookbook/agents/agent-with-tools.ts
 */
import { Agent, Toolkit, tool } from "@agno/core";
import { z } from "zod";
import { pickModel } from "../shared/model.js";

const getWeather = tool({
  name: "get_weather",
  description: "Get the current weather for a city.",
  inputSchema: z.object({ city: z.string().describe("City name") }),
  execute: async ({ city }) => ({ city, condition: "sunny", temperature_c: 21 }),
});

const calculator = new Toolkit({
  name: "calculator",
  instructions: "Use the calculator for any arithmetic.",
  addInstructions: true,
  tools: [
    tool({
      name: "add",
      description: "Add two numbers.",
      inputSchema: z.object({ a: z.number(), b: z.number() }),
      execute: ({ a, b }) => a + b,
    }),
    tool({
      name: "multiply",
      description: "Multiply two numbers.",
      inputSchema: z.object({ a: z.number(), b: z.number() }),
      execute: ({ a, b }) => a * b,
    }),
  ],
});

const agent = new Agent({
  name: "Tool Agent",
  model: await pickModel({
    toolArgs: { get_weather: { city: "Paris" }, add: { a: 2, b: 3 }, multiply: { a: 4, b: 5 } },
  }),
  tools: [getWeather, calculator],
  instructions: "Answer using your tools.",
});

const output = await agent.run("What's the weather in Paris, what is 2 + 3 and what is 4 * 5?");
for (const t of output.tools ?? [])
  console.log(`tool ${t.tool_name}(${JSON.stringify(t.tool_args)}) -> ${t.result}`);
console.log(`\n${output.content}`);
console.log(
  `\ntokens: ${output.metrics?.total_tokens}, duration: ${output.metrics?.duration?.toFixed(3)}s`,
);
