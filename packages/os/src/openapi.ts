import type { FieldSpec, JsonSchema, RouteGroup, RouteSpec } from "./http/route-group.js";
import type { ComponentType, Entry, Registry } from "./registry.js";
import { factoryInputSchema } from "./schemas/components.js";

type Operation = Record<string, unknown>;

/** Hono path to OpenAPI path: `/agents/:agent_id` → `/agents/{agent_id}`. */
export function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
}

function pathParams(path: string): Array<Record<string, unknown>> {
  return [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => ({
    name: m[1],
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
}

function fieldSchema(field: FieldSpec, multipart: boolean): JsonSchema | undefined {
  const base: JsonSchema = {};
  switch (field.type ?? "string") {
    case "boolean":
      base.type = "boolean";
      break;
    case "integer":
      base.type = "integer";
      break;
    case "files":
      if (!multipart) return undefined;
      return {
        type: "array",
        items: { type: "string", format: "binary" },
        ...(field.description ? { description: field.description } : {}),
      };
    case "json":
      base.type = "string";
      base.contentMediaType = "application/json";
      if (field.schema) base.contentSchema = field.schema;
      break;
    default:
      base.type = "string";
  }
  if (field.enum) base.enum = [...field.enum];
  if (field.default !== undefined) base.default = field.default;
  if (field.description) base.description = field.description;
  return base;
}

function formBody(fields: readonly FieldSpec[]): Record<string, unknown> {
  const content: Record<string, unknown> = {};
  for (const [type, multipart] of [
    ["multipart/form-data", true],
    ["application/x-www-form-urlencoded", false],
  ] as const) {
    const properties: Record<string, unknown> = {};
    for (const f of fields) {
      const schema = fieldSchema(f, multipart);
      if (schema) properties[f.name] = schema;
    }
    const required = fields.filter((f) => f.required).map((f) => f.name);
    content[type] = {
      schema: { type: "object", properties, ...(required.length ? { required } : {}) },
    };
  }
  return { required: fields.some((f) => f.required), content };
}

function operationId(method: string, path: string): string {
  return `${method.toLowerCase()}${path.replace(/[^A-Za-z0-9]+/g, "_")}`.replace(/_+$/, "");
}

/** The operation of a route with a summary. */
function operation(route: RouteSpec): Operation {
  const parameters = [
    ...pathParams(route.path),
    ...(route.query ?? []).map((q) => ({
      name: q.name,
      in: "query",
      required: q.required ?? false,
      schema: fieldSchema(q, false) ?? { type: "string" },
      ...(q.description ? { description: q.description } : {}),
    })),
  ];
  const responses: Record<string, unknown> = {};
  const declared = route.responses ?? { 200: "Successful Response" };
  for (const [status, description] of Object.entries(declared)) {
    const code = Number(status);
    if (code >= 400) {
      responses[status] = {
        description,
        content: { "application/json": { schema: { $ref: "#/components/schemas/HTTPError" } } },
      };
    } else if (code === 200 && route.sse) {
      responses[status] = {
        description,
        content: {
          "application/json": { schema: { type: "object" } },
          "text/event-stream": { schema: { type: "string" } },
        },
      };
    } else {
      responses[status] = { description, content: { "application/json": { schema: {} } } };
    }
  }
  return {
    tags: [route.tag],
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    operationId: route.operationId ?? operationId(route.method, route.path),
    ...(parameters.length ? { parameters } : {}),
    ...(route.form ? { requestBody: formBody(route.form) } : {}),
    ...(route.json
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: route.json } },
          },
        }
      : {}),
    responses,
  };
}

/** What the document is built from. */
export interface OpenApiSource {
  title: string;
  version: string;
  description?: string | undefined;
  /** The route groups, in the order they are mounted. */
  groups: readonly RouteGroup[];
  registry: Registry;
}

const RUN_PATHS: Record<ComponentType, string> = {
  agent: "/agents/:agent_id/runs",
  team: "/teams/:team_id/runs",
  workflow: "/workflows/:workflow_id/runs",
};

function tagOf(path: string): string {
  const first = path.split("/").filter(Boolean)[0] ?? "Core";
  return first
    .split(/[-_]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(" ");
}

/**
 * The OpenAPI 3.1 document of an AgentOS, generated from its route definitions. Each factory with
 * an input schema gets its concrete run path (`/agents/<id>/runs`) whose `factory_input` carries
 * that schema, also listed under `components.schemas`.
 */
export function buildOpenApi(source: OpenApiSource): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const schemas: Record<string, unknown> = {
    HTTPError: {
      type: "object",
      properties: { detail: { type: "string" } },
      required: ["detail"],
    },
  };
  const specs = source.groups.flatMap((g) => g.specs);
  const routes = specs.filter((r) => r.summary !== undefined);
  for (const route of routes) {
    if (route.hidden || route.path.includes("*")) continue;
    const path = toOpenApiPath(route.path);
    paths[path] ??= {};
    const methods = paths[path];
    const method = route.method.toLowerCase();
    if (!methods[method]) methods[method] = operation(route);
  }
  // Routes declared without a summary: described by their method and path.
  for (const extra of specs) {
    if (extra.summary !== undefined || extra.hidden || extra.path.includes("*")) continue;
    const path = toOpenApiPath(extra.path);
    paths[path] ??= {};
    const methods = paths[path];
    const method = extra.method.toLowerCase();
    if (methods[method]) continue;
    const params = pathParams(extra.path);
    methods[method] = {
      tags: [tagOf(extra.path)],
      summary: `${extra.method} ${path}`,
      operationId: operationId(extra.method, extra.path),
      ...(params.length ? { parameters: params } : {}),
      responses: { "200": { description: "Successful Response" } },
    };
  }
  const addFactories = (type: ComponentType, entries: Iterable<Entry<unknown>>) => {
    const template = routes.find((r) => r.method === "POST" && r.path === RUN_PATHS[type]);
    if (!template) return;
    for (const entry of entries) {
      if (!entry.factory) continue;
      const schema = factoryInputSchema(entry.factory);
      const name = `${type.charAt(0).toUpperCase()}${type.slice(1)}FactoryInput_${entry.id.replace(/[^A-Za-z0-9_.-]/g, "_")}`;
      if (schema) schemas[name] = schema;
      const concrete: RouteSpec = {
        ...template,
        path: template.path.replace(/:[A-Za-z0-9_]+/, entry.id),
        summary: `Run ${entry.factory.name ?? entry.id} (factory)`,
        description: `${template.description ?? ""} Built per request by the factory "${entry.id}".`,
        operationId: operationId("post", `/${type}/${entry.id}/runs`),
        form: (template.form ?? []).map((f) =>
          f.name === "factory_input"
            ? {
                ...f,
                ...(schema ? { schema: { $ref: `#/components/schemas/${name}` } } : {}),
                description: schema
                  ? `JSON object validated by the factory's input schema (${name}).`
                  : "JSON object passed to the factory as ctx.input.",
              }
            : f,
        ),
      };
      paths[toOpenApiPath(concrete.path)] = { post: operation(concrete) };
    }
  };
  addFactories("agent", source.registry.agents.values());
  addFactories("team", source.registry.teams.values());
  addFactories("workflow", source.registry.workflows.values());
  return {
    openapi: "3.1.0",
    info: {
      title: source.title,
      version: source.version,
      ...(source.description ? { description: source.description } : {}),
    },
    paths,
    components: { schemas },
  };
}
