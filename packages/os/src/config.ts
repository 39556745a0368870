import { readFileSync } from "node:fs";
import { ConfigurationError } from "@agno/core";
import { parse as parseYaml } from "yaml";

/** One database's settings on a page of the AgentOS UI. */
export interface DatabaseConfig {
  /** The database's `db.id`. */
  dbId: string;
  domainConfig?: {
    /** Name shown for this database. @default the db id */
    displayName?: string;
    /** Models offered on the Evals page for this database. */
    availableModels?: string[];
  };
  /** Tables to show (default: the database's table for the page). */
  tables?: string[];
}

/** Settings of one page (Session, Memory, Knowledge, Evals, Metrics, Traces, Learning). */
export interface DomainConfig {
  displayName?: string;
  dbs?: DatabaseConfig[];
  /** Evals only: models offered for running evals. */
  availableModels?: string[];
}

/** Settings of the Chat page. */
export interface ChatConfig {
  /** Suggested prompts per agent, team or workflow id. */
  quickPrompts?: Record<string, string[]>;
}

/**
 * AgentOS configuration served by `GET /config` (the spec's AgentOSConfig). Pass an object, or the
 * path of a YAML file written with the spec's snake_case keys (`available_models`, `chat:
 * quick_prompts`, `display_name`, `dbs: [{db_id, domain_config}]`). Objects may use either style.
 */
export interface AgentOSConfig {
  availableModels?: string[];
  chat?: ChatConfig;
  evals?: DomainConfig;
  knowledge?: DomainConfig;
  memory?: DomainConfig;
  session?: DomainConfig;
  metrics?: DomainConfig;
  traces?: DomainConfig;
  learning?: DomainConfig;
}

/** The config's page keys. */
export const DOMAINS = [
  "session",
  "memory",
  "learning",
  "knowledge",
  "evals",
  "metrics",
  "traces",
] as const;
export type Domain = (typeof DOMAINS)[number];

type Raw = Record<string, unknown>;

function pick(raw: Raw, snake: string, camel: string): unknown {
  return raw[camel] ?? raw[snake];
}

function stringList(value: unknown, where: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
    throw new ConfigurationError(`AgentOS config: ${where} must be a list of strings.`);
  }
  return value as string[];
}

function asObject(value: unknown, where: string): Raw | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new ConfigurationError(`AgentOS config: ${where} must be a mapping.`);
  }
  return value as Raw;
}

function normalizeDb(value: unknown, where: string): DatabaseConfig {
  if (typeof value === "string") return { dbId: value };
  const raw = asObject(value, where) ?? {};
  const dbId = pick(raw, "db_id", "dbId");
  if (typeof dbId !== "string" || !dbId) {
    throw new ConfigurationError(`AgentOS config: ${where} needs a db_id.`);
  }
  const domain = asObject(pick(raw, "domain_config", "domainConfig"), `${where}.domain_config`);
  const out: DatabaseConfig = { dbId };
  if (domain) {
    const displayName = pick(domain, "display_name", "displayName");
    const models = stringList(
      pick(domain, "available_models", "availableModels"),
      `${where}.domain_config.available_models`,
    );
    out.domainConfig = {
      ...(typeof displayName === "string" ? { displayName } : {}),
      ...(models ? { availableModels: models } : {}),
    };
  }
  const tables = stringList(raw.tables, `${where}.tables`);
  if (tables) out.tables = tables;
  return out;
}

function normalizeDomain(value: unknown, where: string): DomainConfig | undefined {
  const raw = asObject(value, where);
  if (!raw) return undefined;
  const out: DomainConfig = {};
  const displayName = pick(raw, "display_name", "displayName");
  if (typeof displayName === "string") out.displayName = displayName;
  const dbs = raw.dbs;
  if (dbs !== undefined && dbs !== null) {
    if (!Array.isArray(dbs))
      throw new ConfigurationError(`AgentOS config: ${where}.dbs must be a list.`);
    out.dbs = dbs.map((d, i) => normalizeDb(d, `${where}.dbs[${i}]`));
  }
  const models = stringList(
    pick(raw, "available_models", "availableModels"),
    `${where}.available_models`,
  );
  if (models) out.availableModels = models;
  return out;
}

/** Normalizes a config object (snake_case or camelCase keys), checking its shape. */
export function normalizeConfig(value: unknown): AgentOSConfig {
  const raw = asObject(value, "the config") ?? {};
  const out: AgentOSConfig = {};
  const models = stringList(pick(raw, "available_models", "availableModels"), "available_models");
  if (models) out.availableModels = models;
  const chat = asObject(raw.chat, "chat");
  if (chat) {
    const prompts = asObject(pick(chat, "quick_prompts", "quickPrompts"), "chat.quick_prompts");
    out.chat = {};
    if (prompts) {
      out.chat.quickPrompts = Object.fromEntries(
        Object.entries(prompts).map(([id, list]) => [
          id,
          stringList(list, `chat.quick_prompts.${id}`) ?? [],
        ]),
      );
    }
  }
  for (const domain of DOMAINS) {
    const normalized = normalizeDomain(raw[domain], domain);
    if (normalized) out[domain] = normalized;
  }
  return out;
}

/** Reads an AgentOSConfig from a YAML file. */
export function loadConfigFile(path: string): AgentOSConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ConfigurationError(
      `AgentOS config file "${path}" could not be read: ${(error as Error).message}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = parseYaml(text);
  } catch (error) {
    throw new ConfigurationError(
      `AgentOS config file "${path}" is not valid YAML: ${(error as Error).message}`,
    );
  }
  return normalizeConfig(parsed ?? {});
}

/** The config from an object or a YAML file path (undefined stays undefined). */
export function resolveConfig(
  config: AgentOSConfig | string | undefined,
): AgentOSConfig | undefined {
  if (config === undefined) return undefined;
  return typeof config === "string" ? loadConfigFile(config) : normalizeConfig(config);
}
