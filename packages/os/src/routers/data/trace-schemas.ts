import type { SpanRecord, TraceRecord } from "@agno/core";
import { compact, iso } from "./shared.js";

type Dict = Record<string, unknown>;

/** `"150ms"` under a second, else `"1.50s"`. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || ms < 1000) return `${ms || 0}ms`;
  return `${(ms / 1000).toFixed(2)}s`;
}

const attrs = (span: SpanRecord): Dict => span.attributes ?? {};
const kindOf = (span: SpanRecord): string =>
  String(attrs(span)["openinference.span.kind"] ?? "UNKNOWN");
const str = (v: unknown): string | undefined =>
  v === undefined || v === null ? undefined : typeof v === "string" ? v : JSON.stringify(v);

/** AGENT, TEAM, WORKFLOW, LLM, TOOL... from the span's OpenInference kind and Agno attributes. */
function spanType(span: SpanRecord): string {
  const kind = kindOf(span);
  if (kind === "CHAIN") return "WORKFLOW";
  if (kind === "AGENT")
    return attrs(span)["agno.team.id"] || attrs(span)["team.id"] ? "TEAM" : "AGENT";
  return kind;
}

function workflowMetadata(a: Dict, into: Dict): void {
  if (a["agno.workflow.description"]) into.description = a["agno.workflow.description"];
  if (a["agno.workflow.steps_count"]) into.steps_count = a["agno.workflow.steps_count"];
  if (a["agno.workflow.steps"]) into.steps = a["agno.workflow.steps"];
  if (a["agno.workflow.step_types"]) into.step_types = a["agno.workflow.step_types"];
}

/** TraceNode of one span (children given). */
export function spanNode(span: SpanRecord, children?: Dict[], stepType?: string): Dict {
  const a = attrs(span);
  const kind = kindOf(span);
  let output = str(a["output.value"]);
  let error: string | undefined;
  if (span.status_code === "ERROR") {
    error = span.status_message ?? str(a["exception.message"]);
    output = undefined;
  }
  const metadata: Dict = {};
  if (kind === "AGENT" && a["agno.run.id"]) metadata.run_id = a["agno.run.id"];
  if (kind === "LLM") {
    if (a["llm.model_name"]) metadata.model = a["llm.model_name"];
    if (a["llm.token_count.prompt"]) metadata.input_tokens = a["llm.token_count.prompt"];
    if (a["llm.token_count.completion"]) metadata.output_tokens = a["llm.token_count.completion"];
  }
  if (kind === "TOOL") {
    if (a["tool.name"]) metadata.tool_name = a["tool.name"];
    if (a["tool.parameters"]) metadata.parameters = a["tool.parameters"];
  }
  if (kind === "CHAIN") workflowMetadata(a, metadata);
  if (a["session.id"]) metadata.session_id = a["session.id"];
  if (a["user.id"]) metadata.user_id = a["user.id"];
  return compact({
    id: span.span_id,
    name: span.name,
    type: spanType(span),
    duration: formatDuration(span.duration_ms),
    start_time: iso(span.start_time),
    end_time: iso(span.end_time),
    status: span.status_code ?? "UNSET",
    input: str(a["input.value"]),
    output,
    error,
    spans: children && children.length > 0 ? children : undefined,
    step_type: stepType,
    metadata: Object.keys(metadata).length > 0 ? metadata : undefined,
  });
}

const byStart = (x: SpanRecord, y: SpanRecord) => x.start_time.localeCompare(y.start_time);

function rootSpan(spans: SpanRecord[]): SpanRecord | undefined {
  return spans.find((s) => !s.parent_span_id);
}

/** The hierarchical span tree of a trace; roots carry the trace's timing and token totals. */
export function spanTree(trace: TraceRecord, spans: SpanRecord[]): Dict[] {
  const children = new Map<string | null, SpanRecord[]>();
  for (const span of spans) {
    const parent = span.parent_span_id ?? null;
    children.set(parent, [...(children.get(parent) ?? []), span]);
  }
  const roots = [...(children.get(null) ?? [])].sort(byStart);
  let inputTokens = 0;
  let outputTokens = 0;
  for (const span of spans) {
    if (kindOf(span) !== "LLM") continue;
    inputTokens += Number(attrs(span)["llm.token_count.prompt"] ?? 0) || 0;
    outputTokens += Number(attrs(span)["llm.token_count.completion"] ?? 0) || 0;
  }
  const workflowRoot = roots.find((r) => kindOf(r) === "CHAIN");
  const stepTypes = workflowRoot ? attrs(workflowRoot)["agno.workflow.step_types"] : undefined;
  const stepTypeList = Array.isArray(stepTypes) ? stepTypes.map(String) : [];

  const build = (span: SpanRecord, stepType?: string, seen = new Set<string>()): Dict => {
    seen.add(span.span_id);
    const kids = [...(children.get(span.span_id) ?? [])]
      .filter((k) => !seen.has(k.span_id))
      .sort(byStart)
      .map((k) => build(k, undefined, seen));
    return spanNode(span, kids, stepType);
  };

  return roots.map((root) => {
    const seen = new Set<string>([root.span_id]);
    const kids = [...(children.get(root.span_id) ?? [])]
      .sort(byStart)
      .map((k, i) => build(k, stepTypeList.length > 0 ? stepTypeList[i] : undefined, seen));
    const metadata: Dict = {};
    if (inputTokens > 0) metadata.total_input_tokens = inputTokens;
    if (outputTokens > 0) metadata.total_output_tokens = outputTokens;
    if (kindOf(root) === "CHAIN") workflowMetadata(attrs(root), metadata);
    return compact({
      id: root.span_id,
      name: root.name,
      type: spanType(root),
      duration: formatDuration(trace.duration_ms ?? root.duration_ms),
      start_time: iso(trace.start_time ?? root.start_time),
      end_time: iso(trace.end_time ?? root.end_time),
      status: root.status_code ?? "UNSET",
      spans: kids.length > 0 ? kids : undefined,
      metadata: Object.keys(metadata).length > 0 ? metadata : undefined,
    });
  });
}

/** Span count and error count: stored on the trace row when the adapter keeps them, else counted. */
function counts(trace: TraceRecord, spans: SpanRecord[]): { total: number; errors: number } {
  const row = trace as TraceRecord & { total_spans?: number; error_count?: number };
  return {
    total: typeof row.total_spans === "number" ? row.total_spans : spans.length,
    errors:
      typeof row.error_count === "number"
        ? row.error_count
        : spans.filter((s) => s.status_code === "ERROR").length,
  };
}

function traceIds(trace: TraceRecord): Dict {
  return {
    run_id: trace.run_id,
    session_id: trace.session_id,
    user_id: trace.user_id,
    agent_id: trace.agent_id,
    team_id: trace.team_id,
    workflow_id: trace.workflow_id,
  };
}

/** TraceSummary (list rows). */
export function traceSummary(trace: TraceRecord, spans: SpanRecord[]): Dict {
  const { total, errors } = counts(trace, spans);
  const root = rootSpan(spans);
  return compact({
    trace_id: trace.trace_id,
    name: trace.name,
    status: trace.status,
    duration: formatDuration(trace.duration_ms),
    start_time: iso(trace.start_time),
    end_time: iso(trace.end_time),
    total_spans: total,
    error_count: errors,
    input: root ? str(attrs(root)["input.value"]) : undefined,
    ...traceIds(trace),
    created_at: iso(trace.created_at),
  });
}

/** TraceDetail: the summary fields, the root's output or error, and the span tree. */
export function traceDetail(trace: TraceRecord, spans: SpanRecord[]): Dict {
  const { total, errors } = counts(trace, spans);
  const root = rootSpan(spans);
  let input: string | undefined;
  let output: string | undefined;
  let error: string | undefined;
  if (root) {
    const a = attrs(root);
    input = str(a["input.value"]);
    if (trace.status === "ERROR" || root.status_code === "ERROR") {
      error = root.status_message ?? str(a["exception.message"]);
    } else {
      output = str(a["output.value"]);
    }
    const empty = !output || output.trim() === "None";
    if (kindOf(root) === "CHAIN" && empty && trace.status !== "ERROR") {
      // A workflow's output is its last step's.
      const steps = spans
        .filter((s) => s.parent_span_id === root.span_id)
        .sort((x, y) => y.end_time.localeCompare(x.end_time));
      if (steps[0]) output = str(attrs(steps[0])["output.value"]);
    }
  }
  return compact({
    trace_id: trace.trace_id,
    name: trace.name,
    status: trace.status,
    duration: formatDuration(trace.duration_ms),
    start_time: iso(trace.start_time),
    end_time: iso(trace.end_time),
    total_spans: total,
    error_count: errors,
    input,
    output,
    error,
    ...traceIds(trace),
    created_at: iso(trace.created_at),
    tree: spanTree(trace, spans),
  });
}

/** TraceSessionStats rows: traces grouped by session, most recently traced first. */
export function sessionStats(traces: TraceRecord[]): Dict[] {
  const bySession = new Map<string, { first: TraceRecord; last: TraceRecord; count: number }>();
  for (const trace of traces) {
    if (!trace.session_id) continue;
    const entry = bySession.get(trace.session_id);
    if (!entry) {
      bySession.set(trace.session_id, { first: trace, last: trace, count: 1 });
      continue;
    }
    entry.count++;
    if (trace.created_at < entry.first.created_at) entry.first = trace;
    if (trace.created_at > entry.last.created_at) entry.last = trace;
  }
  return [...bySession.entries()]
    .sort(([, x], [, y]) => y.last.created_at.localeCompare(x.last.created_at))
    .map(([sessionId, e]) =>
      compact({
        session_id: sessionId,
        user_id: e.last.user_id,
        agent_id: e.last.agent_id,
        team_id: e.last.team_id,
        workflow_id: e.last.workflow_id,
        total_traces: e.count,
        first_trace_at: iso(e.first.created_at),
        last_trace_at: iso(e.last.created_at),
      }),
    );
}
