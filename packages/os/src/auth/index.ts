export { accessibleIds, canAccess, requireResourceAccess } from "./access.js";
export {
  type AuthorizationConfig,
  authorizationMiddleware,
  DEFAULT_EXCLUDED_ROUTE_PATHS,
  isJwtMiddleware,
  type JwtMiddlewareOptions,
  jwtMiddleware,
  type TokenSource,
} from "./jwt-middleware.js";
export { JWT_ALGORITHMS, type JwtAlgorithm } from "./keys.js";
export {
  type CompiledScopeMappings,
  compileScopeMappings,
  DEFAULT_SCOPE_MAPPINGS,
  requiredScopesForRoute,
  type ScopeMappings,
} from "./scope-mappings.js";
export {
  accessibleResourceIds,
  checkRouteScopes,
  DEFAULT_ADMIN_SCOPE,
  hasRequiredScopes,
  insufficientPermissionsDetail,
  type ResourceAction,
  type ResourceType,
  type RouteScopeCheckResult,
} from "./scopes.js";
export {
  type AuthMode,
  type AuthModeInputs,
  resolveAuthMode,
  type SecurityKeyMiddlewareOptions,
  securityKeyMiddleware,
} from "./security-key.js";
export {
  AuthenticationError,
  type AuthenticationFailure,
  createJwtVerifier,
  type JwtVerifier,
  type JwtVerifierOptions,
} from "./verifier.js";
