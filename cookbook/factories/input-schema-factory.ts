/**
 * A factory with an input schema: the client picks persona and depth with `factory_input`,
 * validated before the factory runs (400 on invalid input; `{}` is validated when omitted).
 * Run: pnpm tsx cookbook/factories/input-schema-factory.ts
 *
 *   curl -X POST http://localhost:7777/agents/research-agent/runs \
 *     -F 'message=What are the latest trends in AI?' \
 *     -F 'factory_input={"persona": "skeptic", "depth": 5}' -F 'stream=false'
 */
import { Agent, AgentFactory, InMemoryDb } from "@agno/core";
import { AgentOS } from "@agno/os";
import { z } from "zod";
import { pickModel } from "../shared/model.js";

const db = new InMemoryDb({ id: "factory-demo-db" });

const PERSONAS = {
  analyst: "You are a data-driven research analyst. Cite sources and use numbers.",
  advisor: "You are a strategic advisor. Focus on actionable recommendations.",
  skeptic: "You are a critical skeptic. Challenge assumptions and highlight risks.",
} as const;

const ResearchInput = z.object({
  persona: z.enum(["analyst", "advisor", "skeptic"]).default("analyst"),
  depth: z.number().default(3),
});

const researchFactory = new AgentFactory({
  id: "research-agent",
  db,
  inputSchema: ResearchInput,
  factory: async (ctx) => {
    const cfg = ctx.input!; // typed from the schema: { persona, depth }
    return new Agent({
      model: await pickModel({ text: `[${cfg.persona}, depth ${cfg.depth}] My research notes.` }),
      db,
      instructions: `${PERSONAS[cfg.persona]}\n\nResearch depth: ${cfg.depth} (higher = more thorough).`,
      markdown: true,
    });
  },
});

const server = await new AgentOS({ agents: [researchFactory] }).serve();
console.log(`Try: curl -X POST ${server.url}/agents/research-agent/runs \\
  -F 'message=What are the latest trends in AI?' \\
  -F 'factory_input={"persona": "skeptic", "depth": 5}' -F 'stream=false'
Invalid input (400): -F 'factory_input={"persona": "optimist"}'
Schema: curl ${server.url}/agents/research-agent`);
