/**
 * A loop with an end condition: a writer revises until a reviewer approves (or three rounds
 * pass). Session state carries the round number between iterations.
 * Run: pnpm tsx cookbook/workflows/loop-until-approved.ts
 */
import { Agent, FunctionModel, Loop, Step, type StepOutput, Workflow } from "@agno/core";
import { pickModel } from "../shared/model.js";

// Offline, the writer adds one more detail per round.
const offlineWriter = new FunctionModel((_messages, info) => {
  const details = ["a hook", "a statistic", "a call to action"].slice(0, info.callIndex + 1);
  return `Tagline draft with ${details.join(", ")}.`;
});
const writer = new Agent({
  name: "Writer",
  model: process.env.OPENAI_API_KEY ? await pickModel() : offlineWriter,
  instructions: "Write a one-sentence tagline; improve it each time you are asked.",
});

const review = new Step({
  name: "Review",
  executor: (input, ctx) => {
    ctx.sessionState.round = ((ctx.sessionState.round as number) ?? 0) + 1;
    const draft = String(input.previous_step_content);
    return draft.includes("call to action") ? `APPROVED: ${draft}` : `REVISE: ${draft}`;
  },
});

const workflow = new Workflow({
  name: "Tagline loop",
  steps: [
    new Loop({
      name: "Write and review",
      steps: [new Step({ name: "Write", agent: writer }), review],
      maxIterations: 3,
      endCondition: (outputs: StepOutput[]) =>
        String(outputs.at(-1)?.content).startsWith("APPROVED"),
    }),
  ],
});

const stream = workflow.run("A tagline for a reef-safe sunscreen", {
  stream: true,
  streamEvents: true,
});
for await (const event of stream) {
  if (event.event === "LoopIterationStarted")
    console.log(`-- iteration ${event.iteration}/${event.max_iterations}`);
  if (event.event === "StepCompleted" && event.step_name === "Review")
    console.log(`   ${event.content}`);
  if (event.event === "LoopExecutionCompleted")
    console.log(`Loop ended after ${event.total_iterations} iterations.`);
  if (event.event === "WorkflowCompleted") console.log(`Final: ${event.content}`);
}
