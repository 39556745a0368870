/**
 * A two-step pipeline: a writer drafts, an editor tightens the draft. The editor receives the
 * writer's output (each agent step gets the previous step's content).
 * Run: pnpm tsx cookbook/workflows/draft-then-edit.ts
 */
import { Agent, FunctionModel, Step, Workflow } from "@agno/core";
import { pickModel } from "../shared/model.js";

const writer = new Agent({
  name: "Writer",
  model: await pickModel({
    text: "Tide pools are small worlds left behind by the sea. Anemones, crabs and sea stars live there, and they wait, very patiently, for the tide to come back in again.",
  }),
  instructions: "Write a short first draft (3-4 sentences) about the topic.",
});

// Offline, the editor's model trims filler words from the draft it receives.
const offlineEditor = new FunctionModel((messages) => {
  const draft = String(messages.findLast((m) => m.role === "user")?.content ?? "");
  return draft.replace(/,? ?very patiently,?/g, "").replace(/ again/g, "");
});

const editor = new Agent({
  name: "Editor",
  model: process.env.OPENAI_API_KEY ? await pickModel() : offlineEditor,
  instructions:
    "Tighten the draft: remove filler words, keep the facts. Answer with the text only.",
});

const workflow = new Workflow({
  name: "Draft then edit",
  steps: [
    new Step({ name: "Draft", agent: writer }),
    new Step({ name: "Edit", agent: editor, maxRetries: 1 }),
  ],
});

const output = await workflow.run("Tide pools");
for (const step of output.step_results) console.log(`[${step.step_name}] ${step.content}\n`);
console.log(`Final (${output.status}): ${output.content}`);
console.log(`Steps with metrics: ${Object.keys(output.metrics?.steps ?? {}).join(", ")}`);
