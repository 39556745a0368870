import { getLogger, type Image, type Message, type OutputSchemaSpec, type Usage } from "@agno/core";
import { imageUrl } from "./media.js";
import { strictOrLoose } from "./strict-schema.js";

/** What the Chat Completions and Responses wire formats share, in their own shapes. */

/** A user message's text part and image parts (images without a URL or bytes are skipped). */
export async function textAndImageParts(
  message: Message,
  part: {
    text(text: string): Record<string, unknown>;
    image(url: string, image: Image): Record<string, unknown>;
  },
): Promise<Array<Record<string, unknown>>> {
  const parts: Array<Record<string, unknown>> = [];
  const text = message.content ?? "";
  if (text) parts.push(part.text(text));
  for (const image of message.images ?? []) {
    const url = await imageUrl(image);
    if (url) parts.push(part.image(url, image));
  }
  return parts;
}

/** Warns that a message's videos were dropped: no OpenAI model takes video input. */
export function warnVideos(): void {
  getLogger().warn("OpenAI models do not take video input; the videos were not sent.");
}

/** A schema name the API accepts (`[a-zA-Z0-9_-]`, at most 64 characters). */
export function schemaName(name: string): string {
  const clean = name.replace(/[^a-zA-Z0-9_-]/g, "_").slice(0, 64);
  return clean || "output";
}

/**
 * The structured-output format for an output schema, with the JSON schema wrapped by `wrap` into
 * the endpoint's shape; undefined for prompt-only structured output.
 */
export function outputFormat(
  spec: OutputSchemaSpec,
  strictOutput: boolean,
  wrap: (format: {
    name: string;
    schema: Record<string, unknown>;
    strict: boolean;
  }) => Record<string, unknown>,
): Record<string, unknown> | undefined {
  if (spec.mode === "json_object") return { type: "json_object" };
  if (spec.mode !== "json_schema") return undefined;
  const { schema, strict } = strictOrLoose(spec.schema, strictOutput && spec.strict);
  return wrap({ name: schemaName(spec.name), schema, strict });
}

/** The token counts both endpoints report, as Agno metrics (zero counts left out). */
export function tokenUsage(counts: {
  input?: number | null | undefined;
  output?: number | null | undefined;
  total?: number | null | undefined;
  cached?: number | null | undefined;
  cacheWrite?: number | null | undefined;
  reasoning?: number | null | undefined;
}): Usage {
  const input = counts.input ?? 0;
  const output = counts.output ?? 0;
  const out: Usage = {
    input_tokens: input,
    output_tokens: output,
    total_tokens: counts.total ?? input + output,
  };
  if (counts.cached) out.cache_read_tokens = counts.cached;
  if (counts.cacheWrite) out.cache_write_tokens = counts.cacheWrite;
  if (counts.reasoning) out.reasoning_tokens = counts.reasoning;
  return out;
}
