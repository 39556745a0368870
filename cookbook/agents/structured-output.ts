/**
 * Structured output: with an `outputSchema` (zod), `content` is the parsed, typed object.
 * Run: pnpm tsx cookbook/agents/structured-output.ts
 */
import { Agent } from "@agno/core";
import { z } from "zod";
import { pickModel } from "../shared/model.js";

const MovieScript = z
  .object({
    name: z.string().describe("Title of the movie"),
    setting: z.string().describe("Where and when it takes place"),
    genre: z.enum(["action", "comedy", "drama", "thriller"]),
    characters: z.array(z.string()).min(2),
  })
  .meta({ title: "MovieScript" });

const agent = new Agent({
  name: "Screenwriter",
  model: await pickModel({
    output: {
      name: "Tides of Lisbon",
      setting: "Lisbon, 1755",
      genre: "drama",
      characters: ["Inês", "Tomás"],
    },
  }),
  description: "You write movie scripts.",
  outputSchema: MovieScript,
});

const output = await agent.run("Write a movie about an earthquake.");
const script = output.content; // typed as z.output<typeof MovieScript>
console.log(`content_type: ${output.content_type}`);
console.log(`${script?.name} (${script?.genre}), set in ${script?.setting}`);
console.log(`characters: ${script?.characters.join(", ")}`);
