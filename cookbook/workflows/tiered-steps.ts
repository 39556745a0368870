/**
 * A step graph that depends on the customer's tier, kept in session state: premium customers get
 * a deep analysis (a Condition with an else branch), everyone gets a summary. The state is shared
 * by every step and stored with the session (InMemoryDb here).
 * Run: pnpm tsx cookbook/workflows/tiered-steps.ts
 */
import { Agent, Condition, InMemoryDb, Step, type StepInput, Workflow } from "@agno/core";
import { pickModel } from "../shared/model.js";

const analyst = new Agent({
  name: "Analyst",
  model: await pickModel({ text: "Deep analysis: churn risk is low; upsell the annual plan." }),
  instructions: "Analyse the customer's request in depth.",
});

const workflow = new Workflow({
  name: "Support desk",
  db: new InMemoryDb(),
  steps: [
    new Step({
      name: "Log request",
      executor: (input: StepInput, ctx) => {
        ctx.sessionState.requests = ((ctx.sessionState.requests as number) ?? 0) + 1;
        return `Request #${ctx.sessionState.requests}: ${input.input}`;
      },
    }),
    new Condition({
      name: "Premium tier",
      evaluator: (_input, ctx) => ctx.sessionState.tier === "premium",
      steps: [new Step({ name: "Deep analysis", agent: analyst })],
      elseSteps: [
        new Step({ name: "Quick answer", executor: () => "See our FAQ for a quick answer." }),
      ],
    }),
    new Step({
      name: "Summary",
      executor: (input: StepInput, ctx) =>
        `[${ctx.sessionState.tier}] ${input.getStepContent("Log request")} -> ${input.previous_step_content}`,
    }),
  ],
});

for (const tier of ["free", "premium"]) {
  const output = await workflow.run("My invoice looks wrong", {
    sessionId: `customer-${tier}`,
    sessionState: { tier },
  });
  const ran = output.step_results.flatMap((s) => [
    s.step_name,
    ...(s.steps ?? []).map((c) => `  ${c.step_name}`),
  ]);
  console.log(`${tier}: ${ran.join(" | ")}`);
  console.log(`  ${output.content}`);
}

await workflow.run("Another question", { sessionId: "customer-premium" });
console.log("stored state:", await workflow.getSessionState("customer-premium"));
