import type { SortOrder } from "./types.js";

/** The kinds of tables every database has. */
export type TableType =
  | "sessions"
  | "memories"
  | "metrics"
  | "evals"
  | "knowledge"
  | "traces"
  | "spans"
  | "versions";

/** How a column is stored. `json` columns hold objects or arrays; `text` holds strings. */
export type ColumnKind = "text" | "bigint" | "json" | "bool";

export interface ColumnDef {
  name: string;
  kind: ColumnKind;
  notNull?: boolean;
  index?: boolean;
}

export interface TableDef {
  /** Default table name. */
  name: string;
  /** Primary-key column. */
  key: string;
  columns: ColumnDef[];
  /** Columns unique together (besides the key). */
  unique?: string[];
}

const c = (
  name: string,
  kind: ColumnKind,
  opts: { notNull?: boolean; index?: boolean } = {},
): ColumnDef => ({
  name,
  kind,
  ...opts,
});

/** The tables' columns, as the reference schema defines them (so a database can be shared). */
export const TABLES: Record<TableType, TableDef> = {
  sessions: {
    name: "agno_sessions",
    key: "session_id",
    columns: [
      c("session_id", "text", { notNull: true }),
      c("session_type", "text", { notNull: true, index: true }),
      c("agent_id", "text", { index: true }),
      c("team_id", "text", { index: true }),
      c("workflow_id", "text", { index: true }),
      c("user_id", "text", { index: true }),
      c("session_data", "json"),
      c("agent_data", "json"),
      c("team_data", "json"),
      c("workflow_data", "json"),
      c("metadata", "json"),
      c("runs", "json"),
      c("summary", "json"),
      c("created_at", "bigint", { notNull: true, index: true }),
      c("updated_at", "bigint", { index: true }),
    ],
  },
  memories: {
    name: "agno_memories",
    key: "memory_id",
    columns: [
      c("memory_id", "text", { notNull: true }),
      c("memory", "json", { notNull: true }),
      c("input", "text"),
      c("agent_id", "text"),
      c("team_id", "text"),
      c("user_id", "text", { index: true }),
      c("topics", "json"),
      c("feedback", "text"),
      c("created_at", "bigint", { notNull: true, index: true }),
      c("updated_at", "bigint", { index: true }),
    ],
  },
  metrics: {
    name: "agno_metrics",
    key: "id",
    unique: ["date", "aggregation_period"],
    columns: [
      c("id", "text", { notNull: true }),
      c("agent_runs_count", "bigint"),
      c("team_runs_count", "bigint"),
      c("workflow_runs_count", "bigint"),
      c("agent_sessions_count", "bigint"),
      c("team_sessions_count", "bigint"),
      c("workflow_sessions_count", "bigint"),
      c("users_count", "bigint"),
      c("token_metrics", "json"),
      c("model_metrics", "json"),
      c("date", "text", { notNull: true, index: true }),
      c("aggregation_period", "text", { notNull: true, index: true }),
      c("created_at", "bigint", { notNull: true }),
      c("updated_at", "bigint"),
      c("completed", "bool"),
    ],
  },
  evals: {
    name: "agno_eval_runs",
    key: "run_id",
    columns: [
      c("run_id", "text", { notNull: true }),
      c("eval_type", "text", { notNull: true }),
      c("eval_data", "json", { notNull: true }),
      c("eval_input", "json", { notNull: true }),
      c("name", "text"),
      c("agent_id", "text"),
      c("team_id", "text"),
      c("workflow_id", "text"),
      c("model_id", "text"),
      c("model_provider", "text"),
      c("evaluated_component_name", "text"),
      c("created_at", "bigint", { notNull: true, index: true }),
      c("updated_at", "bigint"),
    ],
  },
  knowledge: {
    name: "agno_knowledge",
    key: "id",
    columns: [
      c("id", "text", { notNull: true }),
      c("name", "text", { notNull: true }),
      c("description", "text", { notNull: true }),
      c("metadata", "json"),
      c("type", "text"),
      c("size", "bigint"),
      c("linked_to", "text"),
      c("access_count", "bigint"),
      c("status", "text"),
      c("status_message", "text"),
      c("created_at", "bigint"),
      c("updated_at", "bigint"),
      c("external_id", "text"),
    ],
  },
  traces: {
    name: "agno_traces",
    key: "trace_id",
    columns: [
      c("trace_id", "text", { notNull: true }),
      c("name", "text"),
      c("status", "text", { index: true }),
      c("start_time", "text"),
      c("end_time", "text"),
      c("duration_ms", "bigint"),
      c("run_id", "text", { index: true }),
      c("session_id", "text", { index: true }),
      c("user_id", "text", { index: true }),
      c("agent_id", "text", { index: true }),
      c("team_id", "text", { index: true }),
      c("workflow_id", "text", { index: true }),
      c("created_at", "text", { index: true }),
    ],
  },
  spans: {
    name: "agno_spans",
    key: "span_id",
    columns: [
      c("span_id", "text", { notNull: true }),
      c("trace_id", "text", { index: true }),
      c("parent_span_id", "text", { index: true }),
      c("name", "text"),
      c("span_kind", "text"),
      c("status_code", "text"),
      c("status_message", "text"),
      c("start_time", "text"),
      c("end_time", "text"),
      c("duration_ms", "bigint"),
      c("attributes", "json"),
      c("created_at", "text"),
    ],
  },
  versions: {
    name: "agno_schema_versions",
    key: "table_name",
    columns: [
      c("table_name", "text", { notNull: true }),
      c("version", "text", { notNull: true }),
      c("created_at", "text"),
      c("updated_at", "text"),
    ],
  },
};

/** A stored row: a JSON object keyed by column names. */
export type Row = Record<string, unknown>;

/**
 * A query on one table. Column names may address a key inside a JSON column with a dot
 * (`session_data.session_name`).
 */
export interface TableQuery {
  /** Column equals value (`null` matches missing values). */
  eq?: Record<string, string | number | boolean | null>;
  /** Column is one of the values. */
  in?: Record<string, Array<string | number>>;
  /** Any one of these equality groups matches. */
  or?: Array<Record<string, string | number>>;
  /** Column >= / <= value. */
  gte?: Record<string, string | number>;
  lte?: Record<string, string | number>;
  /** Case-insensitive substring match on any of the columns. */
  contains?: { columns: string[]; text: string };
  /** A JSON array column containing any of the values. */
  anyOf?: { column: string; values: string[] };
  orderBy?: { column: string; direction: SortOrder };
  limit?: number;
  offset?: number;
}

/** The storage primitive an adapter implements; `BaseDb` builds the whole contract on it. */
export interface TableStore {
  /** Reads one row by key (or null). May return a {@link MalformedRow}. */
  get(table: TableType, key: string): Promise<Row | MalformedRow | null>;
  /** Inserts or replaces rows by key. */
  put(table: TableType, rows: Row[]): Promise<void>;
  /** Deletes rows by key; returns how many existed. */
  remove(table: TableType, keys: string[]): Promise<number>;
  /** Matching rows (a page of them) and the total count. */
  query(
    table: TableType,
    query: TableQuery,
  ): Promise<{ rows: Array<Row | MalformedRow>; total: number }>;
  /**
   * Atomic read-modify-write of one row: `fn` gets the current row (or null) and returns the new
   * row, or null to leave it as is. Concurrent updates of one key never lose a write. Stores
   * that retry on conflict may call `fn` several times: it must depend only on its argument.
   * A current row that cannot be decoded fails the update with an error (delete it first).
   */
  update(table: TableType, key: string, fn: (row: Row | null) => Row | null): Promise<Row | null>;
  /** Deletes every row. */
  clear(table: TableType): Promise<void>;
}

const MALFORMED = Symbol.for("agno.db.malformed");

/** A stored row that could not be read (bad JSON, wrong types); listings skip it and log why. */
export interface MalformedRow {
  readonly [MALFORMED]: true;
  key: string;
  reason: string;
}

export function malformedRow(key: string, reason: string): MalformedRow {
  return { [MALFORMED]: true, key, reason };
}

export function isMalformed(row: unknown): row is MalformedRow {
  return (
    typeof row === "object" && row !== null && (row as Record<symbol, unknown>)[MALFORMED] === true
  );
}

/** Reads a possibly dotted column from a row. */
export function readPath(row: Row, path: string): unknown {
  const dot = path.indexOf(".");
  if (dot < 0) return row[path];
  const head = row[path.slice(0, dot)];
  return head && typeof head === "object" ? (head as Row)[path.slice(dot + 1)] : undefined;
}

/** Evaluates a query on rows in memory (for stores without a query engine). */
export function applyQuery(rows: Row[], q: TableQuery): { rows: Row[]; total: number } {
  let out = rows.filter((row) => matches(row, q));
  const total = out.length;
  if (q.orderBy) {
    const { column, direction } = q.orderBy;
    const sign = direction === "asc" ? 1 : -1;
    out = [...out].sort((a, b) => sign * compare(readPath(a, column), readPath(b, column)));
  }
  const offset = q.offset ?? 0;
  out = q.limit !== undefined ? out.slice(offset, offset + q.limit) : out.slice(offset);
  return { rows: out, total };
}

function matches(row: Row, q: TableQuery): boolean {
  for (const [col, value] of Object.entries(q.eq ?? {})) {
    const v = readPath(row, col);
    if (value === null ? v !== null && v !== undefined : v !== value) return false;
  }
  for (const [col, values] of Object.entries(q.in ?? {})) {
    if (!values.includes(readPath(row, col) as string | number)) return false;
  }
  if (q.or && q.or.length > 0) {
    if (
      !q.or.some((group) =>
        Object.entries(group).every(([col, value]) => readPath(row, col) === value),
      )
    )
      return false;
  }
  for (const [col, value] of Object.entries(q.gte ?? {})) {
    const v = readPath(row, col);
    if (v === undefined || v === null || compare(v, value) < 0) return false;
  }
  for (const [col, value] of Object.entries(q.lte ?? {})) {
    const v = readPath(row, col);
    if (v === undefined || v === null || compare(v, value) > 0) return false;
  }
  if (q.contains) {
    const text = q.contains.text.toLowerCase();
    if (
      !q.contains.columns.some((col) =>
        String(readPath(row, col) ?? "")
          .toLowerCase()
          .includes(text),
      )
    )
      return false;
  }
  if (q.anyOf) {
    const list = readPath(row, q.anyOf.column);
    if (!Array.isArray(list) || !q.anyOf.values.some((v) => list.includes(v))) return false;
  }
  return true;
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a) < String(b) ? -1 : 1;
}
