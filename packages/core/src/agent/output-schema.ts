import { OutputParseError } from "../errors.js";
import type { Model, OutputSchemaSpec } from "../models/model.js";
import {
  isZodSchema,
  type SchemaLike,
  schemaName,
  toJsonSchema,
  validateWithSchema,
} from "../tools/schema.js";
import { extractJson } from "../utils/json.js";

/** An output schema: zod, or a JSON Schema object. */
export type OutputSchemaLike = SchemaLike;

/** How to request structured output from a model, given the agent's settings. */
export function outputSchemaSpec(
  schema: OutputSchemaLike,
  model: Model,
  options: { useJsonMode?: boolean; structuredOutputs?: boolean },
): OutputSchemaSpec {
  const json = toJsonSchema(schema, "output");
  const name = schemaName(schema, isZodSchema(schema) ? "object" : "dict");
  let mode: OutputSchemaSpec["mode"] = "prompt";
  if (options.useJsonMode) mode = model.supportsJsonMode ? "json_object" : "prompt";
  else if (options.structuredOutputs !== false && model.supportsNativeStructuredOutputs)
    mode = "json_schema";
  return { name, schema: json, strict: true, mode };
}

/** Parses model text into the schema: JSON (also inside fences or surrounding prose), then validation. */
export async function parseStructuredOutput(
  schema: OutputSchemaLike,
  text: string,
): Promise<unknown> {
  const cleaned = text.replace(/<think>[\s\S]*?<\/think>/g, "");
  const value = extractJson(cleaned);
  if (value === undefined) {
    throw new OutputParseError(
      `The model's answer is not valid JSON for the output schema: ${truncate(text)}`,
      {
        content: text,
      },
    );
  }
  const result = await validateWithSchema(schema, value);
  if (!result.ok) {
    throw new OutputParseError(
      `The model's answer does not match the output schema: ${result.message}`,
      {
        content: text,
        cause: result.issues,
      },
    );
  }
  return result.value;
}

function truncate(text: string): string {
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}
