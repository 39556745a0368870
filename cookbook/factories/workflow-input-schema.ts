/**
 * A WorkflowFactory with an input schema: `factory_input` decides whether a research step runs.
 * Run: pnpm tsx cookbook/factories/workflow-input-schema.ts
 *
 *   curl -X POST http://localhost:7777/workflows/pipeline/runs \
 *     -F 'message=Write about coral reefs' -F 'factory_input={"include_research": true}' -F 'stream=false'
 */
import { Agent, InMemoryDb, Step, Workflow, WorkflowFactory } from "@agno/core";
import { AgentOS } from "@agno/os";
import { z } from "zod";
import { pickModel } from "../shared/model.js";

const db = new InMemoryDb({ id: "factory-demo-db" });

const PipelineConfig = z.object({ include_research: z.boolean().default(false) });

const pipelineFactory = new WorkflowFactory({
  id: "pipeline",
  db,
  name: "Pipeline",
  inputSchema: PipelineConfig,
  factory: async (ctx) => {
    const cfg = ctx.input!;
    const steps: Step[] = [];
    if (cfg.include_research) {
      steps.push(
        new Step({
          name: "research",
          agent: new Agent({
            name: "Researcher",
            model: await pickModel({ text: "Facts found." }),
          }),
        }),
      );
    }
    steps.push(
      new Step({
        name: "draft",
        agent: new Agent({ name: "Drafter", model: await pickModel({ text: "A draft." }) }),
      }),
      new Step({
        name: "edit",
        agent: new Agent({ name: "Editor", model: await pickModel({ text: "The final text." }) }),
      }),
    );
    return new Workflow({ name: "Pipeline", db, steps });
  },
});

const server = await new AgentOS({ workflows: [pipelineFactory] }).serve();
console.log(`Try: curl -X POST ${server.url}/workflows/pipeline/runs \\
  -F 'message=Write about coral reefs' -F 'factory_input={"include_research": true}' -F 'stream=false'
Read a run back with the same input: curl '${server.url}/workflows/pipeline/runs/<run_id>?session_id=<session_id>&factory_input=%7B%22include_research%22%3Atrue%7D'`);
