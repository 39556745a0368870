import { createHash } from "node:crypto";

interface Entry {
  expiresAt: number;
  result: string;
}

const memory = new Map<string, Entry>();
const MAX_ENTRIES = 10_000;

function keyFor(name: string, args: Record<string, unknown>): string {
  return createHash("sha256")
    .update(`${name}:${stableStringify(args)}`)
    .digest("hex");
}

/** JSON with sorted object keys, so equal arguments give equal cache keys. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Reads a cached tool result (memory, or `cacheDir` on disk). */
export async function readCache(
  name: string,
  args: Record<string, unknown>,
  cacheDir?: string,
): Promise<string | undefined> {
  const key = keyFor(name, args);
  const now = Date.now();
  if (!cacheDir) {
    const entry = memory.get(key);
    if (entry && entry.expiresAt > now) return entry.result;
    if (entry) memory.delete(key);
    return undefined;
  }
  const { readFile } = await import("node:fs/promises");
  const { join } = await import("node:path");
  try {
    const entry = JSON.parse(
      await readFile(join(cacheDir, "functions", name, `${key}.json`), "utf8"),
    ) as Entry;
    return entry.expiresAt > now ? entry.result : undefined;
  } catch {
    return undefined;
  }
}

/** Stores a tool result for `ttlSeconds`. */
export async function writeCache(
  name: string,
  args: Record<string, unknown>,
  result: string,
  ttlSeconds: number,
  cacheDir?: string,
): Promise<void> {
  const key = keyFor(name, args);
  const entry: Entry = { expiresAt: Date.now() + ttlSeconds * 1000, result };
  if (!cacheDir) {
    if (memory.size >= MAX_ENTRIES) {
      const oldest = memory.keys().next().value;
      if (oldest !== undefined) memory.delete(oldest);
    }
    memory.set(key, entry);
    return;
  }
  const { mkdir, writeFile } = await import("node:fs/promises");
  const { join } = await import("node:path");
  const dir = join(cacheDir, "functions", name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, `${key}.json`), JSON.stringify(entry));
}
