import { type BaseDb, MigrationManager, SCHEMA_VERSIONS } from "@agno/core";
import type { Context } from "hono";
import { httpError, publicErrorMessage } from "../errors.js";
import { RouteGroup } from "../http/route-group.js";
import { validationError } from "../http/validation.js";

/**
 * `target_version` from the query: one of the schema versions (422 otherwise); undefined means
 * the latest.
 */
function targetVersion(c: Context): string | undefined {
  const raw = c.req.query("target_version");
  if (raw === undefined || raw === "") return undefined;
  const version = raw.replace(/^v/, "").replace(/_/g, ".");
  if (!(SCHEMA_VERSIONS as readonly string[]).includes(version)) {
    throw validationError([
      {
        type: "enum",
        loc: ["query", "target_version"],
        msg: `Input should be one of ${SCHEMA_VERSIONS.map((v) => `'${v}'`).join(", ")}`,
        input: raw,
      },
    ]);
  }
  return version;
}

/** Moves every table of `db` to `target` (the latest when undefined), up or down as each needs. */
async function migrate(db: BaseDb, target: string | undefined): Promise<void> {
  const manager = new MigrationManager(db);
  const version = target ?? manager.latestSchemaVersion;
  await manager.up({ targetVersion: version });
  await manager.down({ targetVersion: version });
}

const versionText = (target: string | undefined) =>
  target ? `version ${target}` : "latest version";

/**
 * The database routes: schema migrations of one database or of all, to `target_version` (the
 * latest by default), with the reference's answers.
 */
export function databaseRoutes(dbs: ReadonlyMap<string, BaseDb>): RouteGroup {
  const group = new RouteGroup();
  const query = [
    {
      name: "target_version",
      enum: [...SCHEMA_VERSIONS],
      description: "Schema version to move to. @default the latest",
    },
  ];
  group.add(
    {
      method: "POST",
      path: "/databases/all/migrate",
      tag: "Database",
      summary: "Migrate All Databases",
      operationId: "migrate_all_databases",
      query,
      responses: {
        200: "All databases migrated",
        207: "Some databases failed to migrate (`failed` names them)",
      },
    },
    async (c) => {
      const target = targetVersion(c);
      const failed: Record<string, string> = {};
      for (const [id, db] of dbs) {
        try {
          await migrate(db, target);
        } catch (error) {
          failed[id] = publicErrorMessage(error, c);
        }
      }
      const count = dbs.size - Object.keys(failed).length;
      if (Object.keys(failed).length > 0) {
        return c.json(
          { message: `Migrated ${count}/${dbs.size} databases to ${versionText(target)}`, failed },
          207,
        );
      }
      return c.json({ message: `All databases migrated successfully to ${versionText(target)}` });
    },
  );
  group.add(
    {
      method: "POST",
      path: "/databases/:db_id/migrate",
      tag: "Database",
      summary: "Migrate Database",
      operationId: "migrate_database",
      query,
      responses: { 200: "Database migrated", 404: "Database not found" },
    },
    async (c) => {
      const db = dbs.get(c.req.param("db_id"));
      if (!db) throw httpError(404, "Database not found");
      const target = targetVersion(c);
      await migrate(db, target);
      return c.json({ message: `Database migrated successfully to ${versionText(target)}` });
    },
  );
  return group;
}
