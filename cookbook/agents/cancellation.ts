/**
 * Cancelling a run: `agent.cancelRun(runId)` stops it; the stream ends with RunCancelled and the
 * output's status is CANCELLED.
 * Run: pnpm tsx cookbook/agents/cancellation.ts
 */
import { Agent, TestModel } from "@agno/core";

const agent = new Agent({
  model: new TestModel({
    text: "Once upon a time, a very long story began and went on and on...",
    chunkSize: 6,
    latencyMs: 50,
  }),
});

const stream = agent.run("Tell me a long story.", { stream: true, streamEvents: true });
setTimeout(() => console.log(`\ncancelRun -> ${agent.cancelRun(stream.runId)}`), 180);
for await (const event of stream) {
  if (event.event === "RunContent") process.stdout.write(String(event.content));
  else console.log(`[${event.event}]${event.event === "RunCancelled" ? ` ${event.reason}` : ""}`);
}
