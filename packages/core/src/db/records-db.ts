import { nowSeconds } from "../utils/ids.js";
import { checkEval, checkKnowledge, checkTrace, DbCore, paging } from "./db-core.js";
import { pageWindow } from "./paging.js";
import { isMalformed, type Row, type TableQuery, type TableType } from "./tables.js";
import type {
  EvalFilter,
  EvalRunRecord,
  KnowledgeContentRecord,
  ListOptions,
  Page,
  SchemaVersionRecord,
  SpanRecord,
  TraceFilter,
  TraceRecord,
} from "./types.js";

/**
 * The storage contract's records besides sessions and memories: eval runs, knowledge contents,
 * traces and spans, and schema versions.
 */
export abstract class RecordsDb extends DbCore {
  // Eval runs

  async createEvalRun(run: EvalRunRecord): Promise<EvalRunRecord> {
    await this.run("evals", "createEvalRun", () =>
      this.store.put("evals", [run as unknown as Row]),
    );
    return run;
  }

  async getEvalRun(runId: string): Promise<EvalRunRecord | null> {
    const row = await this.run("evals", "getEvalRun", () => this.store.get("evals", runId));
    return this.one<EvalRunRecord>("evals", row, checkEval);
  }

  async getEvalRuns(filter: EvalFilter = {}): Promise<Page<EvalRunRecord>> {
    const q: TableQuery = {
      ...paging("getEvalRuns", filter, new Set(["created_at", "updated_at", "name"]), "created_at"),
    };
    const eq: NonNullable<TableQuery["eq"]> = {};
    if (filter.agentId !== undefined) eq.agent_id = filter.agentId;
    if (filter.teamId !== undefined) eq.team_id = filter.teamId;
    if (filter.workflowId !== undefined) eq.workflow_id = filter.workflowId;
    if (filter.modelId !== undefined) eq.model_id = filter.modelId;
    if (Object.keys(eq).length > 0) q.eq = eq;
    if (filter.evalType?.length) q.in = { eval_type: filter.evalType };
    const { rows, total } = await this.run("evals", "getEvalRuns", () =>
      this.store.query("evals", q),
    );
    return { items: this.clean("evals", rows, checkEval), total };
  }

  async deleteEvalRuns(runIds: string[]): Promise<number> {
    return this.run("evals", "deleteEvalRuns", () => this.store.remove("evals", runIds));
  }

  async renameEvalRun(runId: string, name: string): Promise<EvalRunRecord | null> {
    const saved = await this.run("evals", "renameEvalRun", () =>
      this.store.update("evals", runId, (row) =>
        row ? { ...row, name, updated_at: nowSeconds() } : null,
      ),
    );
    return saved as EvalRunRecord | null;
  }

  // Knowledge contents

  async getKnowledgeContent(id: string): Promise<KnowledgeContentRecord | null> {
    const row = await this.run("knowledge", "getKnowledgeContent", () =>
      this.store.get("knowledge", id),
    );
    return this.one<KnowledgeContentRecord>("knowledge", row, checkKnowledge);
  }

  async getKnowledgeContents(options: ListOptions = {}): Promise<Page<KnowledgeContentRecord>> {
    const q: TableQuery = {
      ...paging(
        "getKnowledgeContents",
        options,
        new Set(["created_at", "updated_at", "name"]),
        "created_at",
      ),
    };
    const { rows, total } = await this.run("knowledge", "getKnowledgeContents", () =>
      this.store.query("knowledge", q),
    );
    return { items: this.clean("knowledge", rows, checkKnowledge), total };
  }

  async upsertKnowledgeContent(content: KnowledgeContentRecord): Promise<KnowledgeContentRecord> {
    const row = {
      ...content,
      created_at: content.created_at ?? nowSeconds(),
      updated_at: nowSeconds(),
    };
    await this.run("knowledge", "upsertKnowledgeContent", () =>
      this.store.put("knowledge", [row as unknown as Row]),
    );
    return row;
  }

  async deleteKnowledgeContent(id: string): Promise<boolean> {
    return (
      (await this.run("knowledge", "deleteKnowledgeContent", () =>
        this.store.remove("knowledge", [id]),
      )) > 0
    );
  }

  // Traces and spans

  async upsertTrace(trace: TraceRecord): Promise<void> {
    await this.run("traces", "upsertTrace", () =>
      this.store.put("traces", [trace as unknown as Row]),
    );
  }

  async getTrace(options: { traceId?: string; runId?: string }): Promise<TraceRecord | null> {
    if (options.traceId) {
      const row = await this.run("traces", "getTrace", () =>
        this.store.get("traces", options.traceId!),
      );
      return this.one<TraceRecord>("traces", row, checkTrace);
    }
    if (options.runId)
      return (await this.getTraces({ runId: options.runId, limit: 1 })).items[0] ?? null;
    return null;
  }

  async getTraces(filter: TraceFilter = {}): Promise<Page<TraceRecord>> {
    const q: TableQuery = {
      ...paging(
        "getTraces",
        filter,
        new Set(["created_at", "start_time", "duration_ms"]),
        "start_time",
      ),
    };
    const eq: NonNullable<TableQuery["eq"]> = {};
    for (const [key, column] of [
      ["runId", "run_id"],
      ["sessionId", "session_id"],
      ["userId", "user_id"],
      ["agentId", "agent_id"],
      ["teamId", "team_id"],
      ["workflowId", "workflow_id"],
      ["status", "status"],
    ] as const) {
      const v = filter[key];
      if (v !== undefined) eq[column] = v;
    }
    if (Object.keys(eq).length > 0) q.eq = eq;
    if (filter.startTime) q.gte = { start_time: filter.startTime };
    if (filter.endTime) q.lte = { start_time: filter.endTime };
    const { rows, total } = await this.run("traces", "getTraces", () =>
      this.store.query("traces", q),
    );
    return { items: this.clean("traces", rows, checkTrace), total };
  }

  async createSpans(spans: SpanRecord[]): Promise<void> {
    await this.run("spans", "createSpans", () =>
      this.store.put("spans", spans as unknown as Row[]),
    );
  }

  async getSpan(spanId: string): Promise<SpanRecord | null> {
    const row = await this.run("spans", "getSpan", () => this.store.get("spans", spanId));
    return this.one<SpanRecord>("spans", row, (r) =>
      typeof r.trace_id === "string" ? null : "trace_id is missing",
    );
  }

  async getSpans(
    filter: { traceId?: string; parentSpanId?: string; limit?: number } = {},
  ): Promise<SpanRecord[]> {
    const q: TableQuery = { orderBy: { column: "start_time", direction: "asc" } };
    const eq: NonNullable<TableQuery["eq"]> = {};
    if (filter.traceId) eq.trace_id = filter.traceId;
    if (filter.parentSpanId) eq.parent_span_id = filter.parentSpanId;
    if (Object.keys(eq).length > 0) q.eq = eq;
    const { limit } = pageWindow("getSpans", { limit: filter.limit });
    if (limit !== undefined) q.limit = limit;
    const { rows } = await this.run("spans", "getSpans", () => this.store.query("spans", q));
    return this.clean("spans", rows, (r) =>
      typeof r.trace_id === "string" ? null : "trace_id is missing",
    );
  }

  // Schema versions

  /** The schema version recorded for a table type, or null when none was recorded. */
  async getSchemaVersion(table: TableType): Promise<string | null> {
    const row = await this.run("versions", "getSchemaVersion", () =>
      this.store.get("versions", this.tables[table]),
    );
    return row && !isMalformed(row) ? String(row.version) : null;
  }

  async setSchemaVersion(table: TableType, version: string): Promise<SchemaVersionRecord> {
    const now = new Date().toISOString();
    const saved = await this.run("versions", "setSchemaVersion", () =>
      this.store.update("versions", this.tables[table], (row) => ({
        table_name: this.tables[table],
        version,
        created_at: (row?.created_at as string) ?? now,
        updated_at: now,
      })),
    );
    return saved as unknown as SchemaVersionRecord;
  }
}
