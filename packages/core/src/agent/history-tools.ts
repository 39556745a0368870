import { z } from "zod";
import type { BaseDb } from "../db/base-db.js";
import { AGENT_KIND, type ComponentKind } from "../run/component-kind.js";
import { type Tool, tool } from "../tools/tool.js";
import type { AgentOptions } from "./options.js";
import { loadAgentSession } from "./storage.js";

/** The storage tools an agent's options ask for: chat history, tool-call history, past sessions. */
export function historyTools(
  agentId: () => string,
  o: AgentOptions<any>,
  kind: ComponentKind = AGENT_KIND,
): Tool[] {
  const db = o.db as BaseDb | undefined;
  if (!db) return [];
  const tools: Tool[] = [];
  if (o.readChatHistory) {
    tools.push(
      tool({
        name: "get_chat_history",
        description:
          "Read the chat history of this conversation (earlier user and assistant messages), oldest first. Use num_chats to get only the last N messages.",
        inputSchema: z.object({ num_chats: z.number().int().positive().optional() }),
        execute: async ({ num_chats }, ctx) => {
          const session = await loadAgentSession(
            db,
            ctx.sessionId,
            ctx.userId ?? undefined,
            false,
            kind,
          );
          const history = (session?.getChatHistory() ?? []).map((m) => ({
            role: m.role,
            content: m.content,
          }));
          return JSON.stringify(num_chats ? history.slice(-num_chats) : history);
        },
      }),
    );
  }
  if (o.readToolCallHistory) {
    tools.push(
      tool({
        name: "get_tool_call_history",
        description:
          "Read the tool calls made earlier in this conversation, most recent first. Use num_calls to get only the last N.",
        inputSchema: z.object({ num_calls: z.number().int().positive().optional() }),
        execute: async ({ num_calls }, ctx) => {
          const session = await loadAgentSession(
            db,
            ctx.sessionId,
            ctx.userId ?? undefined,
            false,
            kind,
          );
          const calls = (session?.runs ?? []).flatMap((r) => r.tools ?? []).reverse();
          const list = calls.map((t) => ({
            tool_name: t.tool_name,
            tool_args: t.tool_args,
            result: t.result,
          }));
          return JSON.stringify(num_calls ? list.slice(0, num_calls) : list);
        },
      }),
    );
  }
  if (o.searchSessionHistory) {
    tools.push(
      tool({
        name: "get_previous_session_messages",
        description:
          "Read the user and assistant messages of this user's previous sessions with you, to recall earlier conversations.",
        inputSchema: z.object({ num_sessions: z.number().int().positive().optional() }),
        execute: async ({ num_sessions }, ctx) => {
          const limit = num_sessions ?? o.numHistorySessions ?? 2;
          const { items } = await db.getSessions({
            sessionType: kind.type,
            componentId: agentId(),
            ...(ctx.userId ? { userId: ctx.userId } : {}),
            sortBy: "created_at",
            sortOrder: "desc",
            limit: limit + 1,
          });
          const previous = items.filter((s) => s.session_id !== ctx.sessionId).slice(0, limit);
          const out = previous.map((s) => ({
            session_id: s.session_id,
            messages: (s.runs ?? []).flatMap((r) =>
              (
                (r.messages as
                  | Array<{ role: string; content: unknown; from_history?: boolean }>
                  | undefined) ?? []
              )
                .filter(
                  (m) =>
                    (m.role === "user" || m.role === "assistant") && m.content && !m.from_history,
                )
                .map((m) => ({ role: m.role, content: m.content })),
            ),
          }));
          return JSON.stringify(out);
        },
      }),
    );
  }
  return tools;
}
