import { AgentSession, type SessionRecord, type SessionType, TeamSession } from "@agno/core";
import { asRecord, compact, iso } from "./shared.js";

type Dict = Record<string, unknown>;

/** Any input (text, object, messages) as the text the reference shows for it. */
export function stringifyInput(input: unknown): string {
  if (typeof input === "string") return input;
  if (Array.isArray(input)) {
    const first = asRecord(input[0]);
    if (first && first.role === "user") {
      const content = first.content;
      return typeof content === "string" ? content : JSON.stringify(input);
    }
    return JSON.stringify(input);
  }
  if (typeof input === "object" && input !== null) return JSON.stringify(input, null, 2);
  return String(input);
}

function text(value: unknown): string {
  return typeof value === "string" ? value : stringifyInput(value);
}

function lastUserContent(messages: unknown): string | undefined {
  if (!Array.isArray(messages)) return undefined;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = asRecord(messages[i]);
    if (m?.role === "user") return text(m.content ?? "");
  }
  return undefined;
}

/** The user input of a stored run: `input.input_content`, else the last user message. */
export function runInput(run: Dict, isWorkflowRun = false): string {
  const input = run.input;
  if (!isWorkflowRun) {
    const content = asRecord(input)?.input_content;
    if (content !== undefined && content !== null) return stringifyInput(content);
  } else {
    if (input !== undefined && input !== null) return stringifyInput(input);
    const executorRuns = run.step_executor_runs;
    if (Array.isArray(executorRuns) && executorRuns.length > 0) {
      const found = lastUserContent(asRecord(executorRuns[0])?.messages);
      if (found !== undefined) return found;
    }
  }
  return lastUserContent(run.messages) ?? "";
}

/**
 * The name shown for a session: `session_data.session_name`, else the first user message (a
 * team's own runs only), else the first run's input.
 */
export function sessionName(session: SessionRecord): string {
  const name = session.session_data?.session_name;
  if (name !== undefined && name !== null) return text(name);
  const runs = (session.runs ?? []).filter((r) => asRecord(r));
  if (session.session_type === "workflow") {
    const first = runs[0];
    if (!first) return "";
    const input = first.input;
    if (typeof input === "string") return input;
    if (asRecord(input)) return JSON.stringify(input);
    const workflowName = session.workflow_data?.name;
    return typeof workflowName === "string" && workflowName ? `New ${workflowName} Session` : "";
  }
  const candidates = session.session_type === "team" ? runs.filter((r) => !r.agent_id) : runs;
  for (const run of candidates) {
    for (const m of Array.isArray(run.messages) ? run.messages : []) {
      const message = asRecord(m);
      if (message?.role === "user" && message.content) return text(message.content);
    }
    const input = run.input;
    if (input !== undefined && input !== null) {
      const content = asRecord(input)?.input_content;
      return stringifyInput(content ?? input);
    }
  }
  return "";
}

function sessionMetrics(session: SessionRecord): Dict | undefined {
  return asRecord(session.session_data?.session_metrics);
}

/** SessionSchema: one row of `GET /sessions`. */
export function sessionSummarySchema(session: SessionRecord): Dict {
  const metrics = sessionMetrics(session);
  const created = iso(session.created_at);
  return compact({
    session_id: session.session_id,
    session_name: sessionName(session),
    session_state: session.session_data?.session_state,
    created_at: created,
    updated_at: iso(session.updated_at) ?? created,
    session_type: session.session_type,
    user_id: session.user_id,
    agent_id: session.agent_id,
    team_id: session.team_id,
    workflow_id: session.workflow_id,
    session_summary: session.summary,
    metrics,
    total_tokens: metrics?.total_tokens,
    metadata: session.metadata,
  });
}

function chatHistory(session: SessionRecord): Dict[] {
  const s = session.session_type === "team" ? new TeamSession(session) : new AgentSession(session);
  return s.getChatHistory().map((m) => compact({ ...(m as unknown as Dict) }));
}

/** The detail schema of a session (agent, team or workflow flavour, by its type). */
export function sessionDetailSchema(session: SessionRecord): Dict {
  const data = session.session_data ?? undefined;
  const created = iso(session.created_at);
  const updated = iso(session.updated_at) ?? created;
  const metrics = data ? (asRecord(data.session_metrics) ?? {}) : undefined;
  const common = {
    session_id: session.session_id,
    session_name: sessionName(session),
    user_id: session.user_id,
    session_state: data?.session_state,
    metadata: session.metadata,
    created_at: created,
    updated_at: updated,
  };
  if (session.session_type === "workflow") {
    return compact({
      ...common,
      workflow_id: session.workflow_id,
      workflow_name: session.workflow_data?.name,
      session_data: data,
      workflow_data: session.workflow_data,
    });
  }
  const shared = {
    ...common,
    session_summary: session.summary,
    total_tokens: metrics?.total_tokens,
    metrics,
    chat_history: chatHistory(session),
  };
  if (session.session_type === "team")
    return compact({ ...shared, team_id: session.team_id, team_data: session.team_data });
  return compact({
    ...shared,
    agent_session_id: session.session_id,
    agent_id: session.agent_id || undefined,
    agent_data: session.agent_data,
  });
}

/** The media attached to a run's input, by kind (always the four lists). */
function inputMedia(run: Dict): Dict {
  const input = asRecord(run.input) ?? {};
  const list = (...keys: string[]) =>
    keys.flatMap((k) => (Array.isArray(input[k]) ? (input[k] as unknown[]) : []));
  return {
    images: list("images"),
    videos: list("videos"),
    audios: list("audios", "audio"),
    files: list("files"),
  };
}

function nonEmpty(value: unknown): unknown {
  return Array.isArray(value) && value.length > 0 ? value : undefined;
}

/** Fields shared by the agent and team run schemas. */
function baseRunFields(run: Dict): Dict {
  const contentType = run.content_type ?? "str";
  return {
    run_id: run.run_id ?? "",
    parent_run_id: run.parent_run_id ?? "",
    status: run.status,
    run_input: runInput(run),
    content: run.content ?? "",
    run_response_format: contentType === "str" ? "text" : "json",
    reasoning_content: run.reasoning_content ?? "",
    reasoning_steps: run.reasoning_steps ?? [],
    metrics: run.metrics ?? {},
    messages: nonEmpty(run.messages),
    tools: nonEmpty(run.tools),
    events: nonEmpty(run.events),
    created_at: iso(run.created_at),
    references: run.references ?? [],
    citations: run.citations,
    reasoning_messages: run.reasoning_messages ?? [],
    session_state: run.session_state,
    images: run.images ?? [],
    videos: run.videos ?? [],
    audio: run.audio ?? [],
    files: run.files ?? [],
    response_audio: run.response_audio,
    input_media: inputMedia(run),
    followups: run.followups,
    forked_from_run_id: run.forked_from_run_id,
    forked_from_message_index: run.forked_from_message_index,
    forked_from_session_id: run.forked_from_session_id,
    regenerated_from: run.regenerated_from,
    last_checkpoint_at_message_index: run.last_checkpoint_at_message_index,
  };
}

/** RunSchema: an agent run as `GET /sessions/{id}/runs` shows it. */
export function agentRunSchema(run: Dict): Dict {
  const base = baseRunFields(run);
  return compact({
    run_id: base.run_id,
    parent_run_id: base.parent_run_id,
    agent_id: run.agent_id ?? "",
    user_id: run.user_id ?? "",
    ...base,
  });
}

/** TeamRunSchema. */
export function teamRunSchema(run: Dict): Dict {
  const base = baseRunFields(run);
  return compact({
    run_id: base.run_id,
    parent_run_id: base.parent_run_id,
    team_id: run.team_id ?? "",
    ...base,
  });
}

/** WorkflowRunSchema. */
export function workflowRunSchema(run: Dict): Dict {
  return compact({
    run_id: run.run_id ?? "",
    run_input: runInput(run, true),
    events: run.events ?? [],
    workflow_id: run.workflow_id ?? "",
    user_id: run.user_id ?? "",
    content: run.content ?? "",
    content_type: run.content_type ?? "",
    status: run.status ?? "",
    step_results: run.step_results ?? [],
    step_executor_runs: run.step_executor_runs ?? [],
    step_requirements: run.step_requirements,
    pause_kind: run.pause_kind,
    paused_step_name: run.paused_step_name,
    paused_step_index: run.paused_step_index,
    metrics: run.metrics ?? {},
    created_at: iso(run.created_at),
    reasoning_content: run.reasoning_content ?? "",
    reasoning_steps: run.reasoning_steps ?? [],
    references: run.references ?? [],
    citations: run.citations,
    reasoning_messages: run.reasoning_messages ?? [],
    images: run.images ?? [],
    videos: run.videos ?? [],
    audio: run.audio ?? [],
    files: run.files ?? [],
    response_audio: run.response_audio,
  });
}

/**
 * A stored run in the schema matching its own shape: team and workflow sessions also hold member
 * and step runs. Team-session runs with neither an agent nor a team id are left out (null).
 */
export function classifyRun(run: Dict, sessionType: SessionType): Dict | null {
  if (sessionType === "agent") return agentRunSchema(run);
  if (sessionType === "team") {
    if (run.agent_id !== undefined && run.agent_id !== null) return agentRunSchema(run);
    if (run.team_id !== undefined && run.team_id !== null) return teamRunSchema(run);
    return null;
  }
  if (run.workflow_id !== undefined && run.workflow_id !== null) return workflowRunSchema(run);
  if (run.team_id !== undefined && run.team_id !== null) return teamRunSchema(run);
  return agentRunSchema(run);
}

/** A single run (`GET /sessions/{id}/runs/{run_id}`): its schema follows its own ids. */
export function singleRunSchema(run: Dict): Dict {
  if (run.workflow_id !== undefined && run.workflow_id !== null) return workflowRunSchema(run);
  if (run.team_id !== undefined && run.team_id !== null) return teamRunSchema(run);
  return agentRunSchema(run);
}
