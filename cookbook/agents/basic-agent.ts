/**
 * The smallest agent: a model and instructions.
 * Run: pnpm tsx cookbook/agents/basic-agent.ts
 */
import { Agent } from "@agno/core";
import { pickModel } from "../shared/model.js";

const agent = new Agent({
  name: "Basic Agent",
  model: await pickModel({
    text: "Grilled salmon with quinoa and roasted vegetables: light, quick and balanced.",
  }),
  instructions: "You are a helpful assistant. All your responses must be brief and concise.",
  markdown: true,
});

await agent.printResponse("What healthy dinner can I have today?", { stream: true });
