import { createHmac, randomBytes } from "node:crypto";

/** The JWT verification settings of a cookbook script, and whether they were generated. */
export interface DemoJwt {
  key: string;
  algorithm: "HS256" | "RS256";
  /** True when no JWT_VERIFICATION_KEY was set and a throwaway HS256 secret was made. */
  generated: boolean;
}

/**
 * JWT_VERIFICATION_KEY (a PEM public key means RS256, anything else a HS256 secret; override with
 * JWT_ALGORITHM), or a throwaway HS256 secret so the example runs offline.
 */
export function demoJwt(): DemoJwt {
  const key = process.env.JWT_VERIFICATION_KEY;
  if (key) {
    const algorithm = (process.env.JWT_ALGORITHM ??
      (key.includes("-----BEGIN") ? "RS256" : "HS256")) as DemoJwt["algorithm"];
    return { key, algorithm, generated: false };
  }
  return { key: randomBytes(32).toString("hex"), algorithm: "HS256", generated: true };
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

/** Signs an HS256 token (for trying the examples; real tokens come from your identity provider). */
export function signDemoToken(secret: string, claims: Record<string, unknown>): string {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload = base64url(JSON.stringify({ iat: now, exp: now + 3600, ...claims }));
  const signature = createHmac("sha256", secret).update(`${header}.${payload}`).digest();
  return `${header}.${payload}.${base64url(signature)}`;
}
