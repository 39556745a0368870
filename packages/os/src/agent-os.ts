import { type BaseDb, ConfigurationError } from "@agno/core";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { getPath } from "hono/utils/url";
import { authorizationMiddleware } from "./auth/index.js";
import { type AgentOSConfig, resolveConfig } from "./config.js";
import { corsMiddleware } from "./cors.js";
import type { ComponentRef, DataRouterContext } from "./data-context.js";
import type { AppEnv } from "./env.js";
import { errorResponse, requestIdMiddleware } from "./errors.js";
import { checkPathIds, ID_RULE, isSafeId, queryIdGuard } from "./http/ids.js";
import { type AgentOSLimits, formatBytes, resolveLimits, tooLarge } from "./http/limits.js";
import { type RouteDefinition, RouteTable, routeShape } from "./http/route-table.js";
import { log } from "./logger.js";
import { buildOpenApi } from "./openapi.js";
import type {
  AgentOSOptions,
  AgentOSServer,
  RouteConflictPolicy,
  ServeOptions,
} from "./options.js";
import { type Entry, Registry } from "./registry.js";
import { dataRoutes } from "./routers/data.js";
import { registerDocsRoutes } from "./routers/docs.js";
import { registerHomeRoutes } from "./routers/home.js";
import { AGENT_KIND, TEAM_KIND } from "./routers/run-support.js";
import { registerRunnableRoutes } from "./routers/runnables.js";
import { registerUnavailableRoutes } from "./routers/unavailable.js";
import { registerWorkflowRoutes } from "./routers/workflows.js";
import { startServer } from "./serve.js";
import { uuid4, uuidv5 } from "./uuid.js";

/** A route of the app, as `getRoutes()` lists it. */
export interface RouteInfo {
  method: string;
  path: string;
}

interface HonoRoute {
  method: string;
  path: string;
  handler: (...args: any[]) => unknown;
}

type ErrorHandlerFn = (error: Error, c: any) => Response | Promise<Response>;

/** Hono keeps a sub-app's error handler private; `route()` reads it the same way. */
function errorHandlerOf(app: Hono<any>): ErrorHandlerFn {
  return (app as unknown as { errorHandler: ErrorHandlerFn }).errorHandler;
}

const DEFAULT_ERROR_HANDLER = errorHandlerOf(new Hono());

/** Paths are matched without their trailing slash (except `/`), as the reference's middleware does. */
function pathWithoutTrailingSlash(request: Request): string {
  const path = getPath(request);
  return path.length > 1 && path.endsWith("/") ? path.replace(/\/+$/, "") || "/" : path;
}

function refs(map: ReadonlyMap<string, Entry<any>>): Map<string, ComponentRef> {
  const out = new Map<string, ComponentRef>();
  for (const [id, entry] of map) {
    out.set(
      id,
      entry.factory
        ? { id, name: entry.factory.name, db: entry.factory.db, isFactory: true }
        : {
            id,
            name: entry.component.name,
            db: entry.component.options.db,
            isFactory: false,
            component: entry.component,
          },
    );
  }
  return out;
}

/**
 * AgentOS: serves agents, teams and workflows (prototypes and per-request factories) over HTTP,
 * wire-compatible with Agno's AgentOS: runs with SSE streaming, sessions, memories, metrics,
 * evals, traces, configuration, OpenAPI docs, CORS, JWT and RBAC.
 *
 * @example
 * const agentOs = new AgentOS({ agents: [agent], db: new SqliteDb({ dbFile: "agno.db" }) });
 * const app = agentOs.getApp(); // a Hono app: add routes and middleware
 * await agentOs.serve({ port: 7777 });
 */
export class AgentOS {
  readonly id: string;
  readonly name?: string;
  readonly description?: string;
  readonly version?: string;
  /** The UI configuration (normalized), when given. */
  readonly config?: AgentOSConfig;
  /** What one request may carry (`limits` option over the defaults). */
  readonly limits: Readonly<AgentOSLimits>;
  readonly #options: AgentOSOptions;
  readonly #registry: Registry;
  readonly #app: Hono<AppEnv>;
  readonly #routes = new RouteTable();
  readonly #fallbackRoutes = new RouteTable();
  readonly #dataApp: Hono<AppEnv>;
  readonly #skipped = new Set<string>();
  #finalized = false;

  constructor(options: AgentOSOptions = {}) {
    this.#options = options;
    this.id = options.id ?? (options.name ? uuidv5(options.name) : uuid4());
    if (options.name !== undefined) this.name = options.name;
    if (options.description !== undefined) this.description = options.description;
    if (options.version !== undefined) this.version = options.version;
    const config = resolveConfig(options.config);
    if (config) this.config = config;
    const limits = resolveLimits(options.limits);
    this.limits = limits;
    this.#registry = new Registry({
      agents: options.agents ?? [],
      teams: options.teams ?? [],
      workflows: options.workflows ?? [],
      ...(options.db ? { db: options.db } : {}),
    });
    for (const type of ["agent", "team", "workflow"] as const) {
      for (const id of this.#registry.of(type).keys()) {
        if (!isSafeId(id)) {
          throw new ConfigurationError(
            `AgentOS: the ${type} id ${JSON.stringify(id)} cannot be served: an id must be ${ID_RULE}. Give the ${type} an id such as "${id.replace(/[^A-Za-z0-9_.:@|+=~-]+/g, "-").slice(0, 64)}".`,
          );
        }
      }
    }
    for (const kb of options.knowledge ?? []) {
      const k = kb as { contentsDb?: unknown; db?: unknown };
      this.#registry.addDb((k.contentsDb ?? k.db) as never);
    }
    if (options.tracing) log.warn("AgentOS: tracing is not available yet; runs are not traced.");
    if (options.runHooksInBackground)
      log.warn("AgentOS: runHooksInBackground is not available yet; hooks run inline.");

    registerHomeRoutes(this.#routes, this.#registry, {
      id: this.id,
      name: this.name,
      description: this.description,
      version: this.version,
      db: options.db,
      authorization: options.authorization ?? false,
      config: this.config,
      knowledge: options.knowledge ?? [],
    });
    registerRunnableRoutes(this.#routes, this.#registry, AGENT_KIND);
    registerRunnableRoutes(this.#routes, this.#registry, TEAM_KIND);
    registerWorkflowRoutes(this.#routes, this.#registry);
    registerUnavailableRoutes(this.#fallbackRoutes);
    this.#dataApp = dataRoutes(this.dataContext());

    const app = new Hono<AppEnv>({ getPath: pathWithoutTrailingSlash });
    app.onError((error, c) => errorResponse(error, c));
    app.notFound((c) => c.json({ detail: "Not Found" }, 404));
    app.use("*", requestIdMiddleware(), async (c, next) => {
      c.set("limits", limits);
      await next();
    });
    app.use("*", corsMiddleware(options.corsAllowedOrigins ?? []));
    if (options.authorization) {
      app.use("*", authorizationMiddleware(options.authorizationConfig ?? {}, this.id));
    }
    // After authorization: an anonymous caller's body is refused before it is read.
    app.use(
      "*",
      bodyLimit({
        maxSize: limits.maxBodyBytes,
        onError: () => {
          throw tooLarge("The request body", formatBytes(limits.maxBodyBytes), "maxBodyBytes");
        },
      }),
      queryIdGuard(),
    );
    for (const mw of options.middleware ?? []) app.use("*", mw);
    if (options.baseApp) this.mountBaseApp(app, options.baseApp, options.onRouteConflict);
    const fetch = app.fetch;
    app.fetch = (request, ...rest) => {
      this.finalize();
      return fetch(request, ...rest);
    };
    this.#app = app;
  }

  /** Every database AgentOS knows, by id (its own, its components', its factories'). */
  get dbs(): ReadonlyMap<string, BaseDb> {
    return this.#registry.dbs;
  }

  /**
   * The Hono app. Add routes and middleware to it: middleware added with `app.use(...)` before
   * the first request also runs before AgentOS's routes, which are registered then.
   */
  getApp(): Hono<AppEnv> {
    return this.#app;
  }

  /** The app's routes (method and path), AgentOS's included. */
  getRoutes(): RouteInfo[] {
    this.finalize();
    return (this.#app.routes as HonoRoute[])
      .filter((r) => r.method !== "ALL")
      .map((r) => ({ method: r.method, path: r.path }));
  }

  /** The OpenAPI document served at `/openapi.json`. */
  openApi(): Record<string, unknown> {
    return buildOpenApi({
      title: this.name ?? "Agno AgentOS",
      version: this.version ?? "1.0.0",
      description: this.description,
      tables: [this.#routes, this.#fallbackRoutes],
      extraRoutes: (this.#dataApp.routes as HonoRoute[]).map((r) => ({
        method: r.method,
        path: r.path,
      })),
      registry: this.#registry,
    });
  }

  /**
   * Starts serving on `port` (default: PORT, else 7777) with `@hono/node-server`, and stops
   * gracefully on SIGINT / SIGTERM. Resolves once listening.
   */
  async serve(options: ServeOptions = {}): Promise<AgentOSServer> {
    this.finalize();
    const server = await startServer(this.#app.fetch, options);
    log.info(`AgentOS "${this.name ?? this.id}" running on ${server.url}`);
    return server;
  }

  /**
   * Registers AgentOS's routes on the app (after any middleware and routes added so far). Done
   * automatically on the first request, `serve()` and `getRoutes()`; call it yourself before
   * mounting the app into another one with `route()`.
   */
  finalize(): void {
    if (this.#finalized) return;
    this.#finalized = true;
    const app = this.#app;
    const skip = (route: RouteDefinition) =>
      this.#skipped.has(`${route.method} ${routeShape(route.path)}`);
    if (this.#options.docsEnabled !== false) {
      registerDocsRoutes(app, this.name ?? "Agno AgentOS", () => this.openApi());
    }
    this.#routes.mount(app, skip);
    copyRoutes(
      app,
      this.#dataApp,
      (r) => this.#skipped.has(`${r.method} ${routeShape(r.path)}`),
      true,
    );
    this.#fallbackRoutes.mount(app, skip);
  }

  private dataContext(): DataRouterContext {
    return {
      dbs: this.#registry.dbs,
      osId: this.id,
      components: {
        agents: refs(this.#registry.agents),
        teams: refs(this.#registry.teams),
        workflows: refs(this.#registry.workflows),
      },
      knowledge: this.#options.knowledge ?? [],
    };
  }

  /** Copies the base app's routes, resolving conflicts with AgentOS's by the policy. */
  private mountBaseApp(
    app: Hono<AppEnv>,
    baseApp: Hono<any>,
    policy: RouteConflictPolicy = "preserve_agentos",
  ): void {
    const ours = new Set<string>();
    for (const r of [...this.#routes.routes, ...this.#fallbackRoutes.routes])
      ours.add(`${r.method} ${routeShape(r.path)}`);
    for (const r of this.#dataApp.routes as HonoRoute[])
      if (r.method !== "ALL") ours.add(`${r.method} ${routeShape(r.path)}`);
    const conflicts = (baseApp.routes as HonoRoute[])
      .filter((r) => r.method !== "ALL" && ours.has(`${r.method} ${routeShape(r.path)}`))
      .map((r) => `${r.method} ${r.path}`);
    if (conflicts.length > 0) {
      if (policy === "error") {
        throw new ConfigurationError(
          `AgentOS: the base app's routes ${conflicts.join(", ")} conflict with AgentOS routes. Remove them, or pass onRouteConflict "preserve_agentos" or "preserve_base_app".`,
        );
      }
      log.warn(
        `AgentOS: routes ${conflicts.join(", ")} exist in both the base app and AgentOS; keeping the ${policy === "preserve_base_app" ? "base app's" : "AgentOS"} version.`,
      );
      if (policy === "preserve_base_app") {
        for (const r of baseApp.routes as HonoRoute[])
          if (r.method !== "ALL") {
            const key = `${r.method} ${routeShape(r.path)}`;
            if (ours.has(key)) this.#skipped.add(key);
          }
      }
    }
    copyRoutes(
      app,
      baseApp,
      (r) =>
        policy === "preserve_agentos" &&
        r.method !== "ALL" &&
        ours.has(`${r.method} ${routeShape(r.path)}`),
    );
  }
}

/**
 * Registers `source`'s routes (middleware included, in order) on `target`, as Hono's `route()`.
 * With `guardIds`, the id path parameters of each route are checked first (400 when unsafe).
 */
function copyRoutes(
  target: Hono<any>,
  source: Hono<any>,
  skip: (route: HonoRoute) => boolean,
  guardIds = false,
) {
  const onError = errorHandlerOf(source);
  for (const route of source.routes as HonoRoute[]) {
    if (skip(route)) continue;
    let handler = route.handler;
    const custom = onError !== DEFAULT_ERROR_HANDLER;
    if (custom || (guardIds && route.path.includes(":"))) {
      const inner = route.handler;
      handler = async (c: any, next: any) => {
        try {
          if (guardIds) checkPathIds(c);
          return await inner(c, next);
        } catch (error) {
          if (custom) return onError(error as Error, c);
          throw error;
        }
      };
    }
    (target.on as (method: string, path: string, handler: unknown) => unknown)(
      route.method,
      route.path,
      handler,
    );
  }
}
