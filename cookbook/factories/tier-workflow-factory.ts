/**
 * A step graph that varies by tier: the verified `tier` claim (never the request body) adds a
 * research step for enterprise callers. jwtMiddleware verifies tokens with JWT_VERIFICATION_KEY;
 * without it a throwaway secret is made and sample tokens are printed.
 * Run: pnpm tsx cookbook/factories/tier-workflow-factory.ts
 *
 *   curl -X POST http://localhost:7777/workflows/article-pipeline/runs \
 *     -H "Authorization: Bearer $TOKEN" -F 'message=Write about tide pools' -F 'stream=false'
 */
import {
  Agent,
  InMemoryDb,
  type RequestContext,
  Step,
  Workflow,
  WorkflowFactory,
} from "@agno/core";
import { AgentOS, jwtMiddleware } from "@agno/os";
import { demoJwt, signDemoToken } from "../shared/demo-jwt.js";
import { pickModel } from "../shared/model.js";

const db = new InMemoryDb({ id: "factory-demo-db" });

const TIER_MODELS: Record<string, string> = {
  free: "gpt-4.1-mini",
  pro: "gpt-4.1",
  enterprise: "gpt-4.1",
};

async function agent(name: string, instructions: string, modelId: string): Promise<Agent> {
  const model = await pickModel({ text: `${name} done (${modelId}).` });
  return new Agent({
    name,
    instructions,
    // With OPENAI_API_KEY the tier picks the model; offline every step uses TestModel.
    model: typeof model === "string" ? `openai:${modelId}` : model,
  });
}

async function buildArticlePipeline(ctx: RequestContext): Promise<Workflow> {
  const tier = String(ctx.trusted.claims.tier ?? "free");
  const modelId = TIER_MODELS[tier] ?? "gpt-4.1-mini";
  const steps: Step[] = [];
  if (tier === "enterprise") {
    steps.push(
      new Step({
        name: "research",
        agent: await agent("Researcher", "Research the topic.", modelId),
      }),
    );
  }
  steps.push(
    new Step({ name: "draft", agent: await agent("Drafter", "Draft the article.", modelId) }),
  );
  steps.push(
    new Step({ name: "edit", agent: await agent("Editor", "Edit the article.", modelId) }),
  );
  return new Workflow({ name: "Article Pipeline", db, steps });
}

const articleFactory = new WorkflowFactory({
  id: "article-pipeline",
  db,
  name: "Article Pipeline",
  description: "Draft and edit; enterprise tier researches first.",
  factory: buildArticlePipeline,
});

const jwt = demoJwt();
const agentOs = new AgentOS({
  workflows: [articleFactory],
  middleware: [jwtMiddleware({ verificationKeys: [jwt.key], algorithm: jwt.algorithm })],
});
const server = await agentOs.serve();

const curl = (token: string) =>
  `curl -X POST ${server.url}/workflows/article-pipeline/runs -H 'Authorization: Bearer ${token}' -F 'message=Write about tide pools' -F 'stream=false'`;
if (jwt.generated) {
  console.log(`No JWT_VERIFICATION_KEY: using a throwaway HS256 secret. Sample requests:

free tier (draft, edit):
  ${curl(signDemoToken(jwt.key, { sub: "fran", tier: "free" }))}
enterprise tier (research, draft, edit):
  ${curl(signDemoToken(jwt.key, { sub: "erin", tier: "enterprise" }))}`);
} else {
  console.log(
    `Verifying tokens with JWT_VERIFICATION_KEY (${jwt.algorithm}). Try:\n  ${curl("$TOKEN")}`,
  );
}
