import {
  Agent,
  AgentFactory,
  type BaseDb,
  type RequestContext,
  Step,
  Workflow,
  WorkflowFactory,
} from "@agno/core";
import { z } from "zod";
import { model } from "./model.js";

/** The seed's tenant factory: a fresh agent per request whose instructions name the caller. */
export function tenantAgentFactory(db: BaseDb): AgentFactory {
  return new AgentFactory({
    id: "tenant-agent",
    db,
    name: "Per-tenant assistant",
    description: "Builds a personalized agent per tenant on each request.",
    factory: (ctx: RequestContext) => {
      const userId = ctx.userId ?? "anonymous";
      return new Agent({
        model: model({ text: `Hello ${userId}! I am your tenant assistant.` }),
        db,
        instructions: `You are a helpful assistant for tenant ${userId}. Be concise.`,
        markdown: true,
      });
    },
  });
}

const PERSONAS = {
  analyst: "You are a data-driven research analyst. Cite sources and use numbers.",
  advisor: "You are a strategic advisor. Focus on actionable recommendations.",
  skeptic: "You are a critical skeptic. Challenge assumptions and highlight risks.",
} as const;

const ResearchInput = z.object({
  persona: z.enum(["analyst", "advisor", "skeptic"]).default("analyst"),
  depth: z.number().int().min(1).max(10).default(3),
});

/** A factory whose client picks persona and depth through `factory_input` (validated first). */
export function researchAgentFactory(db: BaseDb) {
  return new AgentFactory({
    id: "research-agent",
    db,
    name: "Research agent",
    description: "Research with a persona and depth chosen per request.",
    inputSchema: ResearchInput,
    factory: (ctx) => {
      const { persona, depth } = ctx.input!;
      return new Agent({
        model: model({ text: `(${persona}, depth ${depth}) Here is my research.` }),
        db,
        instructions: `${PERSONAS[persona]}\n\nResearch depth: ${depth} (higher = more thorough).`,
        markdown: true,
      });
    },
  });
}

function writer(name: string, instructions: string, offline: string): Agent {
  return new Agent({ name, model: model({ text: offline }), instructions });
}

/**
 * A workflow whose steps depend on the verified `tier` claim: enterprise callers get a research
 * step before draft and edit. The claim comes from verified middleware only (see main.ts).
 */
export function contentPipelineFactory(db: BaseDb): WorkflowFactory {
  return new WorkflowFactory({
    id: "content-pipeline",
    db,
    name: "Content Pipeline",
    description: "Draft then edit; enterprise tier adds a research step first.",
    factory: (ctx) => {
      const tier = String(ctx.trusted.claims.tier ?? "free");
      const tenant = ctx.userId ?? "anonymous";
      const steps: Step[] = [];
      if (tier === "enterprise") {
        steps.push(
          new Step({
            name: "research",
            description: "Gather facts",
            agent: writer(
              "Researcher",
              `Research the topic for tenant ${tenant}.`,
              "Facts gathered.",
            ),
          }),
        );
      }
      steps.push(
        new Step({
          name: "draft",
          description: "Write the first draft",
          agent: writer("Drafter", `You are a content drafter for tenant ${tenant}.`, "A draft."),
        }),
        new Step({
          name: "edit",
          description: "Edit and finalize",
          agent: writer("Editor", `You are an editor for tenant ${tenant}.`, "The final text."),
        }),
      );
      return new Workflow({ name: `Content Pipeline (${tier})`, db, steps });
    },
  });
}
