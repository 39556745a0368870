/**
 * Parallel research: two researchers work at the same time on the same topic, then a writer
 * step combines their findings (read by step name with getStepContent).
 * Run: pnpm tsx cookbook/workflows/parallel-research.ts
 */
import { Agent, Parallel, Step, type StepInput, Workflow } from "@agno/core";
import { pickModel } from "../shared/model.js";

const webResearcher = new Agent({
  name: "Web researcher",
  model: await pickModel({
    text: "Web: coral reefs cover <1% of the ocean floor but host 25% of marine species.",
  }),
  instructions: "Find recent facts on the web about the topic.",
});
const paperResearcher = new Agent({
  name: "Paper researcher",
  model: await pickModel({
    text: "Papers: reef bleaching events have grown five-fold since the 1980s.",
  }),
  instructions: "Summarize what scientific papers say about the topic.",
});

const workflow = new Workflow({
  name: "Parallel research",
  steps: [
    new Parallel(
      new Step({ name: "Web", agent: webResearcher }),
      new Step({ name: "Papers", agent: paperResearcher }),
      { name: "Research" },
    ),
    new Step({
      name: "Report",
      executor: (input: StepInput) => {
        const findings = input.getStepContent("Research") as Record<string, string>;
        return [`Report on ${input.input}:`, ...Object.values(findings).map((f) => `- ${f}`)].join(
          "\n",
        );
      },
    }),
  ],
});

const stream = workflow.run("Coral reefs", { stream: true, streamEvents: true });
for await (const event of stream) {
  if (event.event === "ParallelExecutionStarted")
    console.log(`[${event.event}] ${event.parallel_step_count} steps`);
  else if (event.event === "StepStarted" || event.event === "StepCompleted")
    console.log(`[${event.event}] ${event.step_name}`);
  else if (event.event === "WorkflowCompleted") console.log(`\n${event.content}`);
}
