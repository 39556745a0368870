import { AgnoError, ConfigurationError, errorMarker } from "@agno/core";
import { decodeJwt, decodeProtectedHeader, errors, jwtVerify } from "jose";
import {
  DEFAULT_KID,
  JWT_ALGORITHMS,
  type JwtAlgorithm,
  type KeyMaterial,
  loadJwks,
  once,
  staticKey,
} from "./keys.js";

/** Seconds of clock skew tolerated on `exp` / `nbf` by default (the reference's leeway). */
const LEEWAY_SECONDS = 10;

/** Key and audience settings shared by {@link createJwtVerifier} and `jwtMiddleware`. */
export interface JwtVerifierOptions {
  /**
   * Keys tried in order until one verifies the token: shared secrets for HS*, PEM public keys
   * (`PUBLIC KEY`, `RSA PUBLIC KEY` or `CERTIFICATE`) for RS*, PS* and ES*. The
   * `JWT_VERIFICATION_KEY` environment variable is appended when set.
   * @default []
   */
  verificationKeys?: string[];
  /** @deprecated Use `verificationKeys`; appended to them. */
  secretKey?: string;
  /**
   * Path of a local JWKS file (`{"keys": [...]}`); the key is picked by the token's `kid` (a key
   * without `kid` serves tokens without a match) and tried before `verificationKeys`.
   * @default process.env.JWT_JWKS_FILE
   */
  jwksFile?: string;
  /**
   * The one algorithm tokens must be signed with; any other header `alg` (and `none`) is rejected.
   * @default "RS256"
   */
  algorithm?: JwtAlgorithm;
  /**
   * Verify signatures and expiry. `false` only decodes (verification done upstream).
   * @default true
   */
  validate?: boolean;
  /** Claim holding the audience. @default "aud" */
  audienceClaim?: string;
  /** Audience(s) accepted when `verifyAudience` is on (AgentOS passes its id). */
  audience?: string | string[];
  /**
   * Require the token's audience claim to contain `audience`.
   * @default false
   */
  verifyAudience?: boolean;
  /**
   * Accepted issuer(s): when set, the token's `iss` claim must be present and equal one of them.
   * @default none (any issuer)
   */
  issuer?: string | string[];
  /**
   * Seconds of clock skew tolerated when checking `exp`, `nbf` and `iat`.
   * @default 10
   */
  clockTolerance?: number;
}

/** Why a token was refused. */
export type AuthenticationFailure = "missing" | "expired" | "invalid" | "audience" | "subject";

/** A request's credentials were missing or refused (HTTP 401); the message is the 401 detail. */
export class AuthenticationError extends AgnoError {
  static override readonly marker = errorMarker("AuthenticationError");
  readonly reason: AuthenticationFailure;
  override readonly status = 401;
  constructor(message: string, options: { reason: AuthenticationFailure; cause?: unknown }) {
    super(message, { code: "authentication_failed", status: 401, cause: options.cause });
    this.name = "AuthenticationError";
    this.reason = options.reason;
  }
}

/** Verifies tokens; reusable outside HTTP middleware (for example by a WebSocket handler). */
export interface JwtVerifier {
  /** The verified (or, with `validate: false`, decoded) claims; throws {@link AuthenticationError}. */
  verify(token: string): Promise<Record<string, unknown>>;
}

function toAuthError(err: unknown): AuthenticationError {
  if (AuthenticationError.isInstance(err)) return err;
  if (err instanceof errors.JWTExpired) {
    return new AuthenticationError("Token has expired", { reason: "expired", cause: err });
  }
  let reason: string | undefined;
  if (err instanceof errors.JWSSignatureVerificationFailed)
    reason = "Signature verification failed";
  else if (err instanceof errors.JOSEAlgNotAllowed)
    reason = "The specified alg value is not allowed";
  else if (err instanceof errors.JWTClaimValidationFailed && err.claim === "nbf") {
    reason = "The token is not yet valid (nbf)";
  } else if (err instanceof errors.JWTClaimValidationFailed && err.claim === "iss") {
    reason = "The token's issuer (iss) is not accepted";
  } else if (err instanceof errors.JOSEError) reason = err.message;
  if (reason !== undefined) {
    return new AuthenticationError(`Invalid token: ${reason}`, { reason: "invalid", cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new AuthenticationError(`Error decoding token: ${message}`, {
    reason: "invalid",
    cause: err,
  });
}

function malformed(err: unknown): AuthenticationError {
  const message = err instanceof Error ? err.message : String(err);
  return new AuthenticationError(`Invalid token: ${message}`, { reason: "invalid", cause: err });
}

/**
 * Builds a token verifier: one configured algorithm, JWKS keys by `kid` first, then each static
 * key, a leeway on `exp`/`nbf` (`clockTolerance`, 10 s), the issuer check when `issuer` is set,
 * and the audience check when `verifyAudience` is on.
 * Throws {@link ConfigurationError} at once for missing or unusable keys.
 */
export function createJwtVerifier(options: JwtVerifierOptions = {}): JwtVerifier {
  const algorithm = options.algorithm ?? "RS256";
  if (!(JWT_ALGORITHMS as readonly string[]).includes(algorithm)) {
    throw new ConfigurationError(
      `Unsupported JWT algorithm "${algorithm}". Use one of ${JWT_ALGORITHMS.join(", ")}.`,
    );
  }
  const validate = options.validate ?? true;
  const audienceClaim = options.audienceClaim ?? "aud";
  const expected = options.verifyAudience ? [options.audience ?? []].flat() : [];
  if (options.verifyAudience && expected.length === 0) {
    throw new ConfigurationError(
      "verifyAudience is on but no audience is set. Pass { audience } (AgentOS passes its id).",
    );
  }
  const clockTolerance = options.clockTolerance ?? LEEWAY_SECONDS;
  if (!Number.isFinite(clockTolerance) || clockTolerance < 0) {
    throw new ConfigurationError(
      `clockTolerance must be a number of seconds >= 0, got ${String(options.clockTolerance)}.`,
    );
  }
  const issuers = [options.issuer ?? []].flat();
  if (issuers.some((i) => typeof i !== "string" || i === "")) {
    throw new ConfigurationError("issuer must be a non-empty string or a list of them.");
  }
  const rawKeys = [...(options.verificationKeys ?? [])];
  const env = typeof process !== "undefined" ? process.env : {};
  for (const extra of [options.secretKey, env.JWT_VERIFICATION_KEY]) {
    if (extra && !rawKeys.includes(extra)) rawKeys.push(extra);
  }
  const jwksPath = options.jwksFile ?? env.JWT_JWKS_FILE;
  const jwks = new Map<string, () => Promise<KeyMaterial>>();
  const keys: Array<() => Promise<KeyMaterial>> = [];
  if (validate) {
    rawKeys.forEach((raw, i) => {
      keys.push(once(`Verification key #${i + 1}`, staticKey(raw, i, algorithm)));
    });
    if (jwksPath) {
      for (const [kid, load] of loadJwks(jwksPath, algorithm)) {
        jwks.set(kid, once(`JWKS key ${kid === DEFAULT_KID ? "(no kid)" : kid}`, load));
      }
    }
    if (keys.length === 0 && jwks.size === 0) {
      throw new ConfigurationError(
        "A JWT verification key or JWKS file is required when validate is true. Pass { verificationKeys } or { jwksFile }, or set JWT_VERIFICATION_KEY or JWT_JWKS_FILE.",
      );
    }
  }

  const verifyWith = async (token: string, load: () => Promise<KeyMaterial>) => {
    const key = await load();
    const { payload } = await jwtVerify(token, key, {
      algorithms: [algorithm],
      clockTolerance,
      ...(issuers.length > 0 ? { issuer: issuers } : {}),
    });
    return payload as Record<string, unknown>;
  };

  const checkAudience = (payload: Record<string, unknown>): void => {
    if (expected.length === 0) return;
    const aud = payload[audienceClaim];
    if (aud === undefined || aud === null) {
      throw new AuthenticationError(
        `Invalid token: Token is missing the "${audienceClaim}" claim. Audience verification requires this claim to be present in the token.`,
        { reason: "invalid" },
      );
    }
    const got = Array.isArray(aud) ? aud : [aud];
    if (!got.some((a) => expected.includes(a as string))) {
      throw new AuthenticationError(
        "Invalid token audience - token not valid for this AgentOS instance",
        { reason: "audience" },
      );
    }
  };

  return {
    async verify(token) {
      if (!validate) {
        try {
          return decodeJwt(token) as Record<string, unknown>;
        } catch (err) {
          throw malformed(err);
        }
      }
      let header: ReturnType<typeof decodeProtectedHeader>;
      try {
        header = decodeProtectedHeader(token);
      } catch (err) {
        throw malformed(err);
      }
      if (header.alg !== algorithm) {
        throw new AuthenticationError("Invalid token: The specified alg value is not allowed", {
          reason: "invalid",
        });
      }
      let payload: Record<string, unknown> | undefined;
      let last: AuthenticationError | undefined;
      const jwk = jwks.size > 0 ? (jwks.get(header.kid ?? "") ?? jwks.get(DEFAULT_KID)) : undefined;
      for (const load of jwk ? [jwk, ...keys] : keys) {
        try {
          payload = await verifyWith(token, load);
          break;
        } catch (err) {
          last = toAuthError(err);
          if (last.reason === "expired") throw last;
        }
      }
      if (!payload) {
        throw (
          last ??
          new AuthenticationError(
            "Invalid token: No key in the JWKS file matches the token's key id (kid)",
            { reason: "invalid" },
          )
        );
      }
      checkAudience(payload);
      return payload;
    },
  };
}
