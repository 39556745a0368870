import { Hono } from "hono";
import type { H } from "hono/types";
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

/**
 * What the OpenAPI document says about one route. A route declared without a `summary` is
 * described by its method and path only (its tag taken from the first path segment).
 */
export interface RouteSpec {
  method: HttpMethod;
  /** Hono path, e.g. `/agents/:agent_id/runs`. */
  path: string;
  tag?: string;
  summary?: string;
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
  /** Left out of the OpenAPI document (catch-all routes, the docs themselves). */
  hidden?: boolean;
}

/** A handler of a route at path `P`. */
export type RouteHandler<P extends string = any> = H<AppEnv, P>;

/**
 * A group of routes: a Hono sub-app, mounted with `app.route("/", group.app)`, and the spec of
 * each route for the OpenAPI document. Every route whose path has parameters checks its id
 * parameters (`:agent_id`, `:session_id`...) before its handlers run (400 when one is unsafe).
 */
export class RouteGroup {
  readonly app = new Hono<AppEnv>();
  readonly specs: RouteSpec[] = [];

  /** Declares a route and its spec. */
  add<P extends string>(spec: RouteSpec & { path: P }, ...handlers: RouteHandler<P>[]): this {
    this.specs.push(spec);
    const [first, ...rest] = handlers;
    const guarded: RouteHandler<P>[] =
      first && spec.path.includes(":")
        ? [
            (c, next) => {
              checkPathIds(c);
              return first(c, next);
            },
            ...rest,
          ]
        : handlers;
    (this.app.on as (method: string, path: string, ...h: RouteHandler<P>[]) => unknown)(
      spec.method,
      spec.path,
      ...guarded,
    );
    return this;
  }

  get<P extends string>(path: P, ...handlers: RouteHandler<P>[]): this {
    return this.add({ method: "GET", path }, ...handlers);
  }

  post<P extends string>(path: P, ...handlers: RouteHandler<P>[]): this {
    return this.add({ method: "POST", path }, ...handlers);
  }

  patch<P extends string>(path: P, ...handlers: RouteHandler<P>[]): this {
    return this.add({ method: "PATCH", path }, ...handlers);
  }

  delete<P extends string>(path: P, ...handlers: RouteHandler<P>[]): this {
    return this.add({ method: "DELETE", path }, ...handlers);
  }

  /** Adds the routes of `group` after this group's own. */
  include(group: RouteGroup): this {
    this.app.route("/", group.app);
    this.specs.push(...group.specs);
    return this;
  }
}

/** Same route shape whatever the parameter names (`/a/:x` and `/a/:y` conflict). */
export function routeShape(path: string): string {
  return path
    .split("/")
    .map((part) => (part.startsWith(":") ? ":" : part))
    .join("/");
}
