import { randomUUID } from "node:crypto";

/** A new random UUID (v4). */
export function uuid(): string {
  return randomUUID();
}

/** Current time as epoch seconds (the unit every serialized `created_at` uses). */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/**
 * The id of a component named `name` when it has no `id`: the name lower-cased, spaces and
 * underscores turned into dashes (`"Web Agent"` → `web-agent`), as the reference does, so the id
 * stays the same across restarts.
 */
export function idFromName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-");
}
