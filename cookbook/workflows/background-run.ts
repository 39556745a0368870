/**
 * Background runs: `run(..., { background: true })` returns at once (status PENDING/RUNNING);
 * poll with getRun. A slow run is cancelled mid-agent and stored as CANCELLED with the steps
 * that finished.
 * Run: pnpm tsx cookbook/workflows/background-run.ts
 */
import { Agent, InMemoryDb, Step, TestModel, Workflow } from "@agno/core";

const slowModel = new TestModel({ text: "A very slow answer.", latencyMs: 60_000 });
const workflow = new Workflow({
  name: "Background demo",
  db: new InMemoryDb(),
  steps: [
    new Step({ name: "Collect", executor: (input) => `collected ${input.input}` }),
    new Step({ name: "Think slowly", agent: new Agent({ name: "Slow", model: slowModel }) }),
  ],
});

const run = await workflow.run("sensor data", { background: true });
console.log(`started ${run.run_id}: ${run.status}`);

// Wait until the slow agent is thinking, then cancel the whole run.
while (slowModel.requests.length === 0) await new Promise((r) => setTimeout(r, 10));
const progress = await workflow.getRun(run.run_id!);
console.log(
  `progress: ${progress?.status}, finished steps: ${progress?.step_results.map((s) => s.step_name)}`,
);
console.log(`cancelRun -> ${workflow.cancelRun(run.run_id!)}`);

let stored = await workflow.getRunOutput(run.run_id!);
while (stored?.status !== "CANCELLED") {
  await new Promise((r) => setTimeout(r, 10));
  stored = await workflow.getRunOutput(run.run_id!);
}
console.log(
  `stored: ${stored.status}, steps kept: ${stored.step_results.map((s) => `${s.step_name}=${s.content}`)}`,
);
