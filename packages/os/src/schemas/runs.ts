import { compact, isoFromSeconds } from "./json.js";

type Dict = Record<string, unknown>;

/** The user input of a stored run, as text (`run_input` of the run schemas). */
export function runInputText(run: Dict): string | undefined {
  const input = run.input as Dict | undefined;
  const content = input && typeof input === "object" ? input.input_content : run.input;
  if (content === undefined || content === null) return undefined;
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    const user = content.find((m) => m && typeof m === "object" && (m as Dict).role === "user") as
      | Dict
      | undefined;
    if (user && typeof user.content === "string") return user.content;
  }
  return JSON.stringify(content);
}

function inputMedia(run: Dict): Dict | undefined {
  const input = run.input as Dict | undefined;
  if (!input || typeof input !== "object") return undefined;
  const media = compact({
    images: input.images,
    videos: input.videos,
    audio: input.audio,
    files: input.files,
  });
  return Object.keys(media).length > 0 ? media : undefined;
}

/** Every key in `keys`, in that order, from `values`; a missing or undefined value is null. */
function allKeys(keys: readonly string[], values: Dict): Dict {
  const out: Dict = {};
  for (const key of keys) out[key] = values[key] ?? null;
  for (const [key, value] of Object.entries(values)) {
    if (!(key in out) && value !== undefined && value !== null) out[key] = value;
  }
  return out;
}

/** The reference's RunSchema keys, in its order. */
export const RUN_SCHEMA_KEYS = [
  "run_id",
  "parent_run_id",
  "agent_id",
  "user_id",
  "status",
  "run_input",
  "content",
  "run_response_format",
  "reasoning_content",
  "reasoning_steps",
  "metrics",
  "messages",
  "tools",
  "events",
  "created_at",
  "references",
  "citations",
  "reasoning_messages",
  "session_state",
  "images",
  "videos",
  "audio",
  "files",
  "response_audio",
  "input_media",
  "followups",
  "forked_from_run_id",
  "forked_from_message_index",
  "forked_from_session_id",
  "regenerated_from",
  "last_checkpoint_at_message_index",
] as const;

/** The reference's TeamRunSchema keys: RunSchema's with `team_id` for `agent_id`, no `user_id`. */
export const TEAM_RUN_SCHEMA_KEYS = RUN_SCHEMA_KEYS.filter((k) => k !== "user_id").map((k) =>
  k === "agent_id" ? "team_id" : k,
);

/** The reference's WorkflowRunSchema keys, in its order. */
export const WORKFLOW_RUN_SCHEMA_KEYS = [
  "run_id",
  "run_input",
  "events",
  "workflow_id",
  "user_id",
  "content",
  "content_type",
  "status",
  "step_results",
  "step_executor_runs",
  "step_requirements",
  "pause_kind",
  "paused_step_name",
  "paused_step_index",
  "metrics",
  "created_at",
  "reasoning_content",
  "reasoning_steps",
  "references",
  "citations",
  "reasoning_messages",
  "images",
  "videos",
  "audio",
  "files",
  "response_audio",
] as const;

function common(run: Dict): Dict {
  return {
    status: run.status,
    run_input: runInputText(run),
    content: run.content,
    run_response_format:
      run.content_type === undefined || run.content_type === "str" ? "text" : "json",
    reasoning_content: run.reasoning_content,
    reasoning_steps: run.reasoning_steps,
    metrics: run.metrics,
    messages: run.messages,
    tools: run.tools,
    events: run.events,
    created_at: isoFromSeconds(run.created_at),
    references: run.references,
    citations: run.citations,
    reasoning_messages: run.reasoning_messages,
    session_state: run.session_state,
    images: run.images,
    videos: run.videos,
    audio: run.audio,
    files: run.files,
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

/** RunSchema (agent runs in list endpoints): every key, nulls included. */
export function runSchema(run: Dict): Dict {
  return allKeys(RUN_SCHEMA_KEYS, {
    run_id: run.run_id,
    parent_run_id: run.parent_run_id,
    agent_id: run.agent_id,
    user_id: run.user_id,
    ...common(run),
  });
}

/** TeamRunSchema: every key, nulls included (plus `user_id` and `member_responses` when set). */
export function teamRunSchema(run: Dict): Dict {
  return allKeys(TEAM_RUN_SCHEMA_KEYS, {
    run_id: run.run_id,
    parent_run_id: run.parent_run_id,
    team_id: run.team_id,
    user_id: run.user_id,
    ...common(run),
    member_responses: run.member_responses,
  });
}

/** WorkflowRunSchema: every key, nulls included (plus `session_id` when set). */
export function workflowRunSchema(run: Dict): Dict {
  const input = run.input;
  return allKeys(WORKFLOW_RUN_SCHEMA_KEYS, {
    run_id: run.run_id,
    run_input:
      input === undefined || input === null
        ? undefined
        : typeof input === "string"
          ? input
          : JSON.stringify(input),
    events: run.events,
    workflow_id: run.workflow_id,
    user_id: run.user_id,
    content: run.content,
    content_type: run.content_type,
    status: run.status,
    step_results: run.step_results,
    step_executor_runs: run.step_executor_runs,
    step_requirements: run.step_requirements,
    pause_kind: run.pause_kind,
    paused_step_name: run.paused_step_name,
    paused_step_index: run.paused_step_index,
    metrics: run.metrics,
    created_at: isoFromSeconds(run.created_at),
    reasoning_content: run.reasoning_content,
    reasoning_steps: run.reasoning_steps,
    references: run.references,
    citations: run.citations,
    reasoning_messages: run.reasoning_messages,
    images: run.images,
    videos: run.videos,
    audio: run.audio,
    files: run.files,
    response_audio: run.response_audio,
    session_id: run.session_id,
  });
}
