import {
  BaseDb,
  type MigratableDb,
  type TableNames,
  type TableStore,
  type TableType,
} from "@agno/core";
import type { Client } from "@libsql/client";
import { SqliteConnection } from "./connection.js";
import { SqliteStore } from "./sqlite-store.js";
import { resolveTarget } from "./target.js";

/** Options of {@link SqliteDb}. Table names default to the reference schema's (`agno_sessions`...). */
export interface SqliteDbOptions extends TableNames {
  /**
   * Path of the database file, created on first use (with its parent directories). Relative paths
   * resolve against the working directory when the db is constructed. `":memory:"` keeps the data
   * in this instance's memory.
   * @default "agno.db"
   */
  dbFile?: string;
  /**
   * A libsql URL instead of a file: `"file:data/agno.db"`, `"file:///abs/agno.db"`, or a remote
   * `"libsql://..."` database. Takes precedence over `dbFile`.
   * @default undefined
   */
  dbUrl?: string;
  /**
   * A `@libsql/client` client to reuse (takes precedence over `dbUrl` and `dbFile`). `close()`
   * leaves it open. Pass `timeout` when creating it so writers of several processes wait for each
   * other instead of failing with SQLITE_BUSY.
   * @default undefined
   */
  client?: Client;
  /**
   * Id of this database.
   * @default a UUIDv5 of the file's URL (or the `dbUrl`), so instances on one file share it; a
   * random UUID per `client` or in-memory database
   */
  id?: string;
}

/**
 * The embedded default database: one SQLite file (through libSQL), created on first use, each
 * table created when first touched. Several instances and processes can share the file (WAL,
 * busy timeout, write transactions), and concurrent runs on one session never lose a run.
 *
 * @example
 * const agent = new Agent({ model: new TestModel(), db: new SqliteDb({ dbFile: "tmp/agno.db" }) });
 */
export class SqliteDb extends BaseDb implements MigratableDb {
  readonly id: string;
  protected readonly store: TableStore;
  private readonly connection: SqliteConnection;
  private readonly sqliteStore: SqliteStore;

  constructor(options: SqliteDbOptions = {}) {
    super(options);
    const target = resolveTarget(options);
    this.id = options.id ?? target.id;
    this.connection = new SqliteConnection(target);
    this.sqliteStore = new SqliteStore(this.connection, this.tables);
    this.store = this.sqliteStore;
  }

  /** One schema-version step on one table (used by `MigrationManager`). */
  async applyMigration(table: TableType, version: string, direction: "up" | "down"): Promise<void> {
    await this.sqliteStore.migrate(table, version, direction);
  }

  /** Closes the client when this instance opened it; a later call opens it again. */
  override async close(): Promise<void> {
    this.sqliteStore.reset();
    await this.connection.close();
  }
}
