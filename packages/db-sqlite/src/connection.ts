import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { type Client, createClient, type Transaction } from "@libsql/client";
import { withLock } from "./keyed-lock.js";
import type { Target } from "./target.js";

/** How long a statement waits for another connection's lock before SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;
const MAX_ATTEMPTS = 8;

/** True for errors that mean "another connection holds the lock; try again". */
export function isBusy(error: unknown): boolean {
  for (let e = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const { code, extendedCode, message } = e as {
      code?: unknown;
      extendedCode?: unknown;
      message?: unknown;
    };
    for (const c of [code, extendedCode]) {
      if (typeof c === "string" && (c.startsWith("SQLITE_BUSY") || c.startsWith("SQLITE_LOCKED")))
        return true;
    }
    if (typeof message === "string" && /database (table )?is locked/i.test(message)) return true;
  }
  return false;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function retryBusy<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isBusy(error)) throw error;
      await pause(Math.min(250, 5 * 2 ** attempt) * (0.5 + Math.random()));
    }
  }
}

/**
 * The libsql client of one `SqliteDb`, opened on first use: creates the file's directory, opens
 * the client (busy timeout on every pooled connection) and switches the file to WAL so readers
 * and a writer of several processes can share it. Writes are serialized per database within the
 * process and retried on SQLITE_BUSY; the write lock spans BEGIN IMMEDIATE ... COMMIT.
 */
export class SqliteConnection {
  private opening: Promise<Client> | null = null;

  constructor(private readonly target: Target) {}

  private client(): Promise<Client> {
    this.opening ??= this.open().catch((error: unknown) => {
      this.opening = null;
      throw error;
    });
    return this.opening;
  }

  private async open(): Promise<Client> {
    const { target } = this;
    let client = target.client;
    if (!client) {
      if (target.filePath) await mkdir(dirname(target.filePath), { recursive: true });
      client = createClient({ url: target.url!, timeout: BUSY_TIMEOUT_MS, intMode: "bigint" });
    }
    if (target.filePath || (target.client && client.protocol === "file")) {
      const wal = client;
      try {
        await withLock(target.lockKey, () =>
          retryBusy(() => wal.execute("PRAGMA journal_mode = WAL")),
        );
      } catch (error) {
        if (!target.client) client.close();
        throw error;
      }
    }
    return client;
  }

  /** Runs a read (retried when the file is busy). */
  async read<T>(fn: (client: Client) => Promise<T>): Promise<T> {
    const client = await this.client();
    return retryBusy(() => fn(client));
  }

  /** Runs a write under the database's process-wide write lock (retried when the file is busy). */
  async write<T>(fn: (client: Client) => Promise<T>): Promise<T> {
    const client = await this.client();
    return withLock(this.target.lockKey, () => retryBusy(() => fn(client)));
  }

  /**
   * Runs `fn` in a write transaction (BEGIN IMMEDIATE: the file's write lock is taken before
   * reading), committing what it did; `fn` may run again when the file was busy.
   */
  async transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.write(async (client) => {
      const tx = await client.transaction("write");
      try {
        const result = await fn(tx);
        if (!tx.closed) await tx.commit();
        return result;
      } finally {
        tx.close();
      }
    });
  }

  /** Closes the client when this connection opened it; a later call opens a new one. */
  async close(): Promise<void> {
    const opening = this.opening;
    this.opening = null;
    if (!opening) return;
    const client = await opening.catch(() => null);
    if (client && client !== this.target.client) client.close();
  }
}
