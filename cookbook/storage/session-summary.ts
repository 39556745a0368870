/**
 * Session summaries: after each run the session gets a summary (with topics), which later runs
 * see in their system message.
 * Run: pnpm tsx cookbook/storage/session-summary.ts
 */
import { Agent, InMemoryDb } from "@agno/core";
import { pickModel } from "../shared/model.js";

const agent = new Agent({
  name: "Travel Agent",
  model: await pickModel({
    output: { summary: "The user is planning a week in Rome in May.", topics: ["travel", "rome"] },
  }),
  db: new InMemoryDb(),
  enableSessionSummaries: true,
});

for await (const event of agent.run("Help me plan a week in Rome in May.", {
  sessionId: "trip",
  stream: true,
  streamEvents: true,
})) {
  if (event.event.startsWith("SessionSummary")) console.log(`[${event.event}]`);
}
const summary = await agent.getSessionSummary("trip");
console.log(`summary: ${summary?.summary}`);
console.log(`topics: ${summary?.topics?.join(", ")}`);
