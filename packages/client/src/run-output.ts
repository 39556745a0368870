import type { ToolExecution } from "./wire/parts.js";
import { RunStatus } from "./wire/parts.js";
import type { RunSchema } from "./wire/responses.js";
import type { RunOutputDict, TeamRunOutputDict, WorkflowRunOutputDict } from "./wire/runs.js";

type Dict = Record<string, unknown>;

/** Copies the non-null values of each source onto `target`, in order. */
function assignPresent(target: object, ...sources: Dict[]): void {
  for (const source of sources)
    for (const [key, value] of Object.entries(source))
      if (value !== undefined && value !== null) (target as Dict)[key] = value;
}

/** A run dict held as an object: built from the wire's JSON, serialized back to it. */
abstract class WireRun {
  declare status: RunStatus;

  protected constructor(defaults: Dict, init: Dict) {
    assignPresent(this, defaults, init);
  }

  /** True while the run waits for a human (status `PAUSED`). */
  get isPaused(): boolean {
    return this.status === RunStatus.paused;
  }

  /** The wire form (null and empty values dropped). */
  toDict(): Dict {
    const out: Dict = {};
    for (const [key, v] of Object.entries(this)) {
      if (v === undefined || v === null) continue;
      if (Array.isArray(v) && v.length === 0) continue;
      out[key] = v;
    }
    return JSON.parse(JSON.stringify(out));
  }

  toJSON(): Dict {
    return this.toDict();
  }
}

const now = () => Math.floor(Date.now() / 1000);

export interface RemoteRunOutput<TContent = unknown> extends RunOutputDict<TContent> {}

/**
 * The output of a remote agent run, as the AgentOS sent it (`RunOutput.to_dict()`): the fields
 * of {@link RunOutputDict}, the same as `RunOutput` of `@agno/core` has, so it can stand in for
 * one (a remote member of a local team, a remote agent in a workflow step). Media stay dicts.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: its fields are the wire dict's, declared once in wire/runs.ts
// biome-ignore lint/correctness/noUnusedVariables: TContent types the merged interface's content
export class RemoteRunOutput<TContent = unknown> extends WireRun {
  constructor(init: Dict = {}) {
    super({ content_type: "str", created_at: now(), status: RunStatus.running }, init);
  }

  /** Tool calls still waiting for confirmation, input or an external result. */
  get activeRequirements(): ToolExecution[] {
    return (this.tools ?? []).filter(
      (t) =>
        (t.requires_confirmation === true && (t.confirmed === null || t.confirmed === undefined)) ||
        (t.requires_user_input === true && t.answered !== true) ||
        (t.external_execution_required === true && (t.result === null || t.result === undefined)),
    );
  }

  /** Builds an output from the AgentOS's JSON. */
  static fromDict<TContent = unknown>(dict: Dict): RemoteRunOutput<TContent> {
    return new RemoteRunOutput<TContent>(dict);
  }
}

export interface RemoteTeamRunOutput<TContent = unknown> extends TeamRunOutputDict<TContent> {}

/** The output of a remote team run: a {@link RemoteRunOutput} with the team's fields. */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: its fields are the wire dict's, declared once in wire/runs.ts
export class RemoteTeamRunOutput<TContent = unknown> extends RemoteRunOutput<TContent> {
  constructor(init: Dict = {}) {
    super(init);
    this.member_responses ??= [];
  }

  static override fromDict<TContent = unknown>(dict: Dict): RemoteTeamRunOutput<TContent> {
    return new RemoteTeamRunOutput<TContent>(dict);
  }
}

export interface RemoteWorkflowRunOutput extends WorkflowRunOutputDict {}

/** The output of a remote workflow run (`WorkflowRunOutput.to_dict()`). */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: its fields are the wire dict's, declared once in wire/runs.ts
export class RemoteWorkflowRunOutput extends WireRun {
  constructor(init: Dict = {}) {
    super(
      { content_type: "str", step_results: [], created_at: now(), status: RunStatus.pending },
      init,
    );
  }

  get isCancelled(): boolean {
    return this.status === RunStatus.cancelled;
  }
  get isRunning(): boolean {
    return this.status === RunStatus.pending || this.status === RunStatus.running;
  }

  static fromDict(dict: Dict): RemoteWorkflowRunOutput {
    return new RemoteWorkflowRunOutput(dict);
  }
}

/**
 * The run dict of a run as the session routes list it (`RunSchema`): `created_at` back to epoch
 * seconds, `run_input` back to `input`, and the session it was read from.
 */
export function runDictOfSchema(schema: RunSchema, sessionId: string): Dict {
  const {
    run_input,
    run_response_format: _format,
    input_media: _media,
    created_at,
    parent_run_id,
    ...rest
  } = schema;
  const out: Dict = { ...rest, session_id: sessionId };
  if (typeof run_input === "string") out.input = { input_content: run_input };
  if (parent_run_id) out.parent_run_id = parent_run_id;
  const seconds = typeof created_at === "string" ? Date.parse(created_at) / 1000 : created_at;
  if (typeof seconds === "number" && Number.isFinite(seconds)) out.created_at = Math.floor(seconds);
  return out;
}
