import { FactoryError, FactoryValidationError } from "./errors.js";
import type { RequestContext } from "./request-context.js";
import {
  formatIssues,
  type InferSchemaOutput,
  isStandardSchema,
  type StandardSchemaV1,
} from "./standard-schema.js";

/** Builds a component for one request, synchronously or not. */
export type FactoryFn<T, TInput = unknown> = (ctx: RequestContext<TInput>) => T | Promise<T>;

/** Options shared by every factory. */
export interface BaseFactoryOptions<
  T,
  TDb = unknown,
  TSchema extends StandardSchemaV1 | undefined = undefined,
> {
  /** Stable handle used in API URLs; the produced component's id is forced to it. Must not be empty. */
  id: string;
  /** Database for sessions; the fallback when the produced component has none. Required. */
  db: TDb;
  /** Called on every run-scoped request with the request's context. */
  factory: FactoryFn<T, TSchema extends StandardSchemaV1 ? InferSchemaOutput<TSchema> : unknown>;
  /** Display name for discovery endpoints. */
  name?: string;
  /** Description for discovery endpoints. */
  description?: string;
  /** Schema of `factory_input` (zod or any Standard Schema): validated before the factory runs. */
  inputSchema?: TSchema;
}

/**
 * Builds a fresh component of type `T` per request. `AgentFactory`, `TeamFactory` and
 * `WorkflowFactory` in `@agno/core` are thin subclasses.
 */
export class BaseFactory<
  T,
  TDb = unknown,
  TSchema extends StandardSchemaV1 | undefined = undefined,
> {
  readonly id: string;
  readonly db: TDb;
  readonly name?: string;
  readonly description?: string;
  readonly inputSchema?: TSchema;
  readonly factory: BaseFactoryOptions<T, TDb, TSchema>["factory"];
  /** Marks factories so that runtimes can tell them from prototypes without importing this class. */
  readonly isFactory = true as const;

  constructor(options: BaseFactoryOptions<T, TDb, TSchema>) {
    if (typeof options?.id !== "string" || options.id.trim() === "") {
      throw new FactoryError(
        `A factory needs a non-empty id; got ${JSON.stringify(options?.id)}. Pass { id: "my-agent" }.`,
        { code: "factory_invalid_id", status: 500 },
      );
    }
    if (options.db === undefined || options.db === null) {
      throw new FactoryError(
        `Factory "${options.id}" needs a db: it is the fallback storage of the components it builds. Pass { db }.`,
        { code: "factory_missing_db", status: 500 },
      );
    }
    if (typeof options.factory !== "function") {
      throw new FactoryError(
        `Factory "${options.id}" needs a factory function; got ${typeof options.factory}.`,
        {
          code: "factory_missing_fn",
          status: 500,
        },
      );
    }
    if (options.inputSchema !== undefined && !isStandardSchema(options.inputSchema)) {
      throw new FactoryError(
        `Factory "${options.id}": inputSchema must be a zod schema (or any Standard Schema).`,
        { code: "factory_invalid_schema", status: 500 },
      );
    }
    this.id = options.id;
    this.db = options.db;
    this.factory = options.factory;
    if (options.name !== undefined) this.name = options.name;
    if (options.description !== undefined) this.description = options.description;
    if (options.inputSchema !== undefined) this.inputSchema = options.inputSchema;
  }

  /**
   * Validates raw `factory_input` against the input schema. A missing input validates `{}`, so a
   * schema whose fields all have defaults succeeds. Throws {@link FactoryValidationError}.
   * Without a schema, returns the input unchanged (or null).
   */
  async validateInput(raw: unknown): Promise<unknown> {
    if (!this.inputSchema) return raw ?? null;
    const result = await this.inputSchema["~standard"].validate(raw ?? {});
    if (result.issues) {
      throw new FactoryValidationError(
        `Invalid factory_input for "${this.id}": ${formatIssues(result.issues)}`,
        { issues: result.issues },
      );
    }
    return result.value;
  }

  /** Calls the factory; any error other than a {@link FactoryError} is wrapped in one (HTTP 500). */
  async build(ctx: RequestContext<any>): Promise<T> {
    let component: T;
    try {
      component = await this.factory(ctx);
    } catch (error) {
      if (FactoryError.isInstance(error)) throw error;
      throw new FactoryError(`Factory "${this.id}" failed.`, { cause: error });
    }
    if (component === undefined || component === null) {
      throw new FactoryError(
        `Factory "${this.id}" returned ${String(component)} instead of a component.`,
      );
    }
    return component;
  }
}

/** True when `value` is a factory (from any copy of `@agno/factory`). */
export function isFactory(
  value: unknown,
): value is BaseFactory<unknown, unknown, StandardSchemaV1 | undefined> {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { isFactory?: unknown }).isFactory === true
  );
}
