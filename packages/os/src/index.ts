export { AgentOS, type RouteInfo } from "./agent-os.js";
export {
  type AuthMode,
  type AuthorizationConfig,
  accessibleIds,
  authorizationMiddleware,
  canAccess,
  DEFAULT_EXCLUDED_ROUTE_PATHS,
  DEFAULT_SCOPE_MAPPINGS,
  type JwtAlgorithm,
  type JwtMiddlewareOptions,
  jwtMiddleware,
  requireResourceAccess,
  type ScopeMappings,
  type SecurityKeyMiddlewareOptions,
  securityKeyMiddleware,
  type TokenSource,
} from "./auth/index.js";
export {
  type AgentOSConfig,
  type ChatConfig,
  type DatabaseConfig,
  type DomainConfig,
  loadConfigFile,
  normalizeConfig,
} from "./config.js";
export { allowedOrigins, DEFAULT_CORS_ORIGINS } from "./cors.js";
export type { ComponentRef, DataRouterContext } from "./data-context.js";
export {
  type AppContext,
  type AppEnv,
  type AuthVariables,
  type RequestVariables,
  scopedUserId,
} from "./env.js";
export { httpError, INTERNAL_ERROR_DETAIL } from "./errors.js";
export { parseFactoryInput } from "./factories/resolve.js";
export { ID_RULE, isSafeId, MAX_ID_LENGTH } from "./http/ids.js";
export { type AgentOSLimits, DEFAULT_LIMITS } from "./http/limits.js";
export { formatSseEvent } from "./http/sse.js";
export type {
  AgentOSOptions,
  AgentOSServer,
  RemoteComponentLike,
  RouteConflictPolicy,
  RunEventsOptions,
  ServeOptions,
} from "./options.js";
export {
  type BufferedEvent,
  type BufferedRun,
  type BufferedRunStatus,
  DEFAULT_RUN_EVENT_BUFFER,
  MemoryRunEventBuffer,
  type RunEventBuffer,
  type RunEventBufferOptions,
  type RunEventListener,
} from "./streams/run-event-buffer.js";
export { AGNO_VERSION } from "./version.js";
