import { InputValidationError } from "../errors.js";
import { type SchemaLike, validateWithSchema } from "../tools/schema.js";

/**
 * A run's input checked against the component's `inputSchema` (a JSON string is parsed first);
 * the validated value. Without a schema the input is kept as is, but an agent needs one.
 * Throws {@link InputValidationError} naming the component and the problem.
 */
export async function validateRunInput(
  input: unknown,
  schema: SchemaLike | undefined,
  component: { kind: "agent" | "team" | "workflow"; name: string },
): Promise<unknown> {
  const { kind, name } = component;
  const label = `${kind === "workflow" ? "Workflow" : "Agent"} "${name}"`;
  if (input === undefined || input === null) {
    if (kind === "workflow" && schema) {
      throw new InputValidationError(`${label} has an inputSchema: pass an input that matches it.`);
    }
    if (kind !== "workflow" && !schema) {
      throw new InputValidationError(`${label} needs an input; got ${String(input)}.`);
    }
  }
  if (!schema) return input;
  let candidate = input;
  if (typeof input === "string") {
    try {
      candidate = JSON.parse(input);
    } catch {
      throw new InputValidationError(
        `${label} expects input matching its inputSchema (an object); got a string that is not JSON.`,
      );
    }
  }
  const result = await validateWithSchema(schema, candidate);
  if (!result.ok) {
    const lower = `${kind === "workflow" ? "workflow" : "agent"} "${name}"`;
    throw new InputValidationError(`Invalid input for ${lower}: ${result.message}`, {
      issues: result.issues,
    });
  }
  return result.value;
}
