import { ConfigurationError } from "../errors.js";
import { isModel, type Model } from "./model.js";
import { TestModel } from "./test-model.js";

/** Builds a model from the id part of a `"provider:model_id"` string. */
export type ModelProviderFactory = (modelId: string) => Model | Promise<Model>;

const registry = new Map<string, ModelProviderFactory>([["test", (id) => new TestModel({ id })]]);

/** Where the built-in provider prefixes live. */
const KNOWN_PACKAGES: Record<string, { pkg: string; exportName: string }> = {
  openai: { pkg: "@agno/models-openai", exportName: "OpenAIChat" },
  "openai-responses": { pkg: "@agno/models-openai", exportName: "OpenAIResponses" },
  anthropic: { pkg: "@agno/models-anthropic", exportName: "Claude" },
};

/**
 * Names the package (and its export) that serves a provider prefix, imported on first use: how a
 * provider package can be loaded lazily from a model string.
 */
export function registerModelPackage(prefix: string, pkg: string, exportName: string): void {
  KNOWN_PACKAGES[prefix.toLowerCase()] = { pkg, exportName };
}

/** Registers a provider prefix so that `"prefix:model_id"` strings resolve to your model class. */
export function registerModelProvider(prefix: string, factory: ModelProviderFactory): void {
  registry.set(prefix.toLowerCase(), factory);
}

/** Parses `"provider:model_id"`; throws a {@link ConfigurationError} naming the bad value. */
export function parseModelString(value: string): { provider: string; modelId: string } {
  const index = value.indexOf(":");
  const provider = index > 0 ? value.slice(0, index).trim().toLowerCase() : "";
  const modelId = index > 0 ? value.slice(index + 1).trim() : "";
  if (!provider || !modelId) {
    throw new ConfigurationError(
      `Invalid model string "${value}". Use "provider:model_id", for example "openai:gpt-4o" or "anthropic:claude-sonnet-4-5".`,
    );
  }
  return { provider, modelId };
}

/**
 * Resolves a model or a model string to a {@link Model}. Provider packages are imported on first
 * use; a missing package fails with a message naming the package to install.
 */
export async function resolveModel(model: Model | string): Promise<Model> {
  if (typeof model !== "string") {
    if (!isModel(model)) {
      throw new ConfigurationError(
        `Expected a Model or a "provider:model_id" string; got ${typeof model}.`,
      );
    }
    return model;
  }
  const { provider, modelId } = parseModelString(model);
  const factory = registry.get(provider);
  if (factory) return factory(modelId);
  const known = KNOWN_PACKAGES[provider];
  if (!known) {
    throw new ConfigurationError(
      `Unknown model provider "${provider}" in "${model}". Known providers: ${[...new Set([...registry.keys(), ...Object.keys(KNOWN_PACKAGES)])].join(", ")}; or call registerModelProvider("${provider}", ...).`,
    );
  }
  // Importing the provider package registers its prefixes; fall back to its documented export.
  let mod: Record<string, unknown>;
  try {
    mod = await importProvider(known.pkg);
  } catch (error) {
    throw new ConfigurationError(
      `The model string "${model}" needs the package ${known.pkg}. Install it: npm install ${known.pkg}`,
      { cause: error },
    );
  }
  const registered = registry.get(provider);
  if (registered) return registered(modelId);
  const Ctor = mod[known.exportName] as (new (options: { id: string }) => Model) | undefined;
  if (typeof Ctor !== "function") {
    throw new ConfigurationError(
      `${known.pkg} does not export ${known.exportName}; update the package.`,
    );
  }
  return new Ctor({ id: modelId });
}

/**
 * Imports a provider package: from here first (flat installs), then from the application's
 * directory (strict layouts such as pnpm, where core cannot see its siblings).
 */
async function importProvider(pkg: string): Promise<Record<string, unknown>> {
  try {
    return (await import(/* @vite-ignore */ pkg)) as Record<string, unknown>;
  } catch (first) {
    const { createRequire } = await import("node:module");
    const { join } = await import("node:path");
    const { pathToFileURL } = await import("node:url");
    let path: string;
    try {
      path = createRequire(join(process.cwd(), "index.js")).resolve(pkg);
    } catch {
      throw first;
    }
    return (await import(/* @vite-ignore */ pathToFileURL(path).href)) as Record<string, unknown>;
  }
}
