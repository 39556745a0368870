import { AgnoError, errorMarker } from "../errors.js";
import { log } from "../logger.js";
import { type Metrics, sumMetrics } from "../metrics.js";
import { pageWindow } from "./paging.js";
import {
  isMalformed,
  type MalformedRow,
  type Row,
  TABLES,
  type TableQuery,
  type TableStore,
  type TableType,
} from "./tables.js";
import type { ListOptions } from "./types.js";

/** A storage operation failed; the message names the operation and the table, never the values. */
export class StorageError extends AgnoError {
  static override readonly marker = errorMarker("StorageError");
  readonly table: string;
  readonly operation: string;
  constructor(message: string, options: { table: string; operation: string; cause?: unknown }) {
    super(message, { code: "storage_error", status: 500, cause: options.cause });
    this.name = "StorageError";
    this.table = options.table;
    this.operation = options.operation;
  }
}

/** Table names of a database. */
export interface TableNames {
  /** @default "agno_sessions" */
  sessionTable?: string;
  /** @default "agno_memories" */
  memoryTable?: string;
  /** @default "agno_metrics" */
  metricsTable?: string;
  /** @default "agno_eval_runs" */
  evalTable?: string;
  /** @default "agno_knowledge" */
  knowledgeTable?: string;
  /** @default "agno_traces" */
  tracesTable?: string;
  /** @default "agno_spans" */
  spansTable?: string;
  /** @default "agno_schema_versions" */
  versionsTable?: string;
}

/** Resolves configured table names over the defaults. */
export function resolveTableNames(names: TableNames = {}): Record<TableType, string> {
  return {
    sessions: names.sessionTable ?? TABLES.sessions.name,
    memories: names.memoryTable ?? TABLES.memories.name,
    metrics: names.metricsTable ?? TABLES.metrics.name,
    evals: names.evalTable ?? TABLES.evals.name,
    knowledge: names.knowledgeTable ?? TABLES.knowledge.name,
    traces: names.tracesTable ?? TABLES.traces.name,
    spans: names.spansTable ?? TABLES.spans.name,
    versions: names.versionsTable ?? TABLES.versions.name,
  };
}

export const SESSION_SORT = new Set(["created_at", "updated_at", "session_id"]);
export const MEMORY_SORT = new Set(["created_at", "updated_at", "memory_id"]);

/** Sort and page of a listing; throws a {@link PaginationError} on an unusable limit or page. */
export function paging(
  operation: string,
  options: ListOptions,
  sortable: Set<string>,
  defaultSort: string,
): Pick<TableQuery, "orderBy" | "limit" | "offset"> {
  const sortBy = options.sortBy && sortable.has(options.sortBy) ? options.sortBy : defaultSort;
  const q: Pick<TableQuery, "orderBy" | "limit" | "offset"> = {
    orderBy: { column: sortBy, direction: options.sortOrder ?? "desc" },
  };
  const { limit, offset } = pageWindow(operation, options);
  if (limit !== undefined) {
    q.limit = limit;
    q.offset = offset;
  }
  return q;
}

/**
 * What every part of the storage contract is built on: the adapter's {@link TableStore}, the
 * table names, and the error and malformed-row handling of each operation.
 */
export abstract class DbCore {
  /** Stable id of this database. */
  abstract readonly id: string;
  /** Table names in use. */
  readonly tables: Record<TableType, string>;
  protected abstract readonly store: TableStore;

  constructor(names: TableNames = {}) {
    this.tables = resolveTableNames(names);
  }

  /** Releases connections (when the adapter opened them). */
  async close(): Promise<void> {}

  protected async run<T>(table: TableType, operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (StorageError.isInstance(error)) throw error;
      throw new StorageError(
        `${operation} on table "${this.tables[table]}" failed: ${(error as Error).message}`,
        {
          table: this.tables[table],
          operation,
          cause: error,
        },
      );
    }
  }

  protected clean<T>(
    table: TableType,
    rows: Array<Row | MalformedRow>,
    check: (row: Row) => string | null,
  ): T[] {
    const out: T[] = [];
    for (const row of rows) {
      const problem = isMalformed(row) ? row.reason : check(row);
      if (problem) {
        const key = isMalformed(row) ? row.key : String(row[TABLES[table].key]);
        log.error(`Skipping malformed row "${key}" in table "${this.tables[table]}": ${problem}`);
        continue;
      }
      out.push(row as T);
    }
    return out;
  }

  protected one<T>(
    table: TableType,
    row: Row | MalformedRow | null,
    check: (row: Row) => string | null,
  ): T | null {
    if (row === null) return null;
    const problem = isMalformed(row) ? row.reason : check(row);
    if (problem) {
      const key = isMalformed(row) ? row.key : String(row[TABLES[table].key]);
      throw new StorageError(
        `Row "${key}" in table "${this.tables[table]}" is malformed: ${problem}`,
        {
          table: this.tables[table],
          operation: "read",
        },
      );
    }
    return row as T;
  }
}

export function checkOrThrow<T>(
  table: TableType,
  value: T,
  check: (row: Row) => string | null,
  name: string,
): void {
  const problem = check(value as unknown as Row);
  if (problem)
    throw new StorageError(`Cannot write to table "${name}": ${problem}`, {
      table: name,
      operation: `write ${table}`,
    });
}

const SESSION_TYPES = new Set(["agent", "team", "workflow"]);

export function checkSession(r: Row): string | null {
  if (typeof r.session_id !== "string" || !r.session_id)
    return "session_id must be a non-empty string";
  if (!SESSION_TYPES.has(r.session_type as string))
    return `session_type must be agent, team or workflow (got ${JSON.stringify(r.session_type)})`;
  if (r.runs !== undefined && r.runs !== null && !Array.isArray(r.runs))
    return "runs must be a list";
  if (r.session_data !== undefined && r.session_data !== null && typeof r.session_data !== "object")
    return "session_data must be an object";
  if (typeof r.created_at !== "number") return "created_at must be a number";
  return null;
}

export function checkMemory(r: Row): string | null {
  if (typeof r.memory_id !== "string" || !r.memory_id)
    return "memory_id must be a non-empty string";
  if (typeof r.memory !== "string") return "memory must be a string";
  if (r.topics !== undefined && r.topics !== null && !Array.isArray(r.topics))
    return "topics must be a list";
  if (typeof r.created_at !== "number") return "created_at must be a number";
  return null;
}

export function checkEval(r: Row): string | null {
  if (typeof r.run_id !== "string") return "run_id must be a string";
  if (typeof r.eval_type !== "string") return "eval_type must be a string";
  return null;
}

export function checkKnowledge(r: Row): string | null {
  if (typeof r.id !== "string") return "id must be a string";
  if (typeof r.name !== "string") return "name must be a string";
  return null;
}

export function checkTrace(r: Row): string | null {
  if (typeof r.trace_id !== "string") return "trace_id must be a string";
  return null;
}

/** A stored run's metrics: agent and team runs carry them flat; workflow runs per step. */
export function runMetrics(run: Record<string, unknown>): Metrics | undefined {
  const metrics = run.metrics as
    | (Metrics & { steps?: Record<string, { metrics?: Metrics }> })
    | undefined;
  if (!metrics?.steps || typeof metrics.steps !== "object") return metrics;
  const total = sumMetrics(Object.values(metrics.steps).map((s) => s?.metrics));
  if (typeof metrics.duration === "number") total.duration = metrics.duration;
  return total;
}
