type JsonSchema = Record<string, any>;

/**
 * Builds a deterministic value that satisfies a JSON Schema: defaults, consts and enums first,
 * then the smallest valid value of the type. Used by TestModel to call tools and answer in JSON.
 */
export function sampleFromSchema(
  schema: JsonSchema | undefined,
  root: JsonSchema = schema ?? {},
  depth = 0,
): unknown {
  if (!schema || depth > 12) return null;
  if (typeof schema.$ref === "string")
    return sampleFromSchema(resolveRef(root, schema.$ref), root, depth + 1);
  if ("default" in schema) return schema.default;
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  for (const key of ["anyOf", "oneOf"] as const) {
    if (Array.isArray(schema[key]) && schema[key].length > 0) {
      const nonNull = schema[key].find((s: JsonSchema) => s.type !== "null") ?? schema[key][0];
      return sampleFromSchema(nonNull, root, depth + 1);
    }
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) {
    return Object.assign(
      {},
      ...schema.allOf.map((s: JsonSchema) => sampleFromSchema(s, root, depth + 1)),
    );
  }
  const type = Array.isArray(schema.type)
    ? (schema.type.find((t: string) => t !== "null") ?? "null")
    : schema.type;
  switch (type) {
    case "string":
      return sampleString(schema);
    case "integer":
      return sampleNumber(schema, true);
    case "number":
      return sampleNumber(schema, false);
    case "boolean":
      return false;
    case "null":
      return null;
    case "array": {
      const count = Math.max(schema.minItems ?? 0, 1);
      if (schema.maxItems === 0) return [];
      if (Array.isArray(schema.prefixItems)) {
        return schema.prefixItems.map((s: JsonSchema) => sampleFromSchema(s, root, depth + 1));
      }
      return Array.from({ length: count }, () =>
        sampleFromSchema(schema.items ?? {}, root, depth + 1),
      );
    }
    default: {
      if (type === "object" || schema.properties) {
        const out: Record<string, unknown> = {};
        for (const [key, prop] of Object.entries<JsonSchema>(schema.properties ?? {})) {
          out[key] = sampleFromSchema(prop, root, depth + 1);
        }
        return out;
      }
      return type === undefined ? "a" : null;
    }
  }
}

function resolveRef(root: JsonSchema, ref: string): JsonSchema | undefined {
  if (!ref.startsWith("#/")) return undefined;
  let node: any = root;
  for (const part of ref.slice(2).split("/"))
    node = node?.[part.replace(/~1/g, "/").replace(/~0/g, "~")];
  return node;
}

function sampleString(schema: JsonSchema): string {
  switch (schema.format) {
    case "email":
      return "user@example.com";
    case "uri":
    case "url":
      return "https://example.com";
    case "uuid":
      return "00000000-0000-4000-8000-000000000000";
    case "date-time":
      return "2025-01-01T00:00:00Z";
    case "date":
      return "2025-01-01";
    case "time":
      return "00:00:00";
  }
  const min = schema.minLength ?? 1;
  const max = schema.maxLength ?? Math.max(min, 1);
  return "a".repeat(Math.min(Math.max(min, 1), max));
}

function sampleNumber(schema: JsonSchema, integer: boolean): number {
  const step = integer ? 1 : 0.5;
  let low = Number.NEGATIVE_INFINITY;
  if (typeof schema.minimum === "number") low = schema.minimum;
  if (typeof schema.exclusiveMinimum === "number")
    low = Math.max(low, schema.exclusiveMinimum + step);
  let high = Number.POSITIVE_INFINITY;
  if (typeof schema.maximum === "number") high = schema.maximum;
  if (typeof schema.exclusiveMaximum === "number")
    high = Math.min(high, schema.exclusiveMaximum - step);
  let value = Math.min(Math.max(0, low), high);
  if (integer) value = Math.ceil(value) <= high ? Math.ceil(value) : Math.floor(value);
  return value;
}
