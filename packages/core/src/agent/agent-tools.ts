import { ConfigurationError } from "../errors.js";
import type { MemoryManager } from "../memory/memory-manager.js";
import type { ComponentKind } from "../run/component-kind.js";
import type { JsonSchema } from "../tools/schema.js";
import { Tool, tool, toolFromFunction } from "../tools/tool.js";
import { Toolkit } from "../tools/toolkit.js";
import { historyTools } from "./history-tools.js";
import type { AgentOptions, ToolLike } from "./options.js";

/** What resolving an agent's tools needs. */
export interface AgentToolsInput {
  /** `Agent "Support"`: for messages. */
  label: string;
  configured: readonly ToolLike[];
  /** The kind's own tools (a team's delegation tools). */
  builtin: Tool[];
  options: AgentOptions<any>;
  agentId: () => string;
  memoryManager: () => MemoryManager;
  kind: ComponentKind;
}

/**
 * The agent's tools as one flat list: `tool()`s, toolkits' tools, named functions, raw OpenAI
 * function definitions (run externally), the kind's own, and the tools its options turn on
 * (agentic state and memory, history). Unsupported entries and duplicate names fail at once.
 */
export function resolveAgentTools(input: AgentToolsInput): { tools: Tool[]; toolkits: Toolkit[] } {
  const { label, options } = input;
  const tools: Tool[] = [];
  const toolkits: Toolkit[] = [];
  for (const t of input.configured) {
    if (t instanceof Tool) tools.push(t);
    else if (t instanceof Toolkit) {
      toolkits.push(t);
      tools.push(...t.tools);
    } else if (typeof t === "function") tools.push(toolFromFunction(t));
    else if (t && typeof t === "object" && (t as { type?: unknown }).type === "function") {
      const def = (
        t as { function: { name: string; description?: string; parameters?: JsonSchema } }
      ).function;
      tools.push(
        new Tool({
          name: def.name,
          ...(def.description !== undefined ? { description: def.description } : {}),
          inputSchema: def.parameters ?? { type: "object", properties: {} },
          externalExecution: true,
        }),
      );
    } else {
      throw new ConfigurationError(
        `${label}: unsupported tool ${JSON.stringify(t)}. Use tool({...}), a Toolkit or a named function.`,
      );
    }
  }
  tools.push(...input.builtin);
  if (options.enableAgenticState) tools.push(sessionStateTool());
  if (options.enableAgenticMemory && options.db) tools.push(memoryTool(input.memoryManager));
  tools.push(...historyTools(input.agentId, options, input.kind));
  const seen = new Set<string>();
  for (const t of tools) {
    if (seen.has(t.name)) {
      throw new ConfigurationError(
        `${label} has two tools named "${t.name}". Tool names must be unique.`,
      );
    }
    seen.add(t.name);
  }
  return { tools, toolkits };
}

/** The `update_user_memory` tool given by `enableAgenticMemory`. */
function memoryTool(manager: () => MemoryManager): Tool {
  return tool({
    name: "update_user_memory",
    description:
      "Add, change or forget memories about the user. Describe the task in plain words, e.g. 'Remember that the user moved to Lyon' or 'Forget the user's phone number'.",
    inputSchema: {
      type: "object",
      properties: { task: { type: "string", description: "What to remember, change or forget." } },
      required: ["task"],
    },
    execute: (args: Record<string, any>, ctx) =>
      manager().updateMemoryTask({
        task: String(args.task),
        ...(ctx.userId ? { userId: ctx.userId } : {}),
      }),
  });
}

/** The `update_session_state` tool given by `enableAgenticState`. */
function sessionStateTool(): Tool {
  return tool({
    name: "update_session_state",
    description:
      "Update the session state. Pass the keys to set and their new values as session_state_updates; other keys are kept.",
    inputSchema: {
      type: "object",
      properties: {
        session_state_updates: {
          type: "object",
          description: "Keys and values to set.",
          additionalProperties: true,
        },
      },
      required: ["session_state_updates"],
    },
    execute: (args: Record<string, any>, ctx) => {
      const updates = args.session_state_updates;
      if (!updates || typeof updates !== "object" || Array.isArray(updates)) {
        return "Error: session_state_updates must be an object.";
      }
      Object.assign(ctx.sessionState, updates);
      return `Updated session state: ${JSON.stringify(ctx.sessionState)}`;
    },
  });
}
