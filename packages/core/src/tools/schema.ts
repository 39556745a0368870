import { formatIssues, isStandardSchema, type StandardSchemaV1 } from "@agno/factory";
import { z } from "zod";

/** A JSON Schema object. */
export type JsonSchema = Record<string, unknown>;

/** A schema given by the user: zod (or any Standard Schema with a JSON Schema) or a plain JSON Schema object. */
export type SchemaLike = z.ZodType | StandardSchemaV1 | JsonSchema;

/** True for zod schemas (v4). */
export function isZodSchema(value: unknown): value is z.ZodType {
  return typeof value === "object" && value !== null && "_zod" in value;
}

/** JSON Schema of a zod schema or a JSON Schema object, without the `$schema` key. */
export function toJsonSchema(schema: SchemaLike, io: "input" | "output" = "input"): JsonSchema {
  if (isZodSchema(schema)) {
    const json = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
    delete json.$schema;
    return json;
  }
  if (isStandardSchema(schema)) {
    throw new TypeError(
      "Only zod schemas and JSON Schema objects can describe tool arguments or outputs.",
    );
  }
  return schema;
}

/** Name of a schema: its `title` (zod `.meta({ title })`), else the fallback. */
export function schemaName(schema: SchemaLike, fallback: string): string {
  if (isZodSchema(schema)) {
    const meta = (schema as z.ZodType & { meta(): Record<string, unknown> | undefined }).meta?.();
    const title = meta?.title ?? meta?.id;
    return typeof title === "string" && title ? title : fallback;
  }
  const title = (schema as JsonSchema).title;
  return typeof title === "string" && title ? title : fallback;
}

/** Validation outcome: the parsed value, or a readable message listing the problems. */
export type ValidationResult =
  | { ok: true; value: unknown }
  | { ok: false; message: string; issues: unknown };

/**
 * Validates `value` against a zod / Standard Schema. JSON Schema objects are not validated here
 * (the value is returned as is), since they carry no validator.
 */
export async function validateWithSchema(
  schema: SchemaLike,
  value: unknown,
): Promise<ValidationResult> {
  if (!isStandardSchema(schema)) return { ok: true, value };
  const result = await schema["~standard"].validate(value);
  if (result.issues)
    return { ok: false, message: formatIssues(result.issues), issues: result.issues };
  return { ok: true, value: result.value };
}
