type Schema = Record<string, unknown>;

/** Keywords OpenAI's strict mode rejects; a schema using them is sent with `strict: false`. */
const UNSUPPORTED = [
  "allOf",
  "not",
  "if",
  "then",
  "else",
  "dependentRequired",
  "dependentSchemas",
  "patternProperties",
  "unevaluatedProperties",
  "unevaluatedItems",
  "propertyNames",
  "prefixItems",
  "contains",
  "minProperties",
  "maxProperties",
] as const;

/** A node must say what it is through one of these. */
const TYPED = ["type", "anyOf", "oneOf", "$ref", "const", "enum"] as const;

class NotStrict extends Error {}

/**
 * Rewrites a JSON Schema into the form OpenAI's strict mode accepts: every object closed with
 * `additionalProperties: false` and listing all of its properties in `required`, `oneOf` as
 * `anyOf`, no `default`. Returns `undefined` when that would change what the schema accepts (an optional
 * property that cannot be null, open objects such as records, keywords strict mode lacks, a root
 * that is not an object), in which case the schema should be sent as is with `strict: false`.
 * The input is never mutated.
 */
export function toStrictJsonSchema(schema: Schema): Schema | undefined {
  if (!isObjectSchema(schema)) return undefined;
  try {
    return strictify(schema) as Schema;
  } catch (error) {
    if (error instanceof NotStrict) return undefined;
    throw error;
  }
}

/** The schema and strict flag to send: strict when requested and possible, else the original schema non-strict. */
export function strictOrLoose(
  schema: Schema,
  wantStrict: boolean,
): { schema: Schema; strict: boolean } {
  if (!wantStrict) return { schema, strict: false };
  const strict = toStrictJsonSchema(schema);
  return strict ? { schema: strict, strict: true } : { schema, strict: false };
}

function isObjectSchema(schema: Schema): boolean {
  return schema.type === "object" || (schema.type === undefined && isRecord(schema.properties));
}

function isRecord(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function strictify(node: unknown): unknown {
  if (!isRecord(node)) throw new NotStrict();
  for (const key of UNSUPPORTED) if (key in node) throw new NotStrict();
  // An unconstrained schema (`{}`, zod's any/unknown) has no strict equivalent.
  if (!TYPED.some((key) => key in node)) throw new NotStrict();
  const out: Schema = { ...node };
  // Strict mode rejects `default`; the property is required anyway, so it carries no meaning.
  delete out.default;

  if (isObjectSchema(node) || (Array.isArray(node.type) && node.type.includes("object"))) {
    const extra = node.additionalProperties;
    if (extra !== undefined && extra !== false) throw new NotStrict();
    const properties = isRecord(node.properties) ? node.properties : {};
    const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
    const strictProps: Schema = {};
    for (const [key, child] of Object.entries(properties)) {
      strictProps[key] = strictify(child);
      if (!required.has(key) && !acceptsNull(child)) throw new NotStrict();
    }
    out.properties = strictProps;
    out.required = Object.keys(strictProps);
    out.additionalProperties = false;
  }
  if (node.items !== undefined) {
    if (Array.isArray(node.items)) throw new NotStrict();
    out.items = strictify(node.items);
  }
  if (Array.isArray(node.oneOf)) {
    delete out.oneOf;
    out.anyOf = [...(Array.isArray(node.anyOf) ? node.anyOf : []), ...node.oneOf].map(strictify);
  } else if (Array.isArray(node.anyOf)) {
    out.anyOf = node.anyOf.map(strictify);
  }
  for (const defsKey of ["$defs", "definitions"]) {
    const defs = node[defsKey];
    if (isRecord(defs)) {
      out[defsKey] = Object.fromEntries(Object.entries(defs).map(([k, v]) => [k, strictify(v)]));
    }
  }
  return out;
}

function acceptsNull(node: unknown): boolean {
  if (!isRecord(node)) return node === true;
  if (node.type === "null") return true;
  if (Array.isArray(node.type) && node.type.includes("null")) return true;
  if (node.const === null) return true;
  if (Array.isArray(node.enum) && node.enum.includes(null)) return true;
  for (const key of ["anyOf", "oneOf"]) {
    const list = node[key];
    if (Array.isArray(list) && list.some(acceptsNull)) return true;
  }
  return false;
}
