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
  };
}

/** RunSchema (agent runs in list endpoints). */
export function runSchema(run: Dict): Dict {
  return compact({
    run_id: run.run_id,
    parent_run_id: run.parent_run_id,
    agent_id: run.agent_id,
    user_id: run.user_id,
    ...common(run),
  });
}

/** TeamRunSchema. */
export function teamRunSchema(run: Dict): Dict {
  return compact({
    run_id: run.run_id,
    parent_run_id: run.parent_run_id,
    team_id: run.team_id,
    user_id: run.user_id,
    ...common(run),
    member_responses: run.member_responses,
  });
}

/** WorkflowRunSchema. */
export function workflowRunSchema(run: Dict): Dict {
  const input = run.input;
  return compact({
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
    metrics: run.metrics,
    created_at: isoFromSeconds(run.created_at),
    session_id: run.session_id,
  });
}
