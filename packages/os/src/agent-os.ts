import { type BaseDb, type Component, ConfigurationError } from "@agno/core";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { getPath } from "hono/utils/url";
import {
  type AuthMode,
  authorizationMiddleware,
  isJwtMiddleware,
  jwtMiddleware,
  resolveAuthMode,
  securityKeyMiddleware,
} from "./auth/index.js";
import { baseAppRoutes, routeKey, routeKeys } from "./base-app.js";
import { type AgentOSConfig, resolveConfig } from "./config.js";
import { corsMiddleware } from "./cors.js";
import type { ComponentRef, DataRouterContext } from "./data-context.js";
import type { AppEnv } from "./env.js";
import { errorResponse, requestIdMiddleware } from "./errors.js";
import { ID_RULE, isSafeId, queryIdGuard } from "./http/ids.js";
import { type AgentOSLimits, formatBytes, resolveLimits, tooLarge } from "./http/limits.js";
import { notFoundOrMethodNotAllowed } from "./http/method-not-allowed.js";
import type { RouteGroup } from "./http/route-group.js";
import { log } from "./logger.js";
import { buildOpenApi } from "./openapi.js";
import type { AgentOSOptions, AgentOSServer, ServeOptions } from "./options.js";
import { type Entry, Registry } from "./registry.js";
import { componentRoutes } from "./routers/component-routes.js";
import { dataRoutes } from "./routers/data.js";
import { databaseRoutes } from "./routers/database.js";
import { docsRoutes } from "./routers/docs.js";
import { homeRoutes } from "./routers/home.js";
import { RUN_KINDS } from "./routers/run-kinds.js";
import { unavailableRoutes } from "./routers/unavailable.js";
import { startServer } from "./serve.js";
import { MemoryRunEventBuffer, type RunEventBuffer } from "./streams/run-event-buffer.js";
import { uuid4, uuidv5 } from "./uuid.js";

/** A route of the app, as `getRoutes()` lists it. */
export interface RouteInfo {
  method: string;
  path: string;
}

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
            db: (entry.component as Component).db,
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
  /**
   * How requests are authenticated: `"jwt"` (`authorization`, or `JWT_VERIFICATION_KEY` /
   * `JWT_JWKS_FILE` set), else `"security_key"` (`securityKey` or `OS_SECURITY_KEY`), else `"none"`.
   */
  readonly authMode: AuthMode;
  /** What one request may carry (`limits` option over the defaults). */
  readonly limits: Readonly<AgentOSLimits>;
  /** Where streamed and background runs keep their events for `/resume` (`runEvents` option). */
  readonly runEvents: RunEventBuffer;
  readonly #options: AgentOSOptions;
  readonly #registry: Registry;
  readonly #app: Hono<AppEnv>;
  /** AgentOS's route groups, in the order they are mounted (after the docs). */
  readonly #groups: readonly RouteGroup[];
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

    const auth = resolveAuthMode({
      authorization: options.authorization,
      securityKey: options.securityKey,
    });
    this.authMode = auth.mode;

    const { buffer, heartbeatSeconds, ...caps } = options.runEvents ?? {};
    this.runEvents = buffer ?? new MemoryRunEventBuffer(caps);
    const runs = { buffer: this.runEvents, heartbeatMs: (heartbeatSeconds ?? 30) * 1000 };
    this.#groups = [
      homeRoutes(this.#registry, {
        id: this.id,
        name: this.name,
        description: this.description,
        version: this.version,
        db: options.db,
        authMode: auth.mode,
        config: this.config,
        knowledge: options.knowledge ?? [],
      }),
      ...Object.values(RUN_KINDS).map((kind) => componentRoutes(this.#registry, kind, runs)),
      dataRoutes(this.dataContext()),
      databaseRoutes(this.#registry.dbs),
      unavailableRoutes(),
    ];

    const app = new Hono<AppEnv>({ getPath: pathWithoutTrailingSlash });
    app.onError((error, c) => errorResponse(error, c));
    const unmatched = notFoundOrMethodNotAllowed(() => app.routes);
    app.notFound((c) => unmatched(c, pathWithoutTrailingSlash(c.req.raw)));
    app.use("*", requestIdMiddleware(), async (c, next) => {
      c.set("limits", limits);
      await next();
    });
    app.use("*", corsMiddleware(options.corsAllowedOrigins));
    if (options.authorization) {
      app.use("*", authorizationMiddleware(options.authorizationConfig ?? {}, this.id));
    } else if (auth.mode === "jwt" && !(options.middleware ?? []).some(isJwtMiddleware)) {
      // JWT_VERIFICATION_KEY / JWT_JWKS_FILE in the environment: tokens are verified (no RBAC),
      // unless the app verifies them with a jwtMiddleware of its own.
      app.use("*", jwtMiddleware({ audience: this.id }));
    } else if (auth.securityKey !== undefined) {
      app.use("*", securityKeyMiddleware(auth.securityKey));
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
    if (options.baseApp) {
      const ours = new Set(this.#groups.flatMap((g) => [...routeKeys(g.app)]));
      app.route("/", baseAppRoutes(options.baseApp, ours, options.onRouteConflict));
    }
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

  /**
   * The app's routes (method and path), AgentOS's included; a route another one registered
   * before it shadows (same method and path shape) is listed once.
   */
  getRoutes(): RouteInfo[] {
    this.finalize();
    const seen = new Set<string>();
    const routes: RouteInfo[] = [];
    for (const { method, path } of this.#app.routes) {
      if (method === "ALL" || seen.has(routeKey({ method, path }))) continue;
      seen.add(routeKey({ method, path }));
      routes.push({ method, path });
    }
    return routes;
  }

  /** The OpenAPI document served at `/openapi.json`. */
  openApi(): Record<string, unknown> {
    return buildOpenApi({
      title: this.name ?? "Agno AgentOS",
      version: this.version ?? "1.0.0",
      description: this.description,
      groups: this.#groups,
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
    if (this.#options.docsEnabled !== false) {
      app.route("/", docsRoutes(this.name ?? "Agno AgentOS", () => this.openApi()).app);
    }
    for (const group of this.#groups) app.route("/", group.app);
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
}
