import { randomUUID } from "node:crypto";

/** A new random UUID (v4). */
export function uuid(): string {
  return randomUUID();
}

/** Current time as epoch seconds (the unit every serialized `created_at` uses). */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
