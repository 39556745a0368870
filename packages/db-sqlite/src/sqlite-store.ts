import {
  escapeText,
  isMalformed,
  type MalformedRow,
  type Row,
  TABLES,
  type TableQuery,
  type TableStore,
  type TableType,
} from "@agno/core";
import type { InStatement, Transaction } from "@libsql/client";
import { type SQL, sql } from "drizzle-orm";
import type { SqliteConnection } from "./connection.js";
import { pageOf, whereOf } from "./query.js";
import { createTableStatements, decodeRow, encodeRow } from "./schema.js";
import { ident, joinSql, toStatement } from "./sql.js";

const MIGRATION_TYPES = { text: "TEXT", bigint: "INTEGER", json: "TEXT", bool: "INTEGER" } as const;

/** Keys per DELETE statement (well under SQLite's bound-parameter limit). */
const DELETE_CHUNK = 500;

/** The {@link TableStore} of `SqliteDb`: each table type is a SQL table, created on first use. */
export class SqliteStore implements TableStore {
  private ready = new Map<TableType, Promise<void>>();

  constructor(
    private readonly connection: SqliteConnection,
    private readonly names: Record<TableType, string>,
  ) {}

  /**
   * One schema-version step on one table. Up: add every column the current definition has and the
   * table lacks (tables made by older versions). Down from 2.3.0: drop the memories' `feedback`.
   */
  async migrate(type: TableType, version: string, direction: "up" | "down"): Promise<void> {
    const table = this.names[type];
    await this.connection.write(async (client) => {
      const info = await client.execute(
        toStatement(sql`SELECT name FROM pragma_table_info(${table})`),
      );
      const existing = new Set(info.rows.map((r) => String(r.name)));
      if (existing.size === 0) return; // no table yet: ensure() creates it whole
      if (direction === "up") {
        for (const column of TABLES[type].columns) {
          if (existing.has(column.name)) continue;
          const kind = MIGRATION_TYPES[column.kind];
          await client.execute(
            toStatement(
              sql`ALTER TABLE ${ident(table)} ADD COLUMN ${ident(column.name)} ${sql.raw(kind)}`,
            ),
          );
        }
      } else if (version === "2.3.0" && type === "memories" && existing.has("feedback")) {
        await client.execute(
          toStatement(sql`ALTER TABLE ${ident(table)} DROP COLUMN ${ident("feedback")}`),
        );
      }
    });
    if (direction === "up") await this.ensure(type);
  }

  /** Forgets which tables exist (after the connection closed, e.g. an in-memory database). */
  reset(): void {
    this.ready = new Map();
  }

  private ensure(type: TableType): Promise<void> {
    let ready = this.ready.get(type);
    if (!ready) {
      const statements = createTableStatements(type, this.names[type]).map(toStatement);
      ready = this.connection
        .write(async (client) => {
          await client.batch(statements, "write");
        })
        .catch((error: unknown) => {
          this.ready.delete(type);
          throw error;
        });
      this.ready.set(type, ready);
    }
    return ready;
  }

  private select(type: TableType): SQL {
    const columns = joinSql(
      TABLES[type].columns.map((c) => ident(c.name)),
      ", ",
    );
    return sql`SELECT ${columns} FROM ${ident(this.names[type])}`;
  }

  private byKey(type: TableType, key: string): InStatement {
    return toStatement(
      sql`${this.select(type)} WHERE ${ident(TABLES[type].key)} = ${escapeText(key)}`,
    );
  }

  private upsert(type: TableType, row: Row): InStatement {
    const def = TABLES[type];
    const values = encodeRow(type, row);
    const names = def.columns.map((c) => c.name);
    const updates = names
      .filter((name) => name !== def.key)
      .map((name) => sql`${ident(name)} = excluded.${ident(name)}`);
    return toStatement(
      sql`INSERT INTO ${ident(this.names[type])} (${joinSql(names.map(ident), ", ")})
        VALUES (${joinSql(
          names.map((name) => sql`${values[name]}`),
          ", ",
        )})
        ON CONFLICT (${ident(def.key)}) DO UPDATE SET ${joinSql(updates, ", ")}`,
    );
  }

  async get(type: TableType, key: string): Promise<Row | MalformedRow | null> {
    await this.ensure(type);
    const { rows } = await this.connection.read((client) => client.execute(this.byKey(type, key)));
    return rows[0] ? decodeRow(type, rows[0]) : null;
  }

  async put(type: TableType, rows: Row[]): Promise<void> {
    if (rows.length === 0) return;
    const statements = rows.map((row) => this.upsert(type, row));
    await this.ensure(type);
    await this.connection.write(async (client) => {
      await client.batch(statements, "write");
    });
  }

  async remove(type: TableType, keys: string[]): Promise<number> {
    if (keys.length === 0) return 0;
    await this.ensure(type);
    const statements: InStatement[] = [];
    for (let i = 0; i < keys.length; i += DELETE_CHUNK) {
      const chunk = keys.slice(i, i + DELETE_CHUNK).map((key) => sql`${escapeText(key)}`);
      statements.push(
        toStatement(
          sql`DELETE FROM ${ident(this.names[type])} WHERE ${ident(TABLES[type].key)} IN (${joinSql(chunk, ", ")})`,
        ),
      );
    }
    const results = await this.connection.write((client) => client.batch(statements, "write"));
    return results.reduce((n, result) => n + result.rowsAffected, 0);
  }

  async query(
    type: TableType,
    q: TableQuery,
  ): Promise<{ rows: Array<Row | MalformedRow>; total: number }> {
    await this.ensure(type);
    const where = whereOf(type, q);
    const page = toStatement(sql`${this.select(type)}${where}${pageOf(type, q)}`);
    const count = toStatement(sql`SELECT COUNT(*) AS n FROM ${ident(this.names[type])}${where}`);
    // one read transaction, so the page and the total see the same snapshot
    const [rows, counted] = await this.connection.read((client) =>
      client.batch([page, count], "deferred"),
    );
    return {
      rows: (rows?.rows ?? []).map((row) => decodeRow(type, row)),
      total: Number(counted?.rows[0]?.n ?? 0),
    };
  }

  async update(
    type: TableType,
    key: string,
    fn: (row: Row | null) => Row | null,
  ): Promise<Row | null> {
    await this.ensure(type);
    return this.connection.transaction(async (tx: Transaction) => {
      const { rows } = await tx.execute(this.byKey(type, key));
      const current = rows[0] ? decodeRow(type, rows[0]) : null;
      if (isMalformed(current)) {
        // never overwrite a row that cannot be read: its owner and contents are unknown
        throw new Error(`Row "${key}" is malformed and was not updated: ${current.reason}`);
      }
      const next = fn(current);
      if (next === null) {
        await tx.rollback();
        return current;
      }
      const stored = { ...next, [TABLES[type].key]: key };
      const statement = this.upsert(type, stored);
      await tx.execute(statement);
      await tx.commit();
      // what a later read returns (JSON round trip, NULLs), never the caller's object
      return decodeRow(type, encodeRow(type, stored)) as Row;
    });
  }

  async clear(type: TableType): Promise<void> {
    await this.ensure(type);
    await this.connection.write((client) =>
      client.execute(toStatement(sql`DELETE FROM ${ident(this.names[type])}`)),
    );
  }
}
