import { toJsonSchema } from "@agno/core";
import type { JsonSchema } from "../http/route-group.js";

/** Drops undefined and null values (the reference's `exclude_none`), keeping false and 0. */
export function compact<T extends Record<string, unknown>>(value: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined && v !== null) out[key] = v;
  return out as Partial<T>;
}

/** A sub-dict with only the set values, or undefined when none is set. */
export function section(value: Record<string, unknown>): Record<string, unknown> | undefined {
  const out = compact(value);
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * The JSON Schema of a zod schema (or of a Standard Schema exposing one); undefined when the
 * schema cannot describe itself.
 */
export function schemaToJson(schema: unknown): JsonSchema | undefined {
  if (!schema || typeof schema !== "object") return undefined;
  try {
    if ("_zod" in schema) return toJsonSchema(schema as Parameters<typeof toJsonSchema>[0]);
    const standard = (schema as { "~standard"?: { jsonSchema?: { input?: unknown } } })[
      "~standard"
    ];
    const input = standard?.jsonSchema?.input;
    if (typeof input === "function") {
      return input.call(standard?.jsonSchema, { target: "draft-2020-12" }) as JsonSchema;
    }
    if (!("~standard" in schema)) return schema as JsonSchema;
  } catch {
    return undefined;
  }
  return undefined;
}

/** Epoch seconds as an ISO-8601 UTC datetime (`2025-01-01T00:00:00Z`). */
export function isoFromSeconds(value: unknown): string | undefined {
  if (typeof value !== "number" || !Number.isFinite(value)) return undefined;
  return new Date(value * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}
