/**
 * WorkflowFactory: a draft-then-edit workflow built per request for the calling tenant.
 * Run: pnpm tsx cookbook/factories/workflow-factory.ts
 *
 *   curl -X POST http://localhost:7777/workflows/content-pipeline/runs \
 *     -F 'message=Write a blog post about sustainable energy' -F 'user_id=tenant_42' -F 'stream=false'
 */
import {
  Agent,
  InMemoryDb,
  type RequestContext,
  Step,
  Workflow,
  WorkflowFactory,
} from "@agno/core";
import { AgentOS } from "@agno/os";
import { pickModel } from "../shared/model.js";

const db = new InMemoryDb({ id: "factory-demo-db" });

async function buildContentPipeline(ctx: RequestContext): Promise<Workflow> {
  const userId = ctx.userId ?? "anonymous";
  const drafter = new Agent({
    name: "Drafter",
    model: await pickModel({ text: "Draft: energy from sun and wind is getting cheaper." }),
    instructions: `You are a content drafter for tenant ${userId}. Write a first draft based on the topic. Keep it focused and concise.`,
  });
  const editor = new Agent({
    name: "Editor",
    model: await pickModel({ text: "Final: Solar and wind power keep getting cheaper." }),
    instructions: `You are an editor for tenant ${userId}. Review the draft for clarity, grammar, and structure. Output the final version.`,
  });
  return new Workflow({
    name: "Content Pipeline",
    description: "Draft then edit content",
    db,
    steps: [
      new Step({ name: "draft", description: "Write the first draft", agent: drafter }),
      new Step({ name: "edit", description: "Edit and finalize", agent: editor }),
    ],
  });
}

const contentPipelineFactory = new WorkflowFactory({
  id: "content-pipeline",
  db,
  factory: buildContentPipeline,
  name: "Content Pipeline",
  description: "Builds a draft-then-edit content workflow per tenant.",
});

const server = await new AgentOS({ workflows: [contentPipelineFactory] }).serve();
console.log(`Try: curl -X POST ${server.url}/workflows/content-pipeline/runs \\
  -F 'message=Write a blog post about sustainable energy' -F 'user_id=tenant_42' -F 'stream=false'
Then read the run back (the factory is rebuilt): curl '${server.url}/workflows/content-pipeline/runs?session_id=<session_id>'`);
