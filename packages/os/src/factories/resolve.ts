import {
  type Agent,
  AgnoError,
  createRequestContext,
  FactoryError,
  type Workflow,
} from "@agno/core";
import type { AppContext } from "../env.js";
import { httpError } from "../errors.js";
import { jsonTypeName } from "../http/body.js";
import { log } from "../logger.js";
import { type ComponentType, type Entry, localKind } from "../registry.js";
import { adoptProduced } from "./adopt.js";

const LABEL: Record<ComponentType, string> = { agent: "Agent", team: "Team", workflow: "Workflow" };

/**
 * Parses `factory_input` (a form string or, from a JSON body, an object): absent or empty is
 * null; invalid JSON and non-objects are 400, naming the problem.
 */
export function parseFactoryInput(raw: unknown): Record<string, unknown> | null {
  if (raw === undefined || raw === null || raw === "") return null;
  let value: unknown = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw httpError(400, `factory_input must be valid JSON: ${(error as Error).message}`);
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw httpError(400, `factory_input must be a JSON object, got ${jsonTypeName(value)}`);
  }
  return value as Record<string, unknown>;
}

/** What a factory is built from on one request. */
export interface ResolveArgs {
  userId?: string | undefined;
  sessionId?: string | undefined;
  /** Raw `factory_input` (form field, query parameter or JSON value). */
  factoryInput?: unknown;
}

/**
 * The component for one request: a prototype as is; for a factory, `factory_input` is parsed
 * and validated (400 before the factory runs), the factory is called with a RequestContext
 * (verified claims and scopes in `trusted`), and its product is adopted (id, db, storeEvents).
 * FactoryPermissionError is 403 with its message; any other failure is a generic 500.
 */
export async function resolveEntry<T>(
  type: ComponentType,
  entry: Entry<T>,
  c: AppContext,
  args: ResolveArgs,
): Promise<T> {
  if (!entry.factory) return entry.component;
  const factory = entry.factory;
  const raw = parseFactoryInput(args.factoryInput);
  let input: unknown;
  try {
    input = await factory.validateInput(raw ?? undefined);
  } catch (error) {
    if (hasCode(error, "factory_validation")) throw httpError(400, (error as Error).message);
    log.error(`Validating factory_input of "${factory.id}" failed: ${(error as Error).message}`);
    throw httpError(500, `${LABEL[type]} factory error`);
  }
  const ctx = createRequestContext({
    userId: args.userId ?? null,
    sessionId: args.sessionId ?? null,
    input,
    claims: c.get("claims") ?? {},
    scopes: c.get("scopes") ?? [],
    request: c.req.raw,
  });
  let component: unknown;
  try {
    component = await factory.build(ctx);
  } catch (error) {
    throw factoryHttpError(type, factory.id, error);
  }
  if (localKind(component) !== type) {
    log.error(
      `${LABEL[type]} factory "${factory.id}" returned ${describeValue(component)}, expected ${LABEL[type]}.`,
    );
    throw httpError(500, `${LABEL[type]} factory error`);
  }
  adoptProduced(component as Agent | Workflow, factory);
  return component as T;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === "object") return (value as object).constructor?.name ?? "an object";
  return typeof value;
}

/** Checks an Agno error's code (works across duplicate installs, unlike `instanceof`). */
function hasCode(error: unknown, code: string): boolean {
  return AgnoError.isInstance(error) && error.code === code;
}

/** Factory failures as HTTP errors: 403 and 400 keep their message; the rest is a generic 500. */
function factoryHttpError(type: ComponentType, id: string, error: unknown) {
  if (hasCode(error, "factory_permission")) return httpError(403, (error as Error).message);
  if (hasCode(error, "factory_validation")) return httpError(400, (error as Error).message);
  const cause = FactoryError.isInstance(error) && error.cause ? error.cause : error;
  log.error(`${LABEL[type]} factory "${id}" failed: ${(cause as Error)?.stack ?? String(cause)}`);
  return httpError(500, `${LABEL[type]} factory error`);
}
