import {
  isMalformed,
  type MalformedRow,
  type Row,
  type TableQuery,
  type TableStore,
  type TableType,
} from "@agno/core";
import type { Sql } from "postgres";
import { decodeRow, encodeText } from "./codec.js";
import {
  countStatement,
  type Statement,
  selectStatement,
  upsertStatement,
} from "./query-builder.js";
import { TableCreator } from "./schema.js";
import { quoteIdent, SQL_TYPES, type TableInfo, tableInfo } from "./table-info.js";

/** Parameters per statement stay under the protocol's limit of 65535. */
const MAX_PARAMS = 60_000;
/** Prepared per connection (unless the client was created with `prepare: false`). */
const PREPARED = { prepare: true } as const;

type Runner = Pick<Sql, "unsafe">;

function run(sql: Runner, statement: Statement, prepare = true) {
  return sql.unsafe(statement.text, statement.values as never[], prepare ? PREPARED : {});
}

/** undefined_table, invalid_schema_name */
function isMissingRelation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "42P01" || code === "3F000";
}

function keyColumn(table: TableInfo): string {
  return quoteIdent(table.def.key);
}

function readable(row: Row | MalformedRow, key: string): Row {
  if (isMalformed(row)) throw new Error(`row "${key}" is malformed: ${row.reason}`);
  return row;
}

/**
 * The {@link TableStore} of PostgresDb: parameterized SQL on one schema's tables, each created on
 * its first use. `update` serializes writers of one key with a transaction-scoped advisory lock
 * (which also covers a key that does not exist yet) and `SELECT ... FOR UPDATE`.
 */
export class PostgresStore implements TableStore {
  private readonly infos: Record<TableType, TableInfo>;
  private readonly creator: TableCreator;

  constructor(
    private readonly sql: Sql,
    schema: string,
    names: Record<TableType, string>,
  ) {
    this.creator = new TableCreator(sql);
    this.infos = Object.fromEntries(
      (Object.keys(names) as TableType[]).map((type) => [
        type,
        tableInfo(type, schema, names[type]),
      ]),
    ) as Record<TableType, TableInfo>;
  }

  /**
   * Runs `fn` once the table exists. When the table or schema was dropped after this instance
   * created it, creates it again and retries once.
   */
  private async on<T>(type: TableType, fn: (table: TableInfo) => Promise<T>): Promise<T> {
    const table = this.infos[type];
    await this.creator.ensure(table);
    try {
      return await fn(table);
    } catch (error) {
      if (!isMissingRelation(error)) throw error;
      this.creator.forget(table);
      await this.creator.ensure(table);
      return fn(table);
    }
  }

  /**
   * One schema-version step on one table. Up: add every column the current definition has and the
   * table lacks (tables made by older versions). Down from 2.3.0: drop the memories' `feedback`.
   */
  async migrate(type: TableType, version: string, direction: "up" | "down"): Promise<void> {
    await this.on(type, async (t) => {
      if (direction === "up") {
        for (const column of t.def.columns) {
          await this.sql.unsafe(
            `ALTER TABLE ${t.qualified} ADD COLUMN IF NOT EXISTS ${quoteIdent(column.name)} ${SQL_TYPES[column.kind]}`,
          );
        }
      } else if (version === "2.3.0" && type === "memories") {
        await this.sql.unsafe(
          `ALTER TABLE ${t.qualified} DROP COLUMN IF EXISTS ${quoteIdent("feedback")}`,
        );
      }
    });
  }

  get(type: TableType, key: string): Promise<Row | MalformedRow | null> {
    return this.on(type, async (t) => {
      const [found] = await this.sql
        .unsafe(
          `SELECT ${t.selectList} FROM ${t.qualified} WHERE ${keyColumn(t)} = $1::varchar`,
          [encodeText(key)],
          PREPARED,
        )
        .values();
      return found ? decodeRow(t, found) : null;
    });
  }

  async put(type: TableType, rows: Row[]): Promise<void> {
    if (rows.length === 0) return;
    await this.on(type, async (t) => {
      // One statement cannot update a row twice: the last row of a key wins, as in a map.
      const byKey = new Map<unknown, Row>();
      for (const row of rows) byKey.set(row[t.def.key], row);
      const unique = [...byKey.values()];
      const size = Math.max(1, Math.floor(MAX_PARAMS / t.def.columns.length));
      const statements: Statement[] = [];
      for (let i = 0; i < unique.length; i += size)
        statements.push(upsertStatement(t, unique.slice(i, i + size)));
      if (statements.length === 1) {
        await run(this.sql, statements[0]!, unique.length === 1);
        return;
      }
      await this.sql.begin(async (tx) => {
        for (const statement of statements) await run(tx, statement, false);
      });
    });
  }

  async remove(type: TableType, keys: string[]): Promise<number> {
    if (keys.length === 0) return 0;
    return this.on(type, async (t) => {
      const result = await this.sql.unsafe(
        `DELETE FROM ${t.qualified} WHERE ${keyColumn(t)} IN (SELECT jsonb_array_elements_text($1::text::jsonb))`,
        [JSON.stringify(keys.map(encodeText))],
        PREPARED,
      );
      return result.count;
    });
  }

  query(
    type: TableType,
    query: TableQuery,
  ): Promise<{ rows: Array<Row | MalformedRow>; total: number }> {
    return this.on(type, async (t) => {
      const values = await run(this.sql, selectStatement(t, query)).values();
      let total = 0;
      if (values.length > 0) total = Number(values[0]![t.def.columns.length]);
      else if (query.limit !== undefined || (query.offset ?? 0) > 0) {
        const [row] = await run(this.sql, countStatement(t, query)).values();
        total = Number(row?.[0] ?? 0);
      }
      return { rows: values.map((row) => decodeRow(t, row)), total };
    });
  }

  update(type: TableType, key: string, fn: (row: Row | null) => Row | null): Promise<Row | null> {
    return this.on(type, (t) =>
      this.sql.begin(async (tx) => {
        await tx.unsafe(
          "SELECT pg_advisory_xact_lock(hashtext($1::text), hashtext($2::text))",
          [t.qualified, encodeText(key)],
          PREPARED,
        );
        const [found] = await tx
          .unsafe(
            `SELECT ${t.selectList} FROM ${t.qualified} WHERE ${keyColumn(t)} = $1::varchar FOR UPDATE`,
            [encodeText(key)],
            PREPARED,
          )
          .values();
        const current = found ? readable(decodeRow(t, found), key) : null;
        const next = fn(current);
        if (next === null) return current;
        const [saved] = await run(
          tx,
          upsertStatement(t, [{ ...next, [t.def.key]: key }], true),
        ).values();
        return readable(decodeRow(t, saved!), key);
      }),
    );
  }

  async clear(type: TableType): Promise<void> {
    await this.on(type, (t) => this.sql.unsafe(`DELETE FROM ${t.qualified}`));
  }
}
