import type { BaseDb } from "../db/base-db.js";
import { AgnoError, errorMarker } from "../errors.js";
import type { Message } from "../messages.js";
import type { Model } from "../models/model.js";
import { AGENT_KIND, type ComponentKind } from "../run/component-kind.js";
import type { RunOutput } from "../run/run-output.js";
import { type AgentSession, sessionFromRecord } from "../session/agent-session.js";
import { nowSeconds } from "../utils/ids.js";
import type { AgentOptions } from "./options.js";

/** A session that belongs to another user was addressed (HTTP 403). */
export class SessionAccessError extends AgnoError {
  static override readonly marker = errorMarker("SessionAccessError");
  constructor(sessionId: string) {
    super(`Session "${sessionId}" belongs to another user.`, {
      code: "session_access_denied",
      status: 403,
    });
    this.name = "SessionAccessError";
  }
}

/**
 * Loads an agent session. A session owned by another user is never returned: reading it throws
 * {@link SessionAccessError} when `strict`, else resolves to null.
 */
export async function loadAgentSession(
  db: BaseDb,
  sessionId: string,
  userId: string | undefined,
  strict: boolean,
  kind: ComponentKind = AGENT_KIND,
): Promise<AgentSession | null> {
  const record = await db.getSession(sessionId);
  if (!record) return null;
  if (record.user_id && userId !== undefined && record.user_id !== userId) {
    if (strict) throw new SessionAccessError(sessionId);
    return null;
  }
  if (record.session_type !== kind.type) return null;
  return sessionFromRecord(record);
}

/** History messages for a new run: from the session's earlier runs, tagged `from_history`. */
export function historyMessages(session: AgentSession, o: AgentOptions<any>): Message[] {
  const lastNRuns =
    o.numHistoryMessages !== undefined && o.numHistoryRuns === undefined
      ? undefined
      : (o.numHistoryRuns ?? 3);
  let messages = session.getMessages({
    ...(lastNRuns !== undefined ? { lastNRuns } : {}),
    ...(o.numHistoryMessages !== undefined ? { limit: o.numHistoryMessages } : {}),
    skipRoles: [o.systemMessageRole ?? "system"],
  });
  if (o.maxToolCallsFromHistory !== undefined)
    messages = limitToolCalls(messages, o.maxToolCallsFromHistory);
  return messages.map((m) => ({ ...m, from_history: true }));
}

/** Keeps only the last `max` tool calls (and their results) in a message list. */
function limitToolCalls(messages: Message[], max: number): Message[] {
  const callIds = messages.flatMap((m) => (m.tool_calls ?? []).map((c) => c.id));
  const keep = new Set(max > 0 ? callIds.slice(-max) : []);
  const out: Message[] = [];
  for (const m of messages) {
    if (m.role === "tool") {
      if (m.tool_call_id && keep.has(m.tool_call_id)) out.push(m);
      continue;
    }
    if (m.tool_calls?.length) {
      const calls = m.tool_calls.filter((c) => keep.has(c.id));
      if (calls.length === 0 && !m.content) continue;
      const copy: Message = { ...m };
      if (calls.length > 0) copy.tool_calls = calls;
      else delete copy.tool_calls;
      out.push(copy);
      continue;
    }
    out.push(m);
  }
  return out;
}

/** The run as stored: tool, history and media kept or dropped per the agent's options. */
export function storedRun(output: RunOutput<any>, o: AgentOptions<any>): Record<string, unknown> {
  const dict = output.toDict();
  let messages = (dict.messages as Message[] | undefined) ?? [];
  if (o.storeHistoryMessages === false) messages = messages.filter((m) => !m.from_history);
  if (o.storeToolMessages === false) {
    messages = messages
      .filter((m) => m.role !== "tool")
      .map((m) => {
        if (!m.tool_calls) return m;
        const { tool_calls: _t, ...rest } = m;
        return rest as Message;
      });
    delete dict.tools;
  }
  if (o.storeMedia === false) {
    messages = messages.map((m) => {
      const { images: _i, audio: _a, videos: _v, files: _f, ...rest } = m;
      return rest as Message;
    });
    const input = dict.input as Record<string, unknown> | undefined;
    if (input) dict.input = { input_content: input.input_content };
    for (const key of ["images", "videos", "audio", "files"]) delete dict[key];
  }
  if (messages.length > 0) dict.messages = messages;
  else delete dict.messages;
  return dict;
}

/** `agent_data` / `team_data` of the session row. */
export function componentData(
  kind: ComponentKind,
  id: string,
  name: string | undefined,
  model: Model | undefined,
): Record<string, unknown> {
  return {
    [kind.idKey]: id,
    ...(name !== undefined ? { name } : {}),
    ...(model ? { model: { id: model.id, name: model.name, provider: model.provider } } : {}),
  };
}

/** Persists one run into its session (atomically) and returns the saved session. */
export async function persistRun(
  db: BaseDb,
  args: {
    output: RunOutput<any>;
    options: AgentOptions<any>;
    agentId: string;
    agentName: string | undefined;
    model: Model | undefined;
    sessionState: Record<string, unknown>;
    sessionName?: string;
    kind?: ComponentKind;
  },
): Promise<AgentSession | null> {
  const kind = args.kind ?? AGENT_KIND;
  const { output } = args;
  const sessionData: Record<string, unknown> = { session_state: args.sessionState };
  if (args.sessionName !== undefined) sessionData.session_name = args.sessionName;
  const saved = await db.upsertSessionRun(
    {
      session_id: output.session_id ?? "",
      session_type: kind.type,
      [kind.idKey]: args.agentId,
      ...(output.user_id !== undefined ? { user_id: output.user_id } : {}),
      session_data: sessionData,
      [kind.dataKey]: componentData(kind, args.agentId, args.agentName, args.model),
      ...(args.options.metadata ? { metadata: args.options.metadata } : {}),
    },
    storedRun(output, args.options),
  );
  if (!saved) throw new SessionAccessError(output.session_id ?? "");
  return sessionFromRecord(saved);
}

/** A fresh, empty session (not yet stored). */
export function newSession(
  sessionId: string,
  id: string,
  userId: string | undefined,
  kind: ComponentKind = AGENT_KIND,
): AgentSession {
  return sessionFromRecord({
    session_id: sessionId,
    session_type: kind.type,
    [kind.idKey]: id,
    user_id: userId ?? null,
    created_at: nowSeconds(),
  });
}
