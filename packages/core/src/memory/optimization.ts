import type { UserMemory } from "../db/types.js";
import { ConfigurationError } from "../errors.js";
import { createMessage } from "../messages.js";
import type { Model } from "../models/model.js";
import { nowSeconds, uuid } from "../utils/ids.js";

/** An estimate of a text's tokens: about four characters a token, as common tokenizers average. */
export function countTextTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** A way to make a user's memories smaller without losing what they say. */
export interface MemoryOptimizationStrategy {
  /** The optimized memories (new ones; the originals are left as they are). */
  optimize(memories: UserMemory[], model: Model): Promise<UserMemory[]>;
  /** The memories' size in tokens. */
  countTokens(memories: UserMemory[]): number;
}

/** The built-in strategies, by name. */
export type MemoryOptimizationStrategyType = "summarize";

const SUMMARIZE_PROMPT = [
  "You compress what is known about a user. Summarize the memories below into one summary.",
  "Keep every fact; merge the ones that repeat; write in the third person; add nothing that the",
  "memories do not say. Answer with the summary only.",
].join("\n");

/**
 * All of a user's memories summarized into one: topics merged, the agent and team kept when all
 * the memories share them.
 */
export class SummarizeStrategy implements MemoryOptimizationStrategy {
  countTokens(memories: UserMemory[]): number {
    return memories.reduce((sum, m) => sum + countTextTokens(m.memory ?? ""), 0);
  }

  async optimize(memories: UserMemory[], model: Model): Promise<UserMemory[]> {
    const first = memories[0];
    if (!first) return [];
    const texts = memories.map((m) => m.memory).filter((t) => !!t);
    const numbered = texts.map((t, i) => `Memory ${i + 1}: ${t}`).join("\n\n");
    const response = await model.response({
      messages: [
        createMessage({ role: "system", content: SUMMARIZE_PROMPT }),
        createMessage({ role: "user", content: `Summarize these memories:\n\n${numbered}` }),
      ],
    });
    const topics = [...new Set(memories.flatMap((m) => m.topics ?? []))];
    const only = (values: Array<string | null | undefined>) => {
      const set = new Set(values.filter((v): v is string => !!v));
      return set.size === 1 ? [...set][0] : undefined;
    };
    const agentId = only(memories.map((m) => m.agent_id));
    const teamId = only(memories.map((m) => m.team_id));
    const now = nowSeconds();
    return [
      {
        memory_id: uuid(),
        memory: (response.content ?? texts.join(" ")).trim(),
        ...(topics.length > 0 ? { topics } : {}),
        user_id: first.user_id ?? null,
        ...(agentId ? { agent_id: agentId } : {}),
        ...(teamId ? { team_id: teamId } : {}),
        created_at: now,
        updated_at: now,
      },
    ];
  }
}

/** The strategy of a name, or the strategy given. */
export function strategyOf(
  strategy: MemoryOptimizationStrategyType | MemoryOptimizationStrategy,
): MemoryOptimizationStrategy {
  if (typeof strategy !== "string") return strategy;
  if (strategy === "summarize") return new SummarizeStrategy();
  throw new ConfigurationError(
    `Unknown memory optimization strategy "${String(strategy)}". Use "summarize" or a MemoryOptimizationStrategy.`,
  );
}
