/**
 * A router: a selector picks the writer that fits the request (technical or general); the picked
 * step runs, the others do not.
 * Run: pnpm tsx cookbook/workflows/content-router.ts
 */
import { Agent, Router, Step, type StepInput, Workflow } from "@agno/core";
import { pickModel } from "../shared/model.js";

const techWriter = new Step({
  name: "Technical writer",
  agent: new Agent({
    name: "Tech",
    model: await pickModel({
      text: "Call POST /v1/runs with your API key in the Authorization header.",
    }),
    instructions: "Answer technical questions precisely, with code when useful.",
  }),
});
const generalWriter = new Step({
  name: "General writer",
  agent: new Agent({
    name: "General",
    model: await pickModel({ text: "Happy to help! Here is a friendly overview." }),
    instructions: "Answer in a friendly, non-technical way.",
  }),
});

const workflow = new Workflow({
  name: "Content router",
  steps: [
    new Router({
      name: "Pick a writer",
      choices: [techWriter, generalWriter],
      // Selectors may be async (for example, ask a classifier model); they return steps or names.
      selector: async (input: StepInput) =>
        /api|endpoint|code|sdk/i.test(String(input.input)) ? techWriter : "General writer",
    }),
  ],
});

for (const question of ["How do I call the runs API?", "What can your product do for me?"]) {
  const output = await workflow.run(question);
  const chosen = output.step_results[0]?.steps?.map((s) => s.step_name).join(", ");
  console.log(`${question}\n  -> ${chosen}: ${output.content}`);
}
