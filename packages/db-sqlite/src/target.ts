import { createHash, randomUUID } from "node:crypto";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Client } from "@libsql/client";

/** Where a `SqliteDb` stores its data, resolved from its options without touching the disk. */
export interface Target {
  /** libsql URL to open (absent when a client was given). */
  url?: string;
  /** A client to reuse instead of opening one. */
  client?: Client;
  /** Absolute path of the local database file (absent for in-memory and remote databases). */
  filePath?: string;
  /** Stable id derived from the location. */
  id: string;
  /** Key of the process-wide write lock: every instance on one database shares it. */
  lockKey: unknown;
}

const URL_NAMESPACE = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";
const clientIds = new WeakMap<Client, string>();

/** A name-based UUID (version 5, SHA-1, RFC 9562) in the URL namespace. */
export function uuidV5(name: string, namespace = URL_NAMESPACE): string {
  const ns = Buffer.from(namespace.replaceAll("-", ""), "hex");
  const bytes = createHash("sha1").update(ns).update(name, "utf8").digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const isMemoryPath = (path: string) => path === ":memory:" || path.startsWith(":memory:?");

/** The local file a `file:` URL points at (relative paths resolve against the working directory). */
export function filePathOfUrl(url: string): string | undefined {
  const match = /^file:(\/\/[^/?#]*)?([^?#]*)/i.exec(url);
  if (!match) return undefined;
  let path = match[2] ?? "";
  try {
    path = decodeURIComponent(path);
  } catch {
    // keep the raw path; libsql reports an invalid URL when it opens it
  }
  if (path === "" || isMemoryPath(path)) return undefined;
  return resolve(path);
}

export function resolveTarget(options: {
  dbFile?: string;
  dbUrl?: string;
  client?: Client;
}): Target {
  if (options.client) {
    const client = options.client;
    let id = clientIds.get(client);
    if (!id) {
      id = randomUUID();
      clientIds.set(client, id);
    }
    return { client, id, lockKey: client };
  }
  const url = options.dbUrl ?? fileUrl(options.dbFile ?? "agno.db");
  const filePath = filePathOfUrl(url);
  if (filePath) {
    const href = pathToFileURL(filePath).href;
    return { url, filePath, id: uuidV5(href), lockKey: `file:${filePath}` };
  }
  const isMemory = /^file:/i.test(url) || url === ":memory:";
  if (isMemory) return { url, id: randomUUID(), lockKey: Symbol("memory") };
  return { url, id: uuidV5(url), lockKey: `url:${url}` };
}

function fileUrl(dbFile: string): string {
  if (isMemoryPath(dbFile)) return `file:${dbFile}`;
  return pathToFileURL(resolve(dbFile)).href;
}
