/**
 * A research team: the leader delegates to a searcher and a writer and answers from their work.
 * Run: pnpm tsx cookbook/teams/research-team.ts
 */
import { Agent, Team, tool } from "@agno/core";
import { z } from "zod";
import { pickModel } from "../shared/model.js";

const searchWeb = tool({
  name: "search_web",
  description: "Search the web.",
  inputSchema: z.object({ query: z.string() }),
  execute: ({ query }) => [
    { title: `Results for ${query}`, snippet: "Solid-state batteries reach 500 Wh/kg in labs." },
  ],
});

const searcher = new Agent({
  id: "searcher",
  name: "Searcher",
  role: "Finds facts on the web",
  model: await pickModel({ toolArgs: { search_web: { query: "solid-state batteries" } } }),
  tools: [searchWeb],
});
const writer = new Agent({
  id: "writer",
  name: "Writer",
  role: "Writes clear briefs",
  model: await pickModel({
    text: "Brief: solid-state batteries promise 500 Wh/kg; mass production is the hurdle.",
  }),
});

const team = new Team({
  name: "Research Team",
  model: await pickModel(),
  members: [searcher, writer],
  delegateToAllMembers: !process.env.OPENAI_API_KEY, // offline, show both members at work
  instructions: "Research the topic, then have the writer produce a brief.",
  storeMemberResponses: true,
});

for await (const event of team.run("Write a brief on solid-state batteries", {
  stream: true,
  streamEvents: true,
})) {
  if (event.event === "TeamToolCallStarted")
    console.log(`[leader] ${String((event.tool as { tool_name?: string })?.tool_name)}`);
  if (event.event === "RunStarted") console.log(`  [member ${event.agent_id}] started`);
  if (event.event === "ToolCallCompleted")
    console.log(`  [member ${event.agent_id}] ${event.tool?.tool_name} -> ${event.tool?.result}`);
  if (event.event === "RunCompleted")
    console.log(`  [member ${event.agent_id}] ${String(event.content)}`);
  if (event.event === "TeamRunCompleted") console.log(`\n[team] ${String(event.content)}`);
}
