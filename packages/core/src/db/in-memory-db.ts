import { uuid } from "../utils/ids.js";
import { BaseDb, type TableNames } from "./base-db.js";
import {
  applyQuery,
  type Row,
  TABLES,
  type TableQuery,
  type TableStore,
  type TableType,
} from "./tables.js";

/** Options of {@link InMemoryDb}. */
export interface InMemoryDbOptions extends TableNames {
  /** @default a random UUID */
  id?: string;
}

/** Rows are copied in and out, so callers never share objects with the store. */
function copy<T>(value: T): T {
  return structuredClone(value);
}

class MemoryStore implements TableStore {
  private readonly data = new Map<TableType, Map<string, Row>>();

  private table(table: TableType): Map<string, Row> {
    let map = this.data.get(table);
    if (!map) {
      map = new Map();
      this.data.set(table, map);
    }
    return map;
  }

  async get(table: TableType, key: string): Promise<Row | null> {
    const row = this.table(table).get(key);
    return row ? copy(row) : null;
  }

  async put(table: TableType, rows: Row[]): Promise<void> {
    const map = this.table(table);
    const key = TABLES[table].key;
    for (const row of rows) map.set(String(row[key]), copy(row));
  }

  async remove(table: TableType, keys: string[]): Promise<number> {
    const map = this.table(table);
    let n = 0;
    for (const key of keys) if (map.delete(key)) n++;
    return n;
  }

  async query(table: TableType, query: TableQuery): Promise<{ rows: Row[]; total: number }> {
    const { rows, total } = applyQuery([...this.table(table).values()], query);
    return { rows: rows.map(copy), total };
  }

  async update(
    table: TableType,
    key: string,
    fn: (row: Row | null) => Row | null,
  ): Promise<Row | null> {
    const map = this.table(table);
    const current = map.get(key);
    const next = fn(current ? copy(current) : null);
    if (next === null) return current ? copy(current) : null;
    map.set(key, copy(next));
    return copy(next);
  }

  async clear(table: TableType): Promise<void> {
    this.table(table).clear();
  }
}

/**
 * A database in process memory: nothing survives the process. For tests, demos and single-process
 * apps that do not need persistence.
 *
 * @example
 * const agent = new Agent({ model, db: new InMemoryDb(), addHistoryToContext: true });
 */
export class InMemoryDb extends BaseDb {
  readonly id: string;
  protected readonly store: TableStore = new MemoryStore();

  constructor(options: InMemoryDbOptions = {}) {
    super(options);
    this.id = options.id ?? uuid();
  }
}
