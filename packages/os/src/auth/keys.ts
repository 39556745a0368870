import { readFileSync } from "node:fs";
import { ConfigurationError, getLogger } from "@agno/core";
import { type CryptoKey, importJWK, importSPKI, importX509, type JWK } from "jose";

/** Signing algorithms a token may use (the reference's nine, plus RSA-PSS). */
export const JWT_ALGORITHMS = [
  "HS256",
  "HS384",
  "HS512",
  "RS256",
  "RS384",
  "RS512",
  "ES256",
  "ES384",
  "ES512",
  "PS256",
  "PS384",
  "PS512",
] as const;

export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];

/** Key of a JWKS entry without `kid` (it serves tokens whose `kid` matches no other key). */
export const DEFAULT_KID = "\u0000default";

export type KeyMaterial = CryptoKey | Uint8Array;

const ASYMMETRIC_KEY = /^(-----BEGIN |ssh-rsa |ssh-ed25519 |ecdsa-sha2-)/;

function readPem(raw: string): string {
  const pem = raw.trim();
  return pem.includes("\\n") && !pem.includes("\n") ? pem.replace(/\\n/g, "\n") : pem;
}

function derLength(n: number): number[] {
  if (n < 0x80) return [n];
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

/** Wraps a PKCS#1 `RSA PUBLIC KEY` PEM into the SPKI form WebCrypto imports. */
function pkcs1ToSpki(pem: string): string {
  const b64 = pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
  const pkcs1 = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
  const rsaAlgorithmId = [
    0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 1, 1, 1, 5, 0,
  ];
  const bitString = [0x03, ...derLength(pkcs1.length + 1), 0x00, ...pkcs1];
  const body = [...rsaAlgorithmId, ...bitString];
  const der = Uint8Array.from([0x30, ...derLength(body.length), ...body]);
  const out = btoa(String.fromCharCode(...der)).replace(/.{64}/g, "$&\n");
  return `-----BEGIN PUBLIC KEY-----\n${out.trim()}\n-----END PUBLIC KEY-----`;
}

export function staticKey(
  raw: string,
  index: number,
  algorithm: JwtAlgorithm,
): () => Promise<KeyMaterial> {
  const label = `Verification key #${index + 1}`;
  if (algorithm.startsWith("HS")) {
    if (ASYMMETRIC_KEY.test(raw.trim())) {
      throw new ConfigurationError(
        `${label} is an asymmetric key but the algorithm is ${algorithm}. Pass the shared secret, or set { algorithm } to the key's algorithm (for example "RS256").`,
      );
    }
    const secret = new TextEncoder().encode(raw);
    return async () => secret;
  }
  const pem = readPem(raw);
  if (pem.includes("PRIVATE KEY-----")) {
    throw new ConfigurationError(
      `${label} is a private key. Pass the matching public key (PEM "PUBLIC KEY") instead.`,
    );
  }
  if (pem.startsWith("-----BEGIN PUBLIC KEY-----")) return () => importSPKI(pem, algorithm);
  if (pem.startsWith("-----BEGIN CERTIFICATE-----")) return () => importX509(pem, algorithm);
  if (pem.startsWith("-----BEGIN RSA PUBLIC KEY-----")) {
    return () => importSPKI(pkcs1ToSpki(pem), algorithm);
  }
  throw new ConfigurationError(
    `${label} is not a PEM public key, which ${algorithm} needs. Pass "-----BEGIN PUBLIC KEY-----..." or use an HS* algorithm for shared secrets.`,
  );
}

export function loadJwks(
  path: string,
  algorithm: JwtAlgorithm,
): Map<string, () => Promise<KeyMaterial>> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === "ENOENT";
    throw new ConfigurationError(
      missing
        ? `JWKS file not found: ${path}. Check { jwksFile } or JWT_JWKS_FILE.`
        : `JWKS file ${path} is not valid JSON: ${(err as Error).message}`,
      { cause: err },
    );
  }
  const keys = (data as { keys?: unknown }).keys;
  const out = new Map<string, () => Promise<KeyMaterial>>();
  if (!Array.isArray(keys) || keys.length === 0) {
    getLogger().warn(`JWKS file ${path} contains no keys`);
    return out;
  }
  for (const jwk of keys as JWK[]) {
    // Keys published for another algorithm or for encryption never verify these tokens.
    if ((jwk.alg && jwk.alg !== algorithm) || (jwk.use && jwk.use !== "sig")) continue;
    out.set(typeof jwk.kid === "string" && jwk.kid ? jwk.kid : DEFAULT_KID, () =>
      importJWK(jwk, algorithm),
    );
  }
  return out;
}

/** Imports once, on first use; a failed import is logged and fails every use of that key. */
export function once(label: string, load: () => Promise<KeyMaterial>): () => Promise<KeyMaterial> {
  let promise: Promise<KeyMaterial> | undefined;
  return () => {
    if (!promise) {
      promise = load();
      promise.catch((err: unknown) => {
        getLogger().warn(`${label} could not be imported: ${(err as Error).message}`);
      });
    }
    return promise;
  };
}
