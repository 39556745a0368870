import { createHash, randomUUID } from "node:crypto";

/** The RFC 4122 DNS namespace (Python's `uuid.NAMESPACE_DNS`). */
export const NAMESPACE_DNS = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";

/** A name-based UUID (version 5, SHA-1), equal to Python's `uuid.uuid5(namespace, name)`. */
export function uuidv5(name: string, namespace: string = NAMESPACE_DNS): string {
  const ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
  const bytes = createHash("sha1").update(ns).update(name, "utf8").digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A random UUID (version 4). */
export function uuid4(): string {
  return randomUUID();
}
