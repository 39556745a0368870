import type { SessionRecord } from "../db/types.js";
import type { Message } from "../messages.js";
import { RunStatus } from "../run/status.js";
import { AgentSession, type GetMessagesOptions } from "../session/agent-session.js";
import { nowSeconds } from "../utils/ids.js";
import { executorRunToDict, WorkflowRunOutput } from "./run-output.js";
import { asText, type WorkflowHistorySource } from "./types.js";

/** One exchange of a workflow session: a run's input and its final content. */
export interface WorkflowChatInteraction {
  input: unknown;
  output: unknown;
}

/**
 * A workflow's session: its runs, state and data. Serializes to the stored session row
 * (`toRecord()`, `session_type: "workflow"`).
 */
export class WorkflowSession implements WorkflowHistorySource {
  session_id: string;
  user_id: string | null;
  workflow_id: string | null;
  /** From `workflow_data.name` (there is no workflow_name column). */
  workflow_name: string | null;
  runs: WorkflowRunOutput[];
  /** `session_state`, `session_name`, `session_metrics`... */
  session_data: Record<string, unknown>;
  /** `{ workflow_id, name, steps: [{ name, description, type }] }`. */
  workflow_data: Record<string, unknown>;
  metadata: Record<string, unknown> | null;
  created_at: number;
  updated_at: number | null;

  constructor(
    record: Omit<SessionRecord, "session_type" | "created_at"> & {
      session_type?: SessionRecord["session_type"];
      created_at?: number;
    },
  ) {
    this.session_id = record.session_id;
    this.user_id = record.user_id ?? null;
    this.workflow_id = record.workflow_id ?? null;
    this.workflow_data = { ...(record.workflow_data ?? {}) };
    const name = this.workflow_data.name;
    this.workflow_name = typeof name === "string" ? name : null;
    this.session_data = { ...(record.session_data ?? {}) };
    this.metadata = record.metadata ?? null;
    this.runs = (record.runs ?? []).map((r) =>
      r instanceof WorkflowRunOutput ? r : WorkflowRunOutput.fromDict(r),
    );
    this.created_at = record.created_at ?? nowSeconds();
    this.updated_at = record.updated_at ?? null;
  }

  /** The stored session state. */
  get sessionState(): Record<string, unknown> {
    return (this.session_data.session_state as Record<string, unknown> | undefined) ?? {};
  }

  /** The session name, if any. */
  get sessionName(): string | undefined {
    const name = this.session_data.session_name;
    return typeof name === "string" ? name : undefined;
  }

  /** Adds a run, or replaces the run with the same id. */
  upsertRun(run: WorkflowRunOutput): void {
    const index = this.runs.findIndex((r) => r.run_id === run.run_id);
    if (index >= 0) this.runs[index] = run;
    else this.runs.push(run);
  }

  /** A run by id. */
  getRun(runId: string): WorkflowRunOutput | undefined {
    return this.runs.find((r) => r.run_id === runId);
  }

  /** Completed runs as `[input, output]` text pairs, oldest first (the last `numRuns`, or all). */
  getWorkflowHistory(numRuns?: number): Array<[string, string]> {
    let runs = this.runs.filter((r) => r.status === RunStatus.completed);
    if (numRuns !== undefined) runs = numRuns > 0 ? runs.slice(-numRuns) : [];
    return runs.map((r) => [asText(r.input), asText(r.content)]);
  }

  /** The history formatted for a prompt, inside `<workflow_history_context>` tags; undefined when empty. */
  getWorkflowHistoryContext(numRuns?: number): string | undefined {
    const history = this.getWorkflowHistory(numRuns);
    if (history.length === 0) return undefined;
    const parts = ["<workflow_history_context>"];
    history.forEach(([input, output], i) => {
      parts.push(`[Workflow Run-${i + 1}]`);
      if (input) parts.push(`User input: ${input}`);
      if (output) parts.push(`Workflow output: ${output}`);
      parts.push("");
    });
    parts.push("</workflow_history_context>", "");
    return parts.join("\n");
  }

  /** Each run's input and final content (runs without either are left out). */
  getChatHistory(lastNRuns?: number): WorkflowChatInteraction[] {
    let runs = this.runs;
    if (lastNRuns !== undefined) runs = lastNRuns > 0 ? runs.slice(-lastNRuns) : [];
    return runs
      .filter((r) => hasValue(r.input) && hasValue(r.content))
      .map((r) => ({ input: r.input, output: r.content }));
  }

  /**
   * Messages of the agent (or team) runs inside this session's workflow runs, filtered like an
   * agent session's (`agentId`, `teamId`, `lastNRuns`, `limit`, `skipRoles`...).
   */
  getMessages(options: GetMessagesOptions = {}): Message[] {
    const runs: Array<Record<string, unknown>> = [];
    for (const run of this.runs) {
      for (const executorRun of run.step_executor_runs ?? []) {
        const dict = executorRunToDict(executorRun);
        // Executor runs point at their workflow run; they are top-level runs for this purpose.
        if (dict.parent_run_id === run.run_id) delete dict.parent_run_id;
        runs.push(dict);
      }
    }
    if (runs.length === 0) return [];
    return new AgentSession({
      session_id: this.session_id,
      created_at: this.created_at,
      runs,
    }).getMessages(options);
  }

  /** The stored row. */
  toRecord(): SessionRecord {
    return {
      session_id: this.session_id,
      session_type: "workflow",
      workflow_id: this.workflow_id,
      user_id: this.user_id,
      session_data: this.session_data,
      workflow_data: this.workflow_data,
      metadata: this.metadata,
      runs: this.runs.map((r) => r.toDict()),
      created_at: this.created_at,
      updated_at: this.updated_at,
    };
  }

  toJSON(): SessionRecord {
    return this.toRecord();
  }
}

function hasValue(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "";
}
