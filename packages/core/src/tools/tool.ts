import type { z } from "zod";
import type { Agent } from "../agent/agent.js";
import { ConfigurationError } from "../errors.js";
import type { Audio, File, Image, Video } from "../media/media.js";
import type { ToolDefinition } from "../models/model.js";
import type { RunContext } from "../run/run-context.js";
import { isZodSchema, type JsonSchema, type SchemaLike, toJsonSchema } from "./schema.js";
import type { ToolExecution, UserInputField } from "./tool-execution.js";

/** What a tool's `execute` receives besides its arguments: the run's context and the call's details. */
export interface ToolContext extends RunContext {
  /** The tool call being answered. */
  readonly toolCallId: string;
  readonly toolName: string;
  /** The agent (or team) running the tool; undefined for a memory manager's own tools. */
  readonly agent: Agent<any> | undefined;
  /** Media passed to the run. */
  readonly images: readonly Image[];
  readonly audio: readonly Audio[];
  readonly videos: readonly Video[];
  readonly files: readonly File[];
  /** Aborts when the run is cancelled. */
  readonly signal: AbortSignal;
}

/** Parameters offered to a tool hook; declare the ones you need. */
export interface ToolHookParams {
  name: string;
  args: Record<string, unknown>;
  /** Calls the next hook, and finally the tool; resolves to the tool's result. */
  next: (args: Record<string, unknown>) => Promise<unknown>;
  runContext: RunContext;
  agent: Agent<any> | undefined;
  toolCallId: string;
}

/** Middleware around a tool call: return what the call should produce (usually `await next(args)`). */
export type ToolHook = (params: ToolHookParams) => unknown;

/** Parameters of a tool's `preHook` / `postHook`. */
export interface ToolCallHookParams {
  name: string;
  args: Record<string, unknown>;
  toolCallId: string;
  runContext: RunContext;
  agent: Agent<any> | undefined;
  /** On a post-hook: the result, or the error message when the tool failed. */
  result?: unknown;
  error?: string;
  toolExecution: ToolExecution;
}

/** Runs before or after a single tool's call. */
export type ToolCallHook = (params: ToolCallHookParams) => void | Promise<void>;

/** Behaviour flags shared by {@link tool} and {@link Toolkit}. */
export interface ToolFlags {
  /** End the run after this tool returns; its result becomes the run's content. @default false */
  stopAfterToolCall?: boolean;
  /** Show the tool's result to the user as run content. @default stopAfterToolCall */
  showResult?: boolean;
  /** Middleware around each call of this tool (the first is the outermost). */
  toolHooks?: ToolHook[];
  preHook?: ToolCallHook;
  postHook?: ToolCallHook;
  /** Pause the run until a human confirms or rejects the call. @default false */
  requiresConfirmation?: boolean;
  /** Pause the run until a human fills `userInputFields` (all fields when none are named). @default false */
  requiresUserInput?: boolean;
  /** Argument names a human fills in; implies `requiresUserInput`. */
  userInputFields?: string[];
  /** Pause the run: the caller executes the tool and supplies its result. @default false */
  externalExecution?: boolean;
  /** Cache results by arguments. @default false */
  cacheResults?: boolean;
  /** Seconds a cached result stays valid. @default 3600 */
  cacheTtl?: number;
  /** Directory for on-disk caching; results are cached in memory when omitted. */
  cacheDir?: string;
  /** Ask the provider to enforce the JSON schema exactly. */
  strict?: boolean;
}

/** What `execute` may return: a value, a promise, or an async generator yielding `CustomEvent`s. */
// biome-ignore lint/suspicious/noConfusingVoidType: a generator that returns nothing is typed void.
export type ToolResult<T> = T | Promise<T> | AsyncGenerator<unknown, T | undefined | void, unknown>;

/** Options of {@link tool}. */
export interface ToolOptions<TSchema extends z.ZodType | JsonSchema = z.ZodType, TResult = unknown>
  extends ToolFlags {
  /** Name the model calls the tool by (letters, digits, `_` and `-`). */
  name: string;
  /** What the tool does, for the model. */
  description?: string;
  /** Arguments schema: zod (validated) or a JSON Schema object (passed through). */
  inputSchema?: TSchema;
  /** Instructions added to the system message when `addInstructions` is set. */
  instructions?: string;
  /** @default false */
  addInstructions?: boolean;
  /** Runs the tool. Optional only for `externalExecution` tools. */
  execute?: (args: ToolArgs<TSchema>, ctx: ToolContext) => ToolResult<TResult>;
}

/** The arguments type of a tool's schema. */
export type ToolArgs<TSchema> = TSchema extends z.ZodType ? z.output<TSchema> : Record<string, any>;

const NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

/** A function the model can call. Build one with {@link tool}. */
export class Tool<TArgs = any, TResult = unknown> implements ToolFlags {
  readonly name: string;
  readonly description?: string;
  readonly inputSchema?: SchemaLike;
  readonly instructions?: string;
  readonly addInstructions: boolean;
  readonly execute?: (args: TArgs, ctx: ToolContext) => ToolResult<TResult>;
  readonly stopAfterToolCall: boolean;
  readonly showResult: boolean;
  readonly toolHooks?: ToolHook[];
  readonly preHook?: ToolCallHook;
  readonly postHook?: ToolCallHook;
  readonly requiresConfirmation: boolean;
  readonly requiresUserInput: boolean;
  readonly userInputFields?: string[];
  readonly externalExecution: boolean;
  readonly cacheResults: boolean;
  readonly cacheTtl: number;
  readonly cacheDir?: string;
  readonly strict?: boolean;
  #definition?: ToolDefinition;
  #jsonSchema?: JsonSchema;

  constructor(options: ToolOptions<any, TResult>) {
    if (typeof options?.name !== "string" || !NAME_PATTERN.test(options.name)) {
      throw new ConfigurationError(
        `Invalid tool name ${JSON.stringify(options?.name)}: use 1-64 letters, digits, "_" or "-".`,
      );
    }
    const requiresUserInput =
      options.requiresUserInput ?? (options.userInputFields?.length ?? 0) > 0;
    const pauses = [
      options.requiresConfirmation,
      requiresUserInput,
      options.externalExecution,
    ].filter(Boolean);
    if (pauses.length > 1) {
      throw new ConfigurationError(
        `Tool "${options.name}": only one of requiresConfirmation, requiresUserInput and externalExecution may be set.`,
      );
    }
    if (typeof options.execute !== "function" && !options.externalExecution) {
      throw new ConfigurationError(
        `Tool "${options.name}" needs an execute function (or externalExecution: true).`,
      );
    }
    this.name = options.name;
    if (options.description !== undefined) this.description = options.description;
    if (options.inputSchema !== undefined) this.inputSchema = options.inputSchema;
    if (options.instructions !== undefined) this.instructions = options.instructions;
    this.addInstructions = options.addInstructions ?? false;
    if (options.execute) this.execute = options.execute as Tool<TArgs, TResult>["execute"];
    this.stopAfterToolCall = options.stopAfterToolCall ?? false;
    this.showResult = options.showResult ?? this.stopAfterToolCall;
    if (options.toolHooks !== undefined) this.toolHooks = options.toolHooks;
    if (options.preHook !== undefined) this.preHook = options.preHook;
    if (options.postHook !== undefined) this.postHook = options.postHook;
    this.requiresConfirmation = options.requiresConfirmation ?? false;
    this.requiresUserInput = requiresUserInput;
    if (options.userInputFields !== undefined) this.userInputFields = options.userInputFields;
    this.externalExecution = options.externalExecution ?? false;
    this.cacheResults = options.cacheResults ?? false;
    this.cacheTtl = options.cacheTtl ?? 3600;
    if (options.cacheDir !== undefined) this.cacheDir = options.cacheDir;
    if (options.strict !== undefined) this.strict = options.strict;
  }

  /** JSON Schema of the arguments (computed once). */
  get parameters(): JsonSchema {
    if (!this.#jsonSchema) {
      this.#jsonSchema = this.inputSchema
        ? toJsonSchema(this.inputSchema)
        : { type: "object", properties: {}, additionalProperties: true };
    }
    return this.#jsonSchema;
  }

  /** The definition sent to the model; user-input fields are hidden from it. Computed once. */
  get definition(): ToolDefinition {
    if (!this.#definition) {
      let parameters = this.parameters;
      if (this.requiresUserInput && this.userInputFields?.length) {
        const props = { ...((parameters.properties as JsonSchema | undefined) ?? {}) };
        for (const field of this.userInputFields) delete props[field];
        const required = Array.isArray(parameters.required)
          ? (parameters.required as string[]).filter((r) => !this.userInputFields?.includes(r))
          : undefined;
        parameters = { ...parameters, properties: props, ...(required ? { required } : {}) };
      }
      this.#definition = { name: this.name, parameters };
      if (this.description !== undefined) this.#definition.description = this.description;
      if (this.strict !== undefined) this.#definition.strict = this.strict;
    }
    return this.#definition;
  }

  /** The fields a human fills for a `requiresUserInput` tool, pre-filled with the model's arguments. */
  userInputSchema(args: Record<string, unknown>): UserInputField[] {
    const props = (this.parameters.properties as Record<string, JsonSchema> | undefined) ?? {};
    const names = this.userInputFields?.length ? this.userInputFields : Object.keys(props);
    return names.map((name) => {
      const prop = props[name] ?? {};
      return {
        name,
        field_type: pythonTypeName(prop.type),
        description: typeof prop.description === "string" ? prop.description : null,
        value: args[name] ?? null,
      };
    });
  }

  /** A copy with some flags changed (used by toolkits). */
  with(overrides: Partial<ToolOptions<any, TResult>>): Tool<TArgs, TResult> {
    return new Tool<TArgs, TResult>({ ...this.toOptions(), ...overrides });
  }

  private toOptions(): ToolOptions<any, TResult> {
    const options: ToolOptions<any, TResult> = { name: this.name };
    for (const key of Object.keys(this) as Array<keyof this>) {
      (options as any)[key] = this[key];
    }
    return options;
  }

  /** True when the argument schema is a zod schema (arguments are validated before `execute`). */
  get validatesArgs(): boolean {
    return this.inputSchema !== undefined && isZodSchema(this.inputSchema);
  }
}

function pythonTypeName(type: unknown): string {
  switch (Array.isArray(type) ? type.find((t) => t !== "null") : type) {
    case "string":
      return "str";
    case "integer":
      return "int";
    case "number":
      return "float";
    case "boolean":
      return "bool";
    case "array":
      return "list";
    case "object":
      return "dict";
    default:
      return "str";
  }
}

/**
 * Defines a tool.
 *
 * @example
 * const getWeather = tool({
 *   name: "get_weather",
 *   description: "Current weather in a city",
 *   inputSchema: z.object({ city: z.string() }),
 *   execute: async ({ city }) => ({ city, tempC: 21 }),
 * });
 */
export function tool<TSchema extends z.ZodType | JsonSchema = z.ZodType, TResult = unknown>(
  options: ToolOptions<TSchema, TResult>,
): Tool<ToolArgs<TSchema>, TResult> {
  return new Tool<ToolArgs<TSchema>, TResult>(options as ToolOptions<any, TResult>);
}

/** A plain function used as a tool: called with the arguments object and the tool context. */
export type ToolFunction = ((args: any, ctx: ToolContext) => unknown) & { description?: string };

/** Wraps a plain function as a tool named after the function. */
export function toolFromFunction(fn: ToolFunction): Tool {
  if (!fn.name) {
    throw new ConfigurationError(
      "A plain function used as a tool needs a name; use a named function or tool({ name, ... }).",
    );
  }
  const options: ToolOptions<any, unknown> = { name: fn.name, execute: fn };
  if (fn.description !== undefined) options.description = fn.description;
  return new Tool(options);
}
