import { Agent, type BaseDb, Step, Team, tool, Workflow } from "@agno/core";
import { z } from "zod";
import { model } from "./model.js";

const getCurrentTime = tool({
  name: "get_current_time",
  description: "The current date and time (ISO 8601, UTC).",
  inputSchema: z.object({}),
  execute: () => new Date().toISOString(),
});

const calculate = tool({
  name: "calculate",
  description: "Apply an arithmetic operation to two numbers.",
  inputSchema: z.object({
    operation: z.enum(["add", "subtract", "multiply", "divide"]),
    a: z.number(),
    b: z.number(),
  }),
  execute: ({ operation, a, b }) => {
    const result =
      operation === "add"
        ? a + b
        : operation === "subtract"
          ? a - b
          : operation === "multiply"
            ? a * b
            : b === 0
              ? Number.NaN
              : a / b;
    return `${a} ${operation} ${b} = ${result}`;
  },
});

/** A prototype agent with tools, shared by every request. */
export function assistantAgent(db: BaseDb): Agent {
  return new Agent({
    id: "assistant",
    name: "Assistant",
    description: "A helpful assistant that can tell the time and do arithmetic.",
    model: model({ toolArgs: { calculate: { operation: "multiply", a: 6, b: 7 } } }),
    db,
    tools: [getCurrentTime, calculate],
    instructions: "Use your tools for the time and for arithmetic. Be concise.",
    addHistoryToContext: true,
    markdown: true,
  });
}

/** A team: a researcher and a writer led by a coordinator. */
export function researchTeam(db: BaseDb): Team {
  const researcher = new Agent({
    name: "Researcher",
    role: "Finds the key facts about a topic.",
    model: model({ text: "Key facts: tide pools host anemones, sea stars and crabs." }),
  });
  const writer = new Agent({
    name: "Writer",
    role: "Writes a short, clear answer from the facts.",
    model: model({ text: "Tide pools are rocky seaside basins full of life." }),
  });
  return new Team({
    id: "research-team",
    name: "Research Team",
    description: "Researches a topic, then writes a short brief.",
    model: model(),
    members: [researcher, writer],
    db,
    instructions: "Ask the Researcher for facts, then the Writer for the brief.",
  });
}

/** A workflow: draft, then edit. */
export function blogWorkflow(db: BaseDb): Workflow {
  return new Workflow({
    id: "blog-post",
    name: "Blog Post",
    description: "Drafts a blog post, then edits it.",
    db,
    steps: [
      new Step({
        name: "draft",
        description: "Write the first draft",
        agent: new Agent({
          name: "Drafter",
          model: model({ text: "First draft: a short post on the topic." }),
          instructions: "Write a first draft about the topic.",
        }),
      }),
      new Step({
        name: "edit",
        description: "Edit and finalize",
        agent: new Agent({
          name: "Editor",
          model: model({ text: "Final post: polished and concise." }),
          instructions: "Edit the draft for clarity. Output the final version.",
        }),
      }),
    ],
  });
}
