import type { Handler, Hono, MiddlewareHandler } from "hono";
import type { AppEnv } from "../env.js";
import { checkPathIds } from "./ids.js";

/** JSON Schema, as used in the OpenAPI document. */
export type JsonSchema = Record<string, unknown>;

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** A query parameter or a form field of a route. */
export interface FieldSpec {
  name: string;
  /** @default "string" */
  type?: "string" | "integer" | "boolean" | "json" | "files";
  required?: boolean;
  description?: string;
  default?: unknown;
  enum?: readonly string[];
  /** For `json` fields: the schema of the decoded value. */
  schema?: JsonSchema;
}

/** What the OpenAPI document says about one route. */
export interface RouteSpec {
  method: HttpMethod;
  /** Hono path, e.g. `/agents/:agent_id/runs`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  operationId?: string;
  query?: readonly FieldSpec[];
  /** Fields of a multipart/form-data or url-encoded body. */
  form?: readonly FieldSpec[];
  /** Schema of a JSON body. */
  json?: JsonSchema;
  /** Status codes and their meaning. @default { 200: "Successful Response" } */
  responses?: Record<number, string>;
  /** The 200 answer may be a `text/event-stream`. */
  sse?: boolean;
  /** Left out of the OpenAPI document (catch-all routes). */
  hidden?: boolean;
}

type AnyHandler = Handler<AppEnv, any> | MiddlewareHandler<AppEnv, any>;

/** A route: its documentation and its handlers. */
export interface RouteDefinition extends RouteSpec {
  handlers: AnyHandler[];
}

/** The routes of AgentOS, registered once on the app and described in `/openapi.json`. */
export class RouteTable {
  readonly routes: RouteDefinition[] = [];

  add(spec: RouteSpec, ...handlers: AnyHandler[]): this {
    this.routes.push({ ...spec, handlers });
    return this;
  }

  /** Registers the routes on `app`, except those `skip` rejects. */
  mount(app: Hono<AppEnv>, skip?: (route: RouteDefinition) => boolean): void {
    for (const route of this.routes) {
      if (skip?.(route)) continue;
      // Id path parameters (`:agent_id`, `:session_id`...) are checked before the handlers.
      const handlers = route.path.includes(":") ? [guardIds, ...route.handlers] : route.handlers;
      (app.on as (method: string, path: string, ...handlers: AnyHandler[]) => unknown)(
        route.method,
        route.path,
        ...handlers,
      );
    }
  }
}

const guardIds: MiddlewareHandler<AppEnv> = async (c, next) => {
  checkPathIds(c);
  await next();
};

/** Same route shape whatever the parameter names (`/a/:x` and `/a/:y` conflict). */
export function routeShape(path: string): string {
  return path
    .split("/")
    .map((part) => (part.startsWith(":") ? ":" : part))
    .join("/");
}
