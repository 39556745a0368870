import { ConfigurationError } from "../errors.js";
import { type Tool, type ToolFunction, toolFromFunction } from "./tool.js";

/** Options of {@link Toolkit}. */
export interface ToolkitOptions {
  /** A descriptive name for the toolkit. @default "toolkit" */
  name?: string;
  /** The tools: `tool(...)` definitions or named functions. */
  tools?: Array<Tool | ToolFunction>;
  /** Instructions for using the toolkit, added to the system message when `addInstructions`. */
  instructions?: string;
  /** @default false */
  addInstructions?: boolean;
  /** Register only these tools. */
  includeTools?: string[];
  /** Never register these tools. */
  excludeTools?: string[];
  /** Tools that need a human's confirmation before they run. */
  requiresConfirmationTools?: string[];
  /** Tools executed by the caller, outside the run. */
  externalExecutionRequiredTools?: string[];
  /** Tools after which the run stops. */
  stopAfterToolCallTools?: string[];
  /** Tools whose results are shown to the user as content. */
  showResultTools?: string[];
  /** Cache every tool's results. @default false */
  cacheResults?: boolean;
  /** Seconds a cached result stays valid. @default 3600 */
  cacheTtl?: number;
  /** Directory for on-disk caching. */
  cacheDir?: string;
}

/**
 * A named group of tools with shared settings. Subclass it or build one directly.
 *
 * @example
 * const calculator = new Toolkit({ name: "calculator", tools: [add, multiply], instructions: "Check inputs." });
 */
export class Toolkit {
  readonly name: string;
  readonly instructions?: string;
  readonly addInstructions: boolean;
  readonly options: ToolkitOptions;
  #tools?: Tool[];

  constructor(options: ToolkitOptions = {}) {
    this.name = options.name ?? "toolkit";
    if (options.instructions !== undefined) this.instructions = options.instructions;
    this.addInstructions = options.addInstructions ?? false;
    this.options = options;
  }

  /** The registered tools, with the toolkit's filters and flags applied (computed once). */
  get tools(): Tool[] {
    if (!this.#tools) this.#tools = this.buildTools();
    return this.#tools;
  }

  private buildTools(): Tool[] {
    const o = this.options;
    const all = (o.tools ?? []).map((t) => (typeof t === "function" ? toolFromFunction(t) : t));
    const names = new Set(all.map((t) => t.name));
    for (const [label, list] of [
      ["includeTools", o.includeTools],
      ["excludeTools", o.excludeTools],
      ["requiresConfirmationTools", o.requiresConfirmationTools],
      ["externalExecutionRequiredTools", o.externalExecutionRequiredTools],
      ["stopAfterToolCallTools", o.stopAfterToolCallTools],
      ["showResultTools", o.showResultTools],
    ] as const) {
      const unknown = (list ?? []).filter((n) => !names.has(n));
      if (unknown.length > 0) {
        throw new ConfigurationError(
          `Toolkit "${this.name}": ${label} names unknown tools ${unknown.map((n) => `"${n}"`).join(", ")}. Available: ${[...names].join(", ")}.`,
        );
      }
    }
    return all
      .filter((t) => !o.includeTools || o.includeTools.includes(t.name))
      .filter((t) => !o.excludeTools?.includes(t.name))
      .map((t) => {
        const overrides: Record<string, unknown> = {};
        if (o.requiresConfirmationTools?.includes(t.name)) overrides.requiresConfirmation = true;
        if (o.externalExecutionRequiredTools?.includes(t.name)) overrides.externalExecution = true;
        if (o.stopAfterToolCallTools?.includes(t.name)) {
          overrides.stopAfterToolCall = true;
          overrides.showResult = true;
        }
        if (o.showResultTools?.includes(t.name)) overrides.showResult = true;
        if (o.cacheResults && !t.cacheResults) {
          overrides.cacheResults = true;
          if (o.cacheTtl !== undefined) overrides.cacheTtl = o.cacheTtl;
          if (o.cacheDir !== undefined) overrides.cacheDir = o.cacheDir;
        }
        return Object.keys(overrides).length > 0 ? t.with(overrides) : t;
      });
  }
}
