import type { SessionRecord, SessionSummaryRecord } from "../db/types.js";
import type { Message } from "../messages.js";
import { RunOutput } from "../run/run-output.js";
import { RunStatus } from "../run/status.js";
import { TeamRunOutput } from "../run/team-run-output.js";

/** Filters of {@link AgentSession.getMessages}. */
export interface GetMessagesOptions {
  /** Only runs of this agent (team sessions hold member runs too). */
  agentId?: string;
  teamId?: string;
  /** Only the last N runs. @default all */
  lastNRuns?: number;
  /** Only the last N messages. @default all */
  limit?: number;
  /** Leave out messages with these roles. */
  skipRoles?: string[];
  /** Leave out runs with these statuses. @default paused, cancelled and error runs are kept out */
  skipStatuses?: string[];
  /** Leave out messages that were history in their own run. @default true */
  skipHistoryMessages?: boolean;
}

const DEFAULT_SKIPPED_STATUSES = [RunStatus.paused, RunStatus.cancelled, RunStatus.error];

/**
 * A conversation with an agent: its runs, state, name and summary. Serializes to the stored
 * session row (`toRecord()`).
 */
export class AgentSession {
  /** `agent` here; `team` for {@link TeamSession}. */
  readonly session_type: "agent" | "team" = "agent";
  session_id: string;
  agent_id?: string | null;
  team_id?: string | null;
  workflow_id?: string | null;
  user_id?: string | null;
  session_data: Record<string, unknown>;
  agent_data?: Record<string, unknown> | null;
  team_data?: Record<string, unknown> | null;
  metadata?: Record<string, unknown> | null;
  runs: RunOutput[];
  summary?: SessionSummaryRecord | null;
  created_at: number;
  updated_at?: number | null;

  constructor(
    record: Omit<SessionRecord, "session_type"> & { session_type?: SessionRecord["session_type"] },
  ) {
    this.session_id = record.session_id;
    this.agent_id = record.agent_id ?? null;
    this.team_id = record.team_id ?? null;
    this.workflow_id = record.workflow_id ?? null;
    this.user_id = record.user_id ?? null;
    this.session_data = { ...(record.session_data ?? {}) };
    this.agent_data = record.agent_data ?? null;
    this.team_data = record.team_data ?? null;
    this.metadata = record.metadata ?? null;
    // A team's own runs are team outputs; its members' (and an agent's) runs are run outputs.
    this.runs = (record.runs ?? []).map((r) =>
      record.session_type === "team" && r.team_id && !r.agent_id
        ? TeamRunOutput.fromDict(r)
        : RunOutput.fromDict(r),
    );
    this.summary = record.summary ?? null;
    this.created_at = record.created_at;
    this.updated_at = record.updated_at ?? null;
  }

  /** The session name, if any. */
  get sessionName(): string | undefined {
    const name = this.session_data.session_name;
    return typeof name === "string" ? name : undefined;
  }

  /** The stored session state. */
  get sessionState(): Record<string, unknown> {
    return (this.session_data.session_state as Record<string, unknown> | undefined) ?? {};
  }

  /** Adds a run, or replaces the run with the same id. */
  upsertRun(run: RunOutput): void {
    const index = this.runs.findIndex((r) => r.run_id === run.run_id);
    if (index >= 0) this.runs[index] = run;
    else this.runs.push(run);
  }

  /** A run by id. */
  getRun(runId: string): RunOutput | undefined {
    return this.runs.find((r) => r.run_id === runId);
  }

  /** The session summary. */
  getSessionSummary(): SessionSummaryRecord | null {
    return this.summary ?? null;
  }

  /** The messages of the session's runs that fit the filters, oldest first. */
  getMessages(options: GetMessagesOptions = {}): Message[] {
    const skipStatuses = new Set<string>(options.skipStatuses ?? DEFAULT_SKIPPED_STATUSES);
    const skipRoles = new Set(options.skipRoles ?? []);
    let runs = this.runs.filter(
      (r) =>
        !r.parent_run_id &&
        !skipStatuses.has(r.status) &&
        (options.agentId === undefined || r.agent_id === options.agentId) &&
        (options.teamId === undefined || (r as { team_id?: string }).team_id === options.teamId),
    );
    if (options.lastNRuns !== undefined)
      runs = options.lastNRuns > 0 ? runs.slice(-options.lastNRuns) : [];
    const skipHistory = options.skipHistoryMessages ?? true;
    let messages: Message[] = [];
    let systemSeen = false;
    for (const run of runs) {
      for (const message of run.messages ?? []) {
        if (skipHistory && message.from_history) continue;
        if (skipRoles.has(message.role)) continue;
        if (message.role === "system") {
          // One system message at most: the first one found.
          if (systemSeen) continue;
          systemSeen = true;
        }
        messages.push(message);
      }
    }
    if (options.limit !== undefined) {
      const system = messages.filter((m) => m.role === "system");
      const rest = messages.filter((m) => m.role !== "system");
      messages = [...system, ...(options.limit > 0 ? rest.slice(-options.limit) : [])];
      // Never start the window on a tool result whose call was cut off.
      while (messages.length > system.length && messages[system.length]?.role === "tool")
        messages.splice(system.length, 1);
    }
    return messages;
  }

  /** The user and assistant messages of the session (no system or tool messages). */
  getChatHistory(options: { lastNRuns?: number } = {}): Message[] {
    return this.getMessages({ ...options, skipRoles: ["system", "tool"] }).filter(
      (m) => m.role === "user" || (m.role === "assistant" && m.content !== null),
    );
  }

  /** The stored row. */
  toRecord(): SessionRecord {
    return {
      session_id: this.session_id,
      session_type: this.session_type,
      agent_id: this.agent_id ?? null,
      team_id: this.team_id ?? null,
      workflow_id: this.workflow_id ?? null,
      user_id: this.user_id ?? null,
      session_data: this.session_data,
      agent_data: this.agent_data ?? null,
      team_data: this.team_data ?? null,
      metadata: this.metadata ?? null,
      runs: this.runs.map((r) => r.toDict()),
      summary: this.summary ?? null,
      created_at: this.created_at,
      updated_at: this.updated_at ?? null,
    };
  }

  toJSON(): SessionRecord {
    return this.toRecord();
  }
}

/**
 * A conversation with a team: the team's runs and, tagged with `parent_run_id`, its members' runs.
 * Member runs are left out of messages and history unless asked for.
 */
export class TeamSession extends AgentSession {
  override readonly session_type = "team" as const;
}

/** The session class of a session type. */
export function sessionFromRecord(record: SessionRecord): AgentSession {
  return record.session_type === "team" ? new TeamSession(record) : new AgentSession(record);
}
