import { ConfigurationError } from "../errors.js";
import { log } from "../logger.js";
import type { BaseDb } from "./base-db.js";
import type { TableType } from "./tables.js";

/** Table types a migration can target, as the spec names them. */
export type MigrationTableType =
  | "memory"
  | "session"
  | "metrics"
  | "eval"
  | "knowledge"
  | "culture";

const TABLE_OF: Record<Exclude<MigrationTableType, "culture">, TableType> = {
  memory: "memories",
  session: "sessions",
  metrics: "metrics",
  eval: "evals",
  knowledge: "knowledge",
};

/** Schema versions, oldest first. */
export const SCHEMA_VERSIONS = ["2.0.0", "2.3.0"] as const;

/** A database that can change its tables' structure per version (SQL adapters). */
export interface MigratableDb {
  /** Applies one version step to one table, up or down. */
  applyMigration(table: TableType, version: string, direction: "up" | "down"): Promise<void>;
}

function hasMigrations(db: BaseDb): db is BaseDb & MigratableDb {
  return typeof (db as Partial<MigratableDb>).applyMigration === "function";
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function parseTarget(version: string): string {
  const normalized = version.replace(/^v/, "").replace(/_/g, ".");
  if (!SCHEMA_VERSIONS.includes(normalized as (typeof SCHEMA_VERSIONS)[number])) {
    throw new ConfigurationError(
      `Unknown schema version "${version}". Available: ${SCHEMA_VERSIONS.join(", ")}.`,
    );
  }
  return normalized;
}

/**
 * Moves a database's tables between schema versions and records the version of each table.
 * Document stores (in-memory, Redis) have no structure to change: only the versions move.
 *
 * @example
 * await new MigrationManager(db).up();                                 // every table to the latest
 * await new MigrationManager(db).down({ targetVersion: "2.0.0", tableType: "memory" });
 */
export class MigrationManager {
  readonly db: BaseDb;

  constructor(db: BaseDb) {
    this.db = db;
  }

  /** The latest schema version. */
  get latestSchemaVersion(): string {
    return SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!;
  }

  /** Every version, as `[name, version]` (`["v2_3_0", "2.3.0"]`). */
  get availableVersions(): Array<[string, string]> {
    return SCHEMA_VERSIONS.map((v) => [`v${v.replace(/\./g, "_")}`, v]);
  }

  private tables(tableType?: MigrationTableType): TableType[] {
    if (tableType === undefined) return Object.values(TABLE_OF);
    if (tableType === "culture") return [];
    const table = TABLE_OF[tableType];
    if (!table)
      throw new ConfigurationError(
        `Unknown table type "${tableType}". Use memory, session, metrics, eval, knowledge or culture.`,
      );
    return [table];
  }

  /** Upgrades tables to `targetVersion` (default: the latest). Returns the tables migrated. */
  async up(
    options: { targetVersion?: string; tableType?: MigrationTableType; force?: boolean } = {},
  ): Promise<TableType[]> {
    const target = parseTarget(options.targetVersion ?? this.latestSchemaVersion);
    const migrated: TableType[] = [];
    for (const table of this.tables(options.tableType)) {
      const current = (await this.db.getSchemaVersion(table)) ?? "0.0.0";
      if (!options.force && compareVersions(current, target) >= 0) continue;
      const steps = SCHEMA_VERSIONS.filter(
        (v) =>
          (options.force || compareVersions(v, current) > 0) && compareVersions(v, target) <= 0,
      );
      for (const version of steps) {
        if (hasMigrations(this.db)) await this.db.applyMigration(table, version, "up");
      }
      await this.db.setSchemaVersion(table, target);
      log.info(`Table ${this.db.tables[table]} migrated up to ${target}.`);
      migrated.push(table);
    }
    return migrated;
  }

  /** Downgrades tables to `targetVersion`. Returns the tables migrated. */
  async down(options: {
    targetVersion: string;
    tableType?: MigrationTableType;
    force?: boolean;
  }): Promise<TableType[]> {
    if (!options?.targetVersion)
      throw new ConfigurationError('down() needs a targetVersion, for example "2.0.0".');
    const target = parseTarget(options.targetVersion);
    const migrated: TableType[] = [];
    for (const table of this.tables(options.tableType)) {
      const current = (await this.db.getSchemaVersion(table)) ?? this.latestSchemaVersion;
      if (!options.force && compareVersions(current, target) <= 0) continue;
      const steps = SCHEMA_VERSIONS.filter(
        (v) =>
          compareVersions(v, target) > 0 && (options.force || compareVersions(v, current) <= 0),
      ).reverse();
      for (const version of steps) {
        if (hasMigrations(this.db)) await this.db.applyMigration(table, version, "down");
      }
      await this.db.setSchemaVersion(table, target);
      log.info(`Table ${this.db.tables[table]} migrated down to ${target}.`);
      migrated.push(table);
    }
    return migrated;
  }
}
