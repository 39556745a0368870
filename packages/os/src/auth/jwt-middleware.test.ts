import { createPublicKey } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigurationError } from "@agno/core";
import { Hono } from "hono";
import {
  type CryptoKey,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  type JWTPayload,
  SignJWT,
  UnsecuredJWT,
} from "jose";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { AppEnv } from "../env.js";
import { type JwtMiddlewareOptions, jwtMiddleware } from "./jwt-middleware.js";
import { AuthenticationError, createJwtVerifier } from "./verifier.js";

const SECRET = "a-shared-secret-of-at-least-thirty-two-bytes!";
const now = () => Math.floor(Date.now() / 1000);

async function hsToken(claims: JWTPayload, secret = SECRET, alg = "HS256"): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg })
    .setIssuedAt()
    .sign(new TextEncoder().encode(secret));
}

async function signed(claims: JWTPayload, key: CryptoKey, alg: string, kid?: string) {
  return new SignJWT(claims).setProtectedHeader(kid ? { alg, kid } : { alg }).sign(key);
}

function echoApp(options: JwtMiddlewareOptions) {
  const app = new Hono<AppEnv>();
  app.use("*", jwtMiddleware(options));
  app.all("*", (c) =>
    c.json({
      user_id: c.get("user_id") ?? null,
      session_id: c.get("session_id") ?? null,
      scopes: c.get("scopes") ?? null,
      claims: c.get("claims") ?? null,
      dependencies: c.get("dependencies") ?? null,
      session_state: c.get("session_state") ?? null,
      authorization_enabled: c.get("authorization_enabled") ?? null,
      is_admin: c.get("is_admin") ?? null,
    }),
  );
  return app;
}

const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });

async function expect401(res: Response, detail: string | RegExp) {
  expect(res.status).toBe(401);
  const body = (await res.json()) as { detail: string };
  if (typeof detail === "string") expect(body.detail).toBe(detail);
  else expect(body.detail).toMatch(detail);
}

let rsa: { publicKey: CryptoKey; privateKey: CryptoKey };
let rsaPem: string;
let es: { publicKey: CryptoKey; privateKey: CryptoKey };
let esPem: string;
let dir: string;

beforeAll(async () => {
  rsa = await generateKeyPair("RS256");
  rsaPem = await exportSPKI(rsa.publicKey);
  es = await generateKeyPair("ES256");
  esPem = await exportSPKI(es.publicKey);
  dir = mkdtempSync(join(tmpdir(), "agno-auth-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  vi.stubEnv("JWT_VERIFICATION_KEY", undefined);
  vi.stubEnv("JWT_JWKS_FILE", undefined);
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
});

describe("jwtMiddleware: token verification (HS256)", () => {
  const app = echoApp({ verificationKeys: [SECRET], algorithm: "HS256" });

  it("answers 401 when the token is missing", async () => {
    await expect401(await app.request("/agents"), "Authorization header missing");
    await expect401(
      await app.request("/agents", { headers: { Authorization: "Bearer " } }),
      "Authorization header missing",
    );
  });

  it("accepts a valid token with or without the Bearer prefix", async () => {
    const token = await hsToken({ sub: "u1" });
    expect((await app.request("/agents", bearer(token))).status).toBe(200);
    const raw = await app.request("/agents", { headers: { Authorization: token } });
    expect(raw.status).toBe(200);
    const lower = await app.request("/agents", { headers: { Authorization: `bearer ${token}` } });
    expect(lower.status).toBe(200);
  });

  it("answers 401 for an expired token, tolerating 10 s of clock skew", async () => {
    const expired = await hsToken({ sub: "u1", exp: now() - 3600 });
    await expect401(await app.request("/x", bearer(expired)), "Token has expired");
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2030-01-01T00:00:00Z"));
    const skewed = await hsToken({ sub: "u1", exp: now() - 5 });
    expect((await app.request("/x", bearer(skewed))).status).toBe(200);
    const late = await hsToken({ sub: "u1", exp: now() - 11 });
    await expect401(await app.request("/x", bearer(late)), "Token has expired");
  });

  it("answers 401 for a bad signature, a malformed token and a not-yet-valid token", async () => {
    const forged = await hsToken({ sub: "u1" }, "another-secret-another-secret-another");
    await expect401(
      await app.request("/x", bearer(forged)),
      "Invalid token: Signature verification failed",
    );
    await expect401(await app.request("/x", bearer("not-a-jwt")), /^Invalid token: /);
    const future = await hsToken({ sub: "u1", nbf: now() + 3600 });
    await expect401(
      await app.request("/x", bearer(future)),
      "Invalid token: The token is not yet valid (nbf)",
    );
  });

  it("rejects another HMAC size and alg none", async () => {
    const hs512 = await hsToken({ sub: "u1" }, SECRET, "HS512");
    await expect401(
      await app.request("/x", bearer(hs512)),
      "Invalid token: The specified alg value is not allowed",
    );
    const none = new UnsecuredJWT({ sub: "admin", scopes: ["agent_os:admin"] }).encode();
    await expect401(
      await app.request("/x", bearer(none)),
      "Invalid token: The specified alg value is not allowed",
    );
  });

  it("puts the claims on the context", async () => {
    const appWithClaims = echoApp({
      verificationKeys: [SECRET],
      algorithm: "HS256",
      dependenciesClaims: ["org_id", "roles", "absent"],
      sessionStateClaims: ["preferences"],
    });
    const token = await hsToken({
      sub: "user-1",
      session_id: "sess-1",
      scopes: ["agents:read", "sessions:read"],
      org_id: "org-9",
      roles: ["dev"],
      preferences: { theme: "dark" },
    });
    const body = await (await appWithClaims.request("/agents", bearer(token))).json();
    expect(body).toMatchObject({
      user_id: "user-1",
      session_id: "sess-1",
      scopes: ["agents:read", "sessions:read"],
      dependencies: { org_id: "org-9", roles: ["dev"] },
      session_state: { preferences: { theme: "dark" } },
      authorization_enabled: false,
      is_admin: false,
    });
    expect(body.claims).toMatchObject({ sub: "user-1", org_id: "org-9" });
  });

  it("leaves dependencies and session_state unset when no claim is present", async () => {
    const token = await hsToken({ sub: "u1" });
    const body = await (await app.request("/agents", bearer(token))).json();
    expect(body).toMatchObject({ dependencies: null, session_state: null, scopes: [] });
  });

  it("reads custom claim names and space-separated scope strings", async () => {
    const custom = echoApp({
      verificationKeys: [SECRET],
      algorithm: "HS256",
      userIdClaim: "uid",
      sessionIdClaim: "sid",
      scopesClaim: "scope",
    });
    const token = await hsToken({ uid: 42, sid: "s9", scope: "agents:read  teams:read" });
    const body = await (await custom.request("/x", bearer(token))).json();
    expect(body).toMatchObject({ user_id: "42", session_id: "s9" });
    expect(body.scopes).toEqual(["agents:read", "teams:read"]);
  });

  it("refuses tokens that claim a server-reserved subject", async () => {
    for (const sub of ["sa:bot", "__oauth__:client", "__scheduler__"]) {
      const token = await hsToken({ sub });
      await expect401(await app.request("/x", bearer(token)), "Invalid token subject");
    }
  });

  it("skips excluded routes and OPTIONS requests", async () => {
    for (const path of ["/", "/health", "/health/", "/info", "/docs", "/openapi.json"]) {
      expect((await app.request(path)).status).toBe(200);
    }
    expect((await app.request("/agents", { method: "OPTIONS" })).status).toBe(200);
    const wild = echoApp({
      verificationKeys: [SECRET],
      algorithm: "HS256",
      excludedRoutePaths: ["/public/*", "/v?/status"],
    });
    expect((await wild.request("/public/a/b")).status).toBe(200);
    expect((await wild.request("/v2/status")).status).toBe(200);
    expect((await wild.request("/health")).status).toBe(401);
  });
});

describe("jwtMiddleware: token sources", () => {
  it("reads the token from a cookie", async () => {
    const app = echoApp({ verificationKeys: [SECRET], algorithm: "HS256", tokenSource: "cookie" });
    const token = await hsToken({ sub: "cookie-user" });
    const res = await app.request("/x", { headers: { Cookie: `access_token=${token}` } });
    expect(await res.json()).toMatchObject({ user_id: "cookie-user" });
    await expect401(await app.request("/x", bearer(token)), "JWT cookie 'access_token' missing");
  });

  it("tries the header first, then the cookie, with custom names", async () => {
    const app = echoApp({
      verificationKeys: [SECRET],
      algorithm: "HS256",
      tokenSource: "both",
      cookieName: "jwt",
      tokenHeaderKey: "X-Token",
    });
    const header = await hsToken({ sub: "from-header" });
    const cookie = await hsToken({ sub: "from-cookie" });
    const both = await app.request("/x", {
      headers: { "X-Token": `Bearer ${header}`, Cookie: `jwt=${cookie}` },
    });
    expect(await both.json()).toMatchObject({ user_id: "from-header" });
    const cookieOnly = await app.request("/x", { headers: { Cookie: `jwt=${cookie}` } });
    expect(await cookieOnly.json()).toMatchObject({ user_id: "from-cookie" });
    await expect401(
      await app.request("/x"),
      "JWT token missing from both Authorization header and 'jwt' cookie",
    );
  });
});

describe("jwtMiddleware: asymmetric keys", () => {
  it("verifies RS256 tokens with a PEM public key", async () => {
    const app = echoApp({ verificationKeys: [rsaPem] });
    const token = await signed({ sub: "rsa-user" }, rsa.privateKey, "RS256");
    expect(await (await app.request("/x", bearer(token))).json()).toMatchObject({
      user_id: "rsa-user",
    });
  });

  it("rejects an HS256 token signed with the RSA public key (algorithm confusion)", async () => {
    const app = echoApp({ verificationKeys: [rsaPem], algorithm: "RS256" });
    const confused = await hsToken({ sub: "attacker", scopes: ["agent_os:admin"] }, rsaPem);
    await expect401(
      await app.request("/x", bearer(confused)),
      "Invalid token: The specified alg value is not allowed",
    );
  });

  it("refuses a PEM public key as an HMAC secret at startup", () => {
    expect(() => jwtMiddleware({ verificationKeys: [rsaPem], algorithm: "HS256" })).toThrow(
      ConfigurationError,
    );
  });

  it("verifies ES256 tokens and rejects tokens of another key", async () => {
    const app = echoApp({ verificationKeys: [esPem], algorithm: "ES256" });
    const token = await signed({ sub: "ec-user" }, es.privateKey, "ES256");
    expect((await app.request("/x", bearer(token))).status).toBe(200);
    const other = await generateKeyPair("ES256");
    const foreign = await signed({ sub: "ec-user" }, other.privateKey, "ES256");
    await expect401(
      await app.request("/x", bearer(foreign)),
      "Invalid token: Signature verification failed",
    );
  });

  it("tries each key in order (several issuers) and accepts PKCS#1 and escaped PEMs", async () => {
    const second = await generateKeyPair("RS256");
    const pkcs1 = createPublicKey(await exportSPKI(second.publicKey))
      .export({ type: "pkcs1", format: "pem" })
      .toString();
    const app = echoApp({ verificationKeys: [rsaPem.replace(/\n/g, "\\n"), pkcs1] });
    for (const key of [rsa.privateKey, second.privateKey]) {
      const token = await signed({ sub: "multi" }, key, "RS256");
      expect((await app.request("/x", bearer(token))).status).toBe(200);
    }
  });

  it.each([
    "RS384",
    "RS512",
    "PS256",
    "PS384",
    "PS512",
    "ES384",
    "ES512",
  ] as const)("verifies %s tokens with a PEM public key", async (alg) => {
    const pair = await generateKeyPair(alg);
    const app = echoApp({ verificationKeys: [await exportSPKI(pair.publicKey)], algorithm: alg });
    const token = await signed({ sub: alg }, pair.privateKey, alg);
    expect(await (await app.request("/x", bearer(token))).json()).toMatchObject({ user_id: alg });
  });

  it.each(["HS384", "HS512"] as const)("verifies %s tokens with a shared secret", async (alg) => {
    const app = echoApp({ verificationKeys: [SECRET], algorithm: alg });
    const token = await hsToken({ sub: alg }, SECRET, alg);
    expect((await app.request("/x", bearer(token))).status).toBe(200);
  });

  it("refuses a private key as a verification key", () => {
    const pem = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----";
    expect(() => jwtMiddleware({ verificationKeys: [pem] })).toThrow(/is a private key/);
  });

  it("reads JWT_VERIFICATION_KEY from the environment", async () => {
    vi.stubEnv("JWT_VERIFICATION_KEY", rsaPem);
    const app = echoApp({});
    const token = await signed({ sub: "env-user" }, rsa.privateKey, "RS256");
    expect((await app.request("/x", bearer(token))).status).toBe(200);
  });
});

describe("jwtMiddleware: JWKS file", () => {
  let jwksPath: string;
  let second: { publicKey: CryptoKey; privateKey: CryptoKey };

  beforeAll(async () => {
    second = await generateKeyPair("RS256");
    const k1 = { ...(await exportJWK(rsa.publicKey)), kid: "key-1", alg: "RS256", use: "sig" };
    const k2 = { ...(await exportJWK(second.publicKey)), kid: "key-2" };
    const ec = { ...(await exportJWK(es.publicKey)), kid: "ec", alg: "ES256" };
    jwksPath = join(dir, "jwks.json");
    writeFileSync(jwksPath, JSON.stringify({ keys: [k1, k2, ec] }));
  });

  it("picks the key by kid", async () => {
    const app = echoApp({ jwksFile: jwksPath });
    const t1 = await signed({ sub: "one" }, rsa.privateKey, "RS256", "key-1");
    const t2 = await signed({ sub: "two" }, second.privateKey, "RS256", "key-2");
    expect(await (await app.request("/x", bearer(t1))).json()).toMatchObject({ user_id: "one" });
    expect(await (await app.request("/x", bearer(t2))).json()).toMatchObject({ user_id: "two" });
    const swapped = await signed({ sub: "x" }, rsa.privateKey, "RS256", "key-2");
    await expect401(
      await app.request("/x", bearer(swapped)),
      "Invalid token: Signature verification failed",
    );
    const unknown = await signed({ sub: "x" }, rsa.privateKey, "RS256", "nope");
    await expect401(await app.request("/x", bearer(unknown)), /^Invalid token: No key/);
  });

  it("falls back to static keys and reads JWT_JWKS_FILE", async () => {
    vi.stubEnv("JWT_JWKS_FILE", jwksPath);
    const other = await generateKeyPair("RS256");
    const app = echoApp({ verificationKeys: [await exportSPKI(other.publicKey)] });
    const viaJwks = await signed({ sub: "a" }, rsa.privateKey, "RS256", "key-1");
    const viaStatic = await signed({ sub: "b" }, other.privateKey, "RS256", "key-1");
    expect((await app.request("/x", bearer(viaJwks))).status).toBe(200);
    expect((await app.request("/x", bearer(viaStatic))).status).toBe(200);
  });

  it("uses a key without kid for tokens with no matching kid", async () => {
    const path = join(dir, "single.json");
    writeFileSync(path, JSON.stringify({ keys: [await exportJWK(rsa.publicKey)] }));
    const app = echoApp({ jwksFile: path });
    const token = await signed({ sub: "single" }, rsa.privateKey, "RS256");
    expect((await app.request("/x", bearer(token))).status).toBe(200);
  });

  it("fails at startup for a missing or invalid file", () => {
    expect(() => jwtMiddleware({ jwksFile: join(dir, "missing.json") })).toThrow(
      /JWKS file not found/,
    );
    const bad = join(dir, "bad.json");
    writeFileSync(bad, "{not json");
    expect(() => jwtMiddleware({ jwksFile: bad })).toThrow(/not valid JSON/);
  });
});

describe("jwtMiddleware: audience", () => {
  const app = echoApp({
    verificationKeys: [SECRET],
    algorithm: "HS256",
    verifyAudience: true,
    audience: "os-1",
  });

  it("accepts a matching aud (string or list)", async () => {
    expect((await app.request("/x", bearer(await hsToken({ aud: "os-1" })))).status).toBe(200);
    const list = await hsToken({ aud: ["other", "os-1"] });
    expect((await app.request("/x", bearer(list))).status).toBe(200);
  });

  it("answers 401 for a wrong or missing aud", async () => {
    await expect401(
      await app.request("/x", bearer(await hsToken({ aud: "os-2" }))),
      "Invalid token audience - token not valid for this AgentOS instance",
    );
    await expect401(
      await app.request("/x", bearer(await hsToken({ sub: "u" }))),
      'Invalid token: Token is missing the "aud" claim. Audience verification requires this claim to be present in the token.',
    );
  });

  it("ignores aud when verification is off and needs an audience when on", async () => {
    const lax = echoApp({ verificationKeys: [SECRET], algorithm: "HS256" });
    expect((await lax.request("/x", bearer(await hsToken({ aud: "os-2" })))).status).toBe(200);
    expect(() =>
      jwtMiddleware({ verificationKeys: [SECRET], algorithm: "HS256", verifyAudience: true }),
    ).toThrow(ConfigurationError);
  });
});

describe("jwtMiddleware: issuer and clock tolerance", () => {
  const app = echoApp({
    verificationKeys: [SECRET],
    algorithm: "HS256",
    issuer: ["https://idp.example", "https://idp2.example"],
  });

  it("accepts a token from a configured issuer", async () => {
    const token = await hsToken({ sub: "u1", iss: "https://idp2.example" });
    expect(await (await app.request("/x", bearer(token))).json()).toMatchObject({ user_id: "u1" });
  });

  it("answers 401 for another issuer or a token without iss", async () => {
    const detail = "Invalid token: The token's issuer (iss) is not accepted";
    const other = await hsToken({ sub: "u1", iss: "https://evil.example" });
    await expect401(await app.request("/x", bearer(other)), detail);
    await expect401(await app.request("/x", bearer(await hsToken({ sub: "u1" }))), detail);
  });

  it("applies the configured clock tolerance to exp", async () => {
    const strict = echoApp({ verificationKeys: [SECRET], algorithm: "HS256", clockTolerance: 0 });
    const lenient = echoApp({
      verificationKeys: [SECRET],
      algorithm: "HS256",
      clockTolerance: 120,
    });
    const token = await hsToken({ sub: "u1", exp: now() - 60 });
    await expect401(await strict.request("/x", bearer(token)), "Token has expired");
    expect((await lenient.request("/x", bearer(token))).status).toBe(200);
  });

  it("refuses a negative tolerance and an empty issuer at startup", () => {
    const base = { verificationKeys: [SECRET], algorithm: "HS256" as const };
    expect(() => jwtMiddleware({ ...base, clockTolerance: -1 })).toThrow(/clockTolerance/);
    expect(() => jwtMiddleware({ ...base, issuer: "" })).toThrow(/issuer/);
  });
});

describe("jwtMiddleware: configuration and validate: false", () => {
  it("requires a key source when validating and a supported algorithm", () => {
    expect(() => jwtMiddleware()).toThrow(/verification key or JWKS file is required/);
    expect(() =>
      jwtMiddleware({ verificationKeys: [SECRET], algorithm: "none" as "HS256" }),
    ).toThrow(/Unsupported JWT algorithm "none"/);
    expect(() => jwtMiddleware({ verificationKeys: ["secret"], algorithm: "RS256" })).toThrow(
      /not a PEM public key/,
    );
  });

  it("decodes without verifying when validate is false", async () => {
    const app = echoApp({ validate: false });
    const token = await hsToken({ sub: "unverified", exp: now() - 3600 }, "any-key");
    expect(await (await app.request("/x", bearer(token))).json()).toMatchObject({
      user_id: "unverified",
    });
    await expect401(await app.request("/x"), "Authorization header missing");
    const garbage = await app.request("/x", bearer("garbage"));
    expect(await garbage.json()).toMatchObject({ user_id: null, scopes: [] });
  });

  it("exposes the verifier for callers outside HTTP middleware", async () => {
    const verifier = createJwtVerifier({ verificationKeys: [SECRET], algorithm: "HS256" });
    expect(await verifier.verify(await hsToken({ sub: "ws" }))).toMatchObject({ sub: "ws" });
    const err = await verifier
      .verify(await hsToken({ sub: "ws", exp: now() - 3600 }))
      .catch((e: unknown) => e);
    expect(AuthenticationError.isInstance(err)).toBe(true);
    expect(err).toMatchObject({ reason: "expired", status: 401, message: "Token has expired" });
  });
});
