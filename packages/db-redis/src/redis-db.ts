import { createHash } from "node:crypto";
import { BaseDb, ConfigurationError, type TableNames, type TableStore } from "@agno/core";
import { Redis } from "ioredis";
import { RedisStore } from "./redis-store.js";

/** Options of {@link RedisDb}. Pass `dbUrl` or `client`. */
export interface RedisDbOptions extends TableNames {
  /**
   * Redis URL (`redis://[[user]:password@]host[:port][/db]`, or `rediss://` for TLS). The client
   * made from it connects on first use and is closed by {@link RedisDb.close}.
   */
  dbUrl?: string;
  /**
   * An ioredis client to reuse instead of `dbUrl` (takes precedence when both are given). Its
   * options are kept as they are, and {@link RedisDb.close} leaves it open.
   */
  client?: Redis;
  /**
   * First part of every key: `<dbPrefix>:<table name>:<key>`.
   * @default "agno"
   */
  dbPrefix?: string;
  /**
   * Time to live, in whole seconds, of every row written (refreshed on each write of the row).
   * @default undefined (rows never expire)
   */
  expire?: number;
  /**
   * Id of this database.
   * @default a stable id derived from the server address, database number and `dbPrefix`
   */
  id?: string;
}

/** How long a connection attempt may take, in milliseconds. */
const CONNECT_TIMEOUT_MS = 3_000;
/** Reconnection attempts a command waits through before it fails. */
const MAX_RETRIES_PER_REQUEST = 2;

function locationOf(client: Redis): string {
  const { host, port, path } = client.options;
  return path ? path : `${host ?? "localhost"}:${port ?? 6379}`;
}

/**
 * Sessions, memories, metrics, eval runs, knowledge contents, traces and schema versions in
 * Redis (through ioredis). Each row is one string key holding its JSON,
 * `<dbPrefix>:<table name>:<key>`, and each table has a sorted set
 * `<dbPrefix>:<table name>:__index` of its row keys scored by creation time. Listings read a
 * table's rows and filter them in process; updates are atomic across processes.
 *
 * Construction does no I/O: the connection opens on first use.
 *
 * @example
 * const agent = new Agent({ model, db: new RedisDb({ dbUrl: "redis://127.0.0.1:6379" }) });
 */
export class RedisDb extends BaseDb {
  readonly id: string;
  /** The key prefix in use. */
  readonly dbPrefix: string;
  /** TTL in seconds of every row written, when set. */
  readonly expire: number | undefined;
  /** The ioredis client in use (the one passed as `client`, or one made from `dbUrl`). */
  readonly client: Redis;
  protected readonly store: TableStore;
  private readonly ownsClient: boolean;
  private lastError: Error | undefined;
  private closed = false;

  constructor(options: RedisDbOptions) {
    super(options);
    const { dbUrl, client, dbPrefix = "agno", expire } = options ?? {};
    if (!client && !dbUrl) {
      throw new ConfigurationError(
        'RedisDb needs a Redis server. Pass { dbUrl: "redis://127.0.0.1:6379" } or { client } (an ioredis client).',
      );
    }
    if (typeof dbPrefix !== "string" || dbPrefix === "") {
      throw new ConfigurationError(
        'RedisDb "dbPrefix" must be a non-empty string, such as "agno".',
      );
    }
    if (expire !== undefined && !(Number.isInteger(expire) && expire > 0)) {
      throw new ConfigurationError(
        'RedisDb "expire" must be a whole number of seconds above 0; leave it out for rows that never expire.',
      );
    }
    this.dbPrefix = dbPrefix;
    this.expire = expire;
    if (client) {
      this.client = client;
      this.ownsClient = false;
    } else {
      this.client = new Redis(dbUrl!, {
        lazyConnect: true,
        connectTimeout: CONNECT_TIMEOUT_MS,
        maxRetriesPerRequest: MAX_RETRIES_PER_REQUEST,
      });
      this.ownsClient = true;
      // A client we made reports its errors through our messages (and not as unhandled events).
      this.client.on("error", (error: Error) => {
        this.lastError = error;
      });
      this.client.on("ready", () => {
        this.lastError = undefined;
      });
    }
    const location = locationOf(this.client);
    this.id =
      options.id ??
      `redis-${createHash("sha256")
        .update(`${location}/${this.client.options.db ?? 0}\n${dbPrefix}`)
        .digest("hex")
        .slice(0, 16)}`;
    this.store = new RedisStore({
      client: this.client,
      prefix: dbPrefix,
      tables: this.tables,
      expire,
      location,
      lastError: () => this.lastError,
      closed: () => this.closed,
    });
  }

  /** Closes the connection when this instance made it from `dbUrl`; a passed `client` stays open. */
  override async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!this.ownsClient) return;
    if (this.client.status === "ready") {
      const ended = new Promise((resolve) => this.client.once("end", resolve));
      try {
        await this.client.quit();
        await ended;
        return;
      } catch {
        // Fall through: drop the connection without waiting for pending replies.
      }
    }
    this.client.disconnect();
  }
}
