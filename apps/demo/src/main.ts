/**
 * The AgentOS demo: a prototype agent with tools, a team, a workflow and three factories, stored
 * in SQLite (agno.db). Uses OpenAI when OPENAI_API_KEY is set, the offline TestModel otherwise.
 *
 * Run from the repository root: pnpm start   (PORT=8080 pnpm start to change the port)
 * With JWT_VERIFICATION_KEY set, tokens are verified (RBAC off) and their claims reach the
 * factories (e.g. `tier: "enterprise"` adds a research step to content-pipeline).
 */
import { SqliteDb } from "@agno/db-sqlite";
import { AgentOS, type JwtMiddlewareOptions, jwtMiddleware } from "@agno/os";
import { assistantAgent, blogWorkflow, researchTeam } from "./components.js";
import { contentPipelineFactory, researchAgentFactory, tenantAgentFactory } from "./factories.js";
import { openAIModelId, usesOpenAI } from "./model.js";

const db = new SqliteDb({ dbFile: "agno.db", id: "demo-db" });
const jwtKey = process.env.JWT_VERIFICATION_KEY;
const algorithm = (process.env.JWT_ALGORITHM ??
  (jwtKey?.includes("-----BEGIN") ? "RS256" : "HS256")) as JwtMiddlewareOptions["algorithm"];

const agentOs = new AgentOS({
  id: "agno-demo",
  name: "Agno Demo",
  description: "Agents, a team, a workflow and per-request factories.",
  db,
  agents: [assistantAgent(db), tenantAgentFactory(db), researchAgentFactory(db)],
  teams: [researchTeam(db)],
  workflows: [blogWorkflow(db), contentPipelineFactory(db)],
  config: {
    chat: {
      quickPrompts: {
        assistant: ["What time is it?", "What is 6 times 7?"],
        "research-agent": ["What are the latest trends in AI?"],
      },
    },
  },
  ...(jwtKey ? { middleware: [jwtMiddleware({ verificationKeys: [jwtKey], algorithm })] } : {}),
});

const server = await agentOs.serve();
const lines = [
  "",
  `Model: ${usesOpenAI ? `OpenAI (${openAIModelId})` : "TestModel (offline; set OPENAI_API_KEY to use OpenAI)"}`,
  `Auth:  ${jwtKey ? `JWT verified (${algorithm}); send Authorization: Bearer <token>` : "none (set JWT_VERIFICATION_KEY to verify tokens)"}`,
  `AgentOS running at ${server.url}  (docs: ${server.url}/docs)`,
  "",
  "Try:",
  `  curl -X POST ${server.url}/agents/assistant/runs -F 'message=What is 6 times 7?' -F 'stream=false'`,
  `  curl -N -X POST ${server.url}/agents/tenant-agent/runs -F 'message=Hello, who are you?' -F 'user_id=tenant_42'`,
  `  curl -X POST ${server.url}/agents/research-agent/runs -F 'message=Trends in AI?' -F 'factory_input={"persona":"skeptic","depth":5}' -F 'stream=false'`,
  `  curl -X POST ${server.url}/workflows/content-pipeline/runs -F 'message=Write about sustainable energy' -F 'stream=false'`,
  "",
];
process.stdout.write(`${lines.join("\n")}\n`);
