import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { AppContext, AppEnv } from "../env.js";
import { httpError } from "../errors.js";
import { ID_RULE, isSafeId } from "../http/ids.js";
import { rememberListingIds } from "./access.js";
import type { JwtAlgorithm } from "./keys.js";
import { compileScopeMappings, globToRegExp, type ScopeMappings } from "./scope-mappings.js";
import {
  checkRouteScopes,
  DEFAULT_ADMIN_SCOPE,
  insufficientPermissionsDetail,
  resourceContextFromPath,
} from "./scopes.js";
import { createJwtVerifier, type JwtVerifierOptions } from "./verifier.js";

/** Where the token is read from; `"both"` tries the header, then the cookie. */
export type TokenSource = "header" | "cookie" | "both";

/** Routes that never need a token (replaced, not extended, by `excludedRoutePaths`). */
export const DEFAULT_EXCLUDED_ROUTE_PATHS: readonly string[] = Object.freeze([
  "/",
  "/health",
  "/info",
  "/docs",
  "/redoc",
  "/openapi.json",
  "/docs/oauth2-redirect",
]);

/** Options of {@link jwtMiddleware}: the reference JWTMiddleware's parameters in camelCase. */
export interface JwtMiddlewareOptions extends JwtVerifierOptions {
  /**
   * Enforce the route-to-scope table (RBAC); 403 when the token lacks a required scope.
   * @default false, or true when `scopeMappings` is given
   */
  authorization?: boolean;
  /** Where the token is read from. @default "header" */
  tokenSource?: TokenSource;
  /** Header holding `Bearer <token>` (or the bare token). @default "Authorization" */
  tokenHeaderKey?: string;
  /** Cookie holding the token. @default "access_token" */
  cookieName?: string;
  /** Claim holding the scopes (a list, or a space-separated string). @default "scopes" */
  scopesClaim?: string;
  /** Claim holding the user id. @default "sub" */
  userIdClaim?: string;
  /** Claim holding the session id. @default "session_id" */
  sessionIdClaim?: string;
  /** Claims copied into the request's `dependencies`. @default [] */
  dependenciesClaims?: string[];
  /** Claims copied into the request's `session_state`. @default [] */
  sessionStateClaims?: string[];
  /**
   * Extra `"METHOD /path"` → scopes entries, merged over the defaults (same key replaces);
   * `[]` lets a route through without scopes.
   * @default {}
   */
  scopeMappings?: ScopeMappings;
  /**
   * Paths skipped entirely (shell wildcards, `*` spans `/`).
   * @default DEFAULT_EXCLUDED_ROUTE_PATHS
   */
  excludedRoutePaths?: string[];
  /** The scope that passes every check. @default "agent_os:admin" */
  adminScope?: string;
}

/** Subjects only the server assigns; a token claiming one is refused. */
function isReservedPrincipal(userId: unknown): boolean {
  return (
    typeof userId === "string" &&
    (userId.startsWith("sa:") || userId.startsWith("__oauth__:") || userId === "__scheduler__")
  );
}

function toScopes(value: unknown): string[] {
  if (typeof value === "string") return value.split(/\s+/).filter(Boolean);
  return Array.isArray(value) ? value.filter((s): s is string => typeof s === "string") : [];
}

function toId(value: unknown): string | undefined {
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}

function pick(claims: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of names) if (name in claims) out[name] = claims[name];
  return out;
}

/**
 * Verifies the request's JWT (jose) and puts its identity on the context (`user_id`,
 * `session_id`, `scopes`, `claims`, `dependencies`, `session_state`, `authorization_enabled`,
 * `is_admin`). Answers 401 for a missing, invalid or expired token and, with `authorization`,
 * 403 `Insufficient permissions. Required scope(s): ...` when the route's scopes are lacking.
 * OPTIONS requests and `excludedRoutePaths` pass untouched. Throws `ConfigurationError` at once
 * when no key is configured.
 *
 * @example
 * app.use("*", jwtMiddleware({ verificationKeys: [process.env.JWT_SECRET!], algorithm: "HS256",
 *   authorization: true, dependenciesClaims: ["org_id"] }));
 */
export function jwtMiddleware(options: JwtMiddlewareOptions = {}): MiddlewareHandler<AppEnv> {
  const verifier = createJwtVerifier(options);
  const validate = options.validate ?? true;
  const tokenSource = options.tokenSource ?? "header";
  const tokenHeaderKey = options.tokenHeaderKey ?? "Authorization";
  const cookieName = options.cookieName ?? "access_token";
  const scopesClaim = options.scopesClaim ?? "scopes";
  const userIdClaim = options.userIdClaim ?? "sub";
  const sessionIdClaim = options.sessionIdClaim ?? "session_id";
  const dependenciesClaims = options.dependenciesClaims ?? [];
  const sessionStateClaims = options.sessionStateClaims ?? [];
  const adminScope = options.adminScope ?? DEFAULT_ADMIN_SCOPE;
  const authorization = options.authorization ?? options.scopeMappings !== undefined;
  const mappings = authorization ? compileScopeMappings(options.scopeMappings) : undefined;
  const excluded = (options.excludedRoutePaths ?? DEFAULT_EXCLUDED_ROUTE_PATHS).map(globToRegExp);
  const missingDetail =
    tokenSource === "header"
      ? "Authorization header missing"
      : tokenSource === "cookie"
        ? `JWT cookie '${cookieName}' missing`
        : `JWT token missing from both Authorization header and '${cookieName}' cookie`;

  const isExcluded = (path: string): boolean => {
    const trimmed = path.replace(/\/+$/, "");
    return excluded.some((re) => re.test(path) || re.test(trimmed));
  };

  const fromHeader = (c: AppContext): string | undefined => {
    const value = c.req.header(tokenHeaderKey)?.trim();
    if (!value || /^bearer$/i.test(value)) return undefined;
    return /^bearer\s/i.test(value) ? value.slice(7).trim() || undefined : value;
  };
  const fromCookie = (c: AppContext): string | undefined =>
    getCookie(c, cookieName)?.trim() || undefined;

  const enforce = (c: AppContext, scopes: readonly string[]): void => {
    if (!mappings) return;
    const result = checkRouteScopes(scopes, mappings, c.req.method, c.req.path, adminScope);
    const type = resourceContextFromPath(c.req.path).type;
    if (result.accessibleIds && type) rememberListingIds(c, type, result.accessibleIds);
    if (!result.allowed) throw httpError(403, insufficientPermissionsDetail(result.requiredScopes));
  };

  const handler: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (c.req.method === "OPTIONS" || isExcluded(c.req.path)) return next();
    const token =
      tokenSource === "cookie"
        ? fromCookie(c)
        : tokenSource === "both"
          ? (fromHeader(c) ?? fromCookie(c))
          : fromHeader(c);
    if (!token) throw httpError(401, missingDetail);

    let claims: Record<string, unknown>;
    try {
      claims = await verifier.verify(token);
    } catch (err) {
      if (validate) throw httpError(401, err instanceof Error ? err.message : String(err));
      // Unverified mode and an undecodable token: an identity-less caller with no scopes.
      c.set("authorization_enabled", authorization);
      c.set("scopes", []);
      c.set("is_admin", false);
      enforce(c, []);
      return next();
    }

    const userId = claims[userIdClaim];
    if (isReservedPrincipal(userId)) throw httpError(401, "Invalid token subject");
    const scopes = toScopes(claims[scopesClaim]);
    const userIdValue = toId(userId);
    const sessionId = toId(claims[sessionIdClaim]);
    if (userIdValue !== undefined && userIdValue !== "" && !isSafeId(userIdValue)) {
      throw httpError(
        401,
        `Invalid token: the "${userIdClaim}" claim is not a valid id (${ID_RULE})`,
      );
    }
    if (sessionId !== undefined && sessionId !== "" && !isSafeId(sessionId)) {
      throw httpError(
        401,
        `Invalid token: the "${sessionIdClaim}" claim is not a valid id (${ID_RULE})`,
      );
    }
    if (userIdValue !== undefined) c.set("user_id", userIdValue);
    if (sessionId !== undefined) c.set("session_id", sessionId);
    c.set("scopes", scopes);
    c.set("claims", claims);
    c.set("authorization_enabled", authorization);
    c.set("is_admin", scopes.includes(adminScope));
    const dependencies = pick(claims, dependenciesClaims);
    if (Object.keys(dependencies).length > 0) c.set("dependencies", dependencies);
    const sessionState = pick(claims, sessionStateClaims);
    if (Object.keys(sessionState).length > 0) c.set("session_state", sessionState);

    enforce(c, scopes);
    await next();
  };
  Object.defineProperty(handler, JWT_MIDDLEWARE, { value: true });
  return handler;
}

const JWT_MIDDLEWARE = Symbol.for("agno.os.jwtMiddleware");

/** True for a middleware made by {@link jwtMiddleware} (of any copy of this package). */
export function isJwtMiddleware(value: unknown): boolean {
  return (
    typeof value === "function" &&
    (value as { [JWT_MIDDLEWARE]?: boolean })[JWT_MIDDLEWARE] === true
  );
}

/** AgentOS's `authorizationConfig` (JWT verification when `authorization` is on). */
export interface AuthorizationConfig {
  /** Keys tried in order: shared secrets for HS*, PEM public keys otherwise. @default JWT_VERIFICATION_KEY */
  verificationKeys?: string[];
  /** Local JWKS file; keys picked by `kid`. @default JWT_JWKS_FILE */
  jwksFile?: string;
  /** @default "RS256" */
  algorithm?: JwtAlgorithm;
  /**
   * Require the token's `aud` to contain `audience` (the AgentOS id unless set). Leave off for
   * AgentOS Control Plane traffic.
   * @default false
   */
  verifyAudience?: boolean;
  /** Accepted audience(s). @default the AgentOS id */
  audience?: string | string[];
  /** Accepted issuer(s); the token's `iss` must match one. @default any issuer */
  issuer?: string | string[];
  /** Seconds of clock skew tolerated on `exp`, `nbf` and `iat`. @default 10 */
  clockTolerance?: number;
  /** @default "agent_os:admin" */
  adminScope?: string;
}

/**
 * The middleware AgentOS installs for `authorization: true`: {@link jwtMiddleware} with RBAC on,
 * keys from `config` (or the environment) and the AgentOS id as the audience. `options` adds
 * middleware settings the config does not carry (`excludedRoutePaths`, `scopeMappings`...).
 *
 * @example
 * app.use("*", authorizationMiddleware({ verificationKeys: [publicKeyPem] }, "my-agent-os"));
 */
export function authorizationMiddleware(
  config: AuthorizationConfig,
  agentOsId: string,
  options: Omit<JwtMiddlewareOptions, "authorization"> = {},
): MiddlewareHandler<AppEnv> {
  return jwtMiddleware({
    ...options,
    verificationKeys: config.verificationKeys ?? options.verificationKeys,
    jwksFile: config.jwksFile ?? options.jwksFile,
    algorithm: config.algorithm ?? options.algorithm ?? "RS256",
    verifyAudience: config.verifyAudience ?? options.verifyAudience ?? false,
    audience: config.audience ?? options.audience ?? agentOsId,
    adminScope: config.adminScope ?? options.adminScope,
    issuer: config.issuer ?? options.issuer,
    clockTolerance: config.clockTolerance ?? options.clockTolerance,
    authorization: true,
  });
}
