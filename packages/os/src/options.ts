import type {
  Agent,
  AgentFactory,
  BaseDb,
  Team,
  TeamFactory,
  Workflow,
  WorkflowFactory,
} from "@agno/core";
import type { Hono, MiddlewareHandler } from "hono";
import type { AuthorizationConfig } from "./auth/index.js";
import type { AgentOSConfig } from "./config.js";
import type { AppEnv } from "./env.js";
import type { AgentOSLimits } from "./http/limits.js";
import type { RunEventBuffer, RunEventBufferOptions } from "./streams/run-event-buffer.js";

/**
 * The event buffer of streamed and background runs (what `POST .../runs/{run_id}/resume`
 * replays): its caps, the grace period after a run ended, or a buffer of your own.
 */
export interface RunEventsOptions extends RunEventBufferOptions {
  /** A buffer to use instead of the in-memory one (the caps above are then its own). */
  buffer?: RunEventBuffer;
  /** Seconds of silence after which a followed resume stream sends `: heartbeat`. @default 30 */
  heartbeatSeconds?: number;
}

/**
 * A component served by another AgentOS: `RemoteAgent`, `RemoteTeam` or `RemoteWorkflow` from
 * `@agno/client` (recognized by their `Symbol.for("agno.remote")` descriptor), or any object with
 * a `baseUrl` and an `agentId` / `teamId` / `workflowId`. AgentOS proxies its routes (the
 * gateway).
 */
export interface RemoteComponentLike {
  readonly baseUrl: string;
  readonly agentId?: string;
  readonly teamId?: string;
  readonly workflowId?: string;
  /** Seconds a proxied request may take. @default 60 */
  readonly timeout?: number;
  /** Headers sent with every proxied request. */
  readonly headers?: Record<string, string>;
  /** Bearer token used when the caller sends no `Authorization`. */
  readonly authToken?: string;
}

/** What to do when a `baseApp` route has the method and path of an AgentOS route. */
export type RouteConflictPolicy = "preserve_agentos" | "preserve_base_app" | "error";

/** Options of `new AgentOS(...)` (the spec's AgentOS parameters, camelCase). */
export interface AgentOSOptions {
  /** AgentOS id. @default UUIDv5(DNS, name) when a name is given, else a random UUID */
  id?: string;
  name?: string;
  description?: string;
  /** Reported by `GET /`. @default "1.0.0" */
  version?: string;
  /** Agents served: prototypes, `AgentFactory`s and `RemoteAgent`s (proxied), mixed. Ids must be unique. */
  agents?: Array<Agent<any> | AgentFactory<any> | RemoteComponentLike>;
  /** Teams served: prototypes, `TeamFactory`s and `RemoteTeam`s (proxied). */
  teams?: Array<Team<any> | TeamFactory<any> | RemoteComponentLike>;
  /** Workflows served: prototypes, `WorkflowFactory`s and `RemoteWorkflow`s (proxied). */
  workflows?: Array<Workflow | WorkflowFactory<any> | RemoteComponentLike>;
  /** Standalone knowledge instances (listed in `/config`, handed to the knowledge routes). */
  knowledge?: unknown[];
  /** The OS database: used by prototypes that have none, and by the data routes. */
  db?: BaseDb;
  /** Enforce JWT verification and RBAC scopes (installs `authorizationMiddleware`). @default false */
  authorization?: boolean;
  /**
   * A static bearer key every route but `/`, `/health`, `/info` and the docs requires
   * (`Authorization: Bearer <key>`). Ignored when JWT is configured (`authorization`, or
   * `JWT_VERIFICATION_KEY` / `JWT_JWKS_FILE` set), which takes precedence.
   * @default process.env.OS_SECURITY_KEY
   */
  securityKey?: string;
  /** JWT verification settings used when `authorization` is on. */
  authorizationConfig?: AuthorizationConfig;
  /**
   * Extra CORS origins, merged with the default Agno origins.
   * @default CORS_ORIGIN_LIST (a JSON array or a comma-separated list), else none
   */
  corsAllowedOrigins?: string[];
  /** UI configuration: an AgentOSConfig object or the path of a YAML file. */
  config?: AgentOSConfig | string;
  /** An existing Hono app whose routes and middleware AgentOS serves alongside its own. */
  baseApp?: Hono<any>;
  /** Route conflicts with `baseApp`. @default "preserve_agentos" */
  onRouteConflict?: RouteConflictPolicy;
  /**
   * Middleware run before every AgentOS route (after CORS and authorization), for example
   * `jwtMiddleware(...)`. Middleware added later with `getApp().use(...)` also applies.
   */
  middleware?: MiddlewareHandler<AppEnv>[];
  /**
   * What one request may carry: body, file and form sizes, message length, JSON depth, page
   * size. Each is optional; the defaults are in {@link AgentOSLimits}.
   */
  limits?: Partial<AgentOSLimits>;
  /**
   * The event buffer that makes streams resumable: `maxEvents` (1000) and `maxBytes` (5 MiB)
   * per run, `graceSeconds` (3600) after the run ended, `maxRuns` (10000), `heartbeatSeconds`
   * (30); or `buffer`, a {@link RunEventBuffer} of your own.
   */
  runEvents?: RunEventsOptions;
  /** Serve `/docs`, `/redoc` and `/openapi.json`. @default true */
  docsEnabled?: boolean;
  /** OpenTelemetry tracing of runs (not available yet: accepted and reported). @default false */
  tracing?: boolean;
  /** Create tables on first use (tables are always created on first use). @default true */
  autoProvisionDbs?: boolean;
  /** Run hooks after the response (not available yet: hooks run inline). @default false */
  runHooksInBackground?: boolean;
  /** Anonymous usage telemetry (this implementation sends none). @default true */
  telemetry?: boolean;
}

/** Options of `agentOs.serve(...)`. */
export interface ServeOptions {
  /** @default the PORT environment variable, else 7777 (0 picks a free port) */
  port?: number;
  /** @default the HOST environment variable, else "localhost" */
  host?: string;
  /** Stop gracefully on SIGINT / SIGTERM (running requests finish first). @default true */
  handleSignals?: boolean;
}

/** A running AgentOS server. */
export interface AgentOSServer {
  /** The port listened on (the actual one when 0 was asked). */
  readonly port: number;
  readonly host: string;
  /** `http://<host>:<port>`. */
  readonly url: string;
  /** Stops accepting connections and resolves once running requests and background runs ended. */
  close(): Promise<void>;
}
