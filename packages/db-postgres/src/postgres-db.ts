import { createHash } from "node:crypto";
import {
  BaseDb,
  ConfigurationError,
  type MigratableDb,
  type TableNames,
  type TableStore,
  type TableType,
} from "@agno/core";
import postgres, { type Sql } from "postgres";
import { PostgresStore } from "./postgres-store.js";
import { MAX_IDENTIFIER_BYTES } from "./table-info.js";

/** Options of {@link PostgresDb}. Pass `dbUrl` or `client`. */
export interface PostgresDbOptions extends TableNames {
  /**
   * Connection URL, `postgres://user:password@host:5432/database`. A client is created (lazily
   * connected, at most 10 connections unless the URL sets `max`) and ended by `close()`.
   * Driver options can be set as URL parameters, e.g. `?connect_timeout=5`.
   */
  dbUrl?: string;
  /** An existing `postgres` client to use instead; `close()` leaves it open. */
  client?: Sql;
  /**
   * Schema holding the tables, created when missing.
   * @default "ai"
   */
  dbSchema?: string;
  /**
   * Stable id of this database.
   * @default a UUID derived from host, port, database and schema (never the user or password),
   * so every instance on the same tables has the same id
   */
  id?: string;
}

const DEFAULT_SCHEMA = "ai";
const DEFAULT_MAX_CONNECTIONS = 10;

/**
 * Sessions, memories, metrics, eval runs, knowledge, traces and spans in PostgreSQL, in the
 * reference's tables (JSONB columns), so a database can be shared with other Agno SDKs.
 * Construction does no I/O: tables are created on first use.
 *
 * @example
 * const db = new PostgresDb({ dbUrl: process.env.DATABASE_URL });
 * const agent = new Agent({ model, db, addHistoryToContext: true });
 * // ...
 * await db.close();
 */
export class PostgresDb extends BaseDb implements MigratableDb {
  readonly id: string;
  /** The schema holding the tables. */
  readonly dbSchema: string;
  protected readonly store: TableStore;
  private readonly client: Sql;
  private readonly ownsClient: boolean;
  private readonly pgStore: PostgresStore;
  private closing: Promise<void> | undefined;

  constructor(options: PostgresDbOptions) {
    super(options);
    if (options.client && options.dbUrl) {
      throw new ConfigurationError(
        "PostgresDb takes either { dbUrl } or { client }, not both. Pass one of them.",
      );
    }
    this.dbSchema = options.dbSchema ?? DEFAULT_SCHEMA;
    for (const name of [this.dbSchema, ...Object.values(this.tables)]) {
      if (!name || Buffer.byteLength(name) > MAX_IDENTIFIER_BYTES) {
        throw new ConfigurationError(
          `PostgresDb schema and table names must be 1 to ${MAX_IDENTIFIER_BYTES} bytes long (got "${name}"). Choose a shorter name.`,
        );
      }
    }
    if (options.client) {
      this.client = options.client;
      this.ownsClient = false;
    } else if (options.dbUrl) {
      this.client = createClient(options.dbUrl);
      this.ownsClient = true;
    } else {
      throw new ConfigurationError(
        'PostgresDb needs a database. Pass { dbUrl: "postgres://user:password@host:5432/database" } or { client } (an existing postgres client).',
      );
    }
    this.id = options.id ?? deriveId(this.client, this.dbSchema);
    this.pgStore = new PostgresStore(this.client, this.dbSchema, this.tables);
    this.store = this.pgStore;
  }

  /** Ends the connections, when this instance created the client (a client passed in stays open). */
  /** One schema-version step on one table (used by `MigrationManager`). */
  async applyMigration(table: TableType, version: string, direction: "up" | "down"): Promise<void> {
    await this.pgStore.migrate(table, version, direction);
  }

  override async close(): Promise<void> {
    if (!this.ownsClient) return;
    this.closing ??= this.client.end({ timeout: 5 });
    await this.closing;
  }
}

function createClient(url: string): Sql {
  const query = url.includes("?") ? url.slice(url.indexOf("?")) : "";
  const options: postgres.Options<{}> = /[?&]max=/.test(query)
    ? {}
    : { max: DEFAULT_MAX_CONNECTIONS };
  try {
    return postgres(url, options);
  } catch {
    // Never echo the URL (nor the driver's error, which holds it): it may contain a password.
    throw new ConfigurationError(
      'PostgresDb dbUrl is not a valid URL. Use the form "postgres://user:password@host:5432/database".',
    );
  }
}

/** A UUID (v5 layout) from where the tables live, identical for a URL and a client to one database. */
function deriveId(client: Sql, schema: string): string {
  const { host, port, database } = client.options;
  const hosts = host.map((h, i) => `${h}:${port[i] ?? port[0] ?? 5432}`).join(",");
  const bytes = createHash("sha1")
    .update(`agno:postgres://${hosts}/${database}#${schema}`)
    .digest();
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
