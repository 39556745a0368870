import { z } from "zod";
import type { BaseDb } from "../db/base-db.js";
import type { UserMemory } from "../db/types.js";
import { ConfigurationError } from "../errors.js";
import type { Message } from "../messages.js";
import type { Model } from "../models/model.js";
import { resolveModel } from "../models/resolve.js";
import { tool } from "../tools/tool.js";
import { nowSeconds, uuid } from "../utils/ids.js";
import {
  type MemoryOptimizationStrategy,
  type MemoryOptimizationStrategyType,
  strategyOf,
} from "./optimization.js";
import { runToolLoop, structuredCall } from "./tool-loop.js";

/** Options of {@link MemoryManager}. */
export interface MemoryManagerOptions {
  /** Model that decides what to remember (defaults to the agent's model when used by an agent). */
  model?: Model | string;
  /** Replaces the whole system message of the memory model. */
  systemMessage?: string;
  /** What is worth remembering. */
  memoryCaptureInstructions?: string;
  /** Added at the end of the system message. */
  additionalInstructions?: string;
  /** Where memories live (defaults to the agent's db). */
  db?: BaseDb;
  /** @default false */
  debugMode?: boolean;
}

/** A memory to add or replace. */
export interface UserMemoryInput {
  memory: string;
  topics?: string[];
  input?: string;
  agent_id?: string;
  team_id?: string;
}

const DEFAULT_CAPTURE =
  "Remember facts about the user that will help in future conversations: personal details, preferences, goals, plans, " +
  "constraints and important events. Do not remember small talk, questions without personal content, or information about other people.";

const DEFAULT_USER = "default";

/**
 * Manages long-term memories about users: CRUD on the db, and a model that turns conversations
 * or tasks into memory changes through tools (add, update, delete, clear).
 */
export class MemoryManager {
  readonly options: MemoryManagerOptions;
  db: BaseDb | undefined;
  #model: Model | undefined;

  constructor(options: MemoryManagerOptions = {}) {
    this.options = options;
    this.db = options.db;
  }

  /** Fills in the db and model from an agent when they were not given. */
  withDefaults(db: BaseDb | undefined, model: Model | undefined): this {
    this.db ??= db;
    if (!this.options.model && !this.#model) this.#model = model;
    return this;
  }

  private requireDb(): BaseDb {
    if (!this.db)
      throw new ConfigurationError(
        "MemoryManager needs a db: pass { db } (or give the agent one).",
      );
    return this.db;
  }

  private async model(): Promise<Model> {
    if (this.#model) return this.#model;
    if (!this.options.model)
      throw new ConfigurationError(
        "MemoryManager needs a model: pass { model } (or give the agent one).",
      );
    this.#model = await resolveModel(this.options.model);
    return this.#model;
  }

  /**
   * Makes the user's memories smaller with `strategy` (default `"summarize"`: one memory that
   * says what all of them said). With `apply` (default true) the user's memories are replaced by
   * the optimized ones; otherwise nothing is stored (a preview). Returns the optimized memories.
   */
  async optimizeMemories(
    options: {
      userId?: string;
      strategy?: MemoryOptimizationStrategyType | MemoryOptimizationStrategy;
      apply?: boolean;
    } = {},
  ): Promise<UserMemory[]> {
    const userId = options.userId ?? DEFAULT_USER;
    const memories = await this.getUserMemories(userId);
    if (memories.length === 0) return [];
    const optimized = await strategyOf(options.strategy ?? "summarize").optimize(
      memories,
      await this.model(),
    );
    if (options.apply ?? true) {
      const db = this.requireDb();
      await db.deleteUserMemories(
        memories.map((m) => m.memory_id),
        { userId },
      );
      for (const memory of optimized) await db.upsertUserMemory({ ...memory, user_id: userId });
    }
    return optimized;
  }

  /** Prepares the manager (nothing to load: memories are read on demand). */
  async initialize(_userId?: string): Promise<void> {}

  /** Every memory of the user, newest first, keyed by user id. */
  async readFromDb(userId?: string): Promise<Record<string, UserMemory[]>> {
    const id = userId ?? DEFAULT_USER;
    return { [id]: await this.getUserMemories(id) };
  }

  async getUserMemories(userId?: string): Promise<UserMemory[]> {
    return (
      await this.requireDb().getUserMemories({
        userId: userId ?? DEFAULT_USER,
        sortBy: "updated_at",
        sortOrder: "desc",
      })
    ).items;
  }

  async getUserMemory(memoryId: string, userId?: string): Promise<UserMemory | null> {
    return this.requireDb().getUserMemory(memoryId, { userId: userId ?? DEFAULT_USER });
  }

  /** Adds a memory and returns its id. */
  async addUserMemory(memory: UserMemoryInput, userId?: string): Promise<string> {
    const saved = await this.requireDb().upsertUserMemory({
      memory_id: uuid(),
      memory: memory.memory,
      topics: memory.topics ?? [],
      user_id: userId ?? DEFAULT_USER,
      created_at: nowSeconds(),
      ...(memory.input !== undefined ? { input: memory.input } : {}),
      ...(memory.agent_id !== undefined ? { agent_id: memory.agent_id } : {}),
      ...(memory.team_id !== undefined ? { team_id: memory.team_id } : {}),
    });
    return saved.memory_id;
  }

  /** Replaces a memory's content and returns its id. */
  async replaceUserMemory(
    memoryId: string,
    memory: UserMemoryInput,
    userId?: string,
  ): Promise<string> {
    const existing = await this.getUserMemory(memoryId, userId);
    if (!existing)
      throw new ConfigurationError(
        `Memory "${memoryId}" does not exist for user "${userId ?? DEFAULT_USER}".`,
      );
    await this.requireDb().upsertUserMemory({
      ...existing,
      memory: memory.memory,
      topics: memory.topics ?? existing.topics ?? [],
    });
    return memoryId;
  }

  async deleteUserMemory(memoryId: string, userId?: string): Promise<void> {
    await this.requireDb().deleteUserMemory(memoryId, { userId: userId ?? DEFAULT_USER });
  }

  /** Deletes every memory in the db. */
  async clear(): Promise<void> {
    await this.requireDb().clearMemories();
  }

  /**
   * Memories for a query: the most recent (`last_n`, default), the oldest (`first_n`), or the ones
   * the model finds relevant to `query` (`agentic`).
   */
  async searchUserMemories(
    options: {
      query?: string;
      limit?: number;
      retrievalMethod?: "last_n" | "first_n" | "agentic";
      userId?: string;
    } = {},
  ): Promise<UserMemory[]> {
    const memories = await this.getUserMemories(options.userId);
    const method = options.retrievalMethod ?? "last_n";
    const limit = options.limit ?? memories.length;
    if (method === "first_n") return [...memories].reverse().slice(0, limit);
    if (method === "last_n" || !options.query) return memories.slice(0, limit);
    const picked = await structuredCall(
      await this.model(),
      "Pick the memories relevant to the user's query. Answer with the ids of the relevant memories only.\n<memories>\n" +
        memories.map((m) => `${m.memory_id}: ${m.memory}`).join("\n") +
        "\n</memories>",
      options.query,
      z.object({ memory_ids: z.array(z.string()) }),
    );
    const ids = new Set((picked as { memory_ids?: string[] } | null)?.memory_ids ?? []);
    return memories.filter((m) => ids.has(m.memory_id)).slice(0, limit);
  }

  /** Lets the model add, update or delete memories based on a message or messages. Returns the model's answer. */
  async createUserMemories(
    options: {
      message?: string;
      messages?: Message[];
      agentId?: string;
      teamId?: string;
      userId?: string;
    } = {},
  ): Promise<string> {
    const text =
      options.message ??
      (options.messages ?? [])
        .filter((m) => m.role === "user" && m.content)
        .map((m) => m.content)
        .join("\n");
    if (!text.trim()) return "No new memories: the message was empty.";
    return this.runMemoryModel(text, options);
  }

  /** Carries out a memory task ("forget my address", "remember I moved to Lyon"). Returns the model's answer. */
  async updateMemoryTask(options: { task: string; userId?: string }): Promise<string> {
    return this.runMemoryModel(options.task, {
      ...(options.userId !== undefined ? { userId: options.userId } : {}),
    });
  }

  private async runMemoryModel(
    input: string,
    options: { agentId?: string; teamId?: string; userId?: string },
  ): Promise<string> {
    const userId = options.userId ?? DEFAULT_USER;
    const existing = await this.getUserMemories(userId);
    const owner = {
      ...(options.agentId !== undefined ? { agent_id: options.agentId } : {}),
      ...(options.teamId !== undefined ? { team_id: options.teamId } : {}),
    };
    const tools = [
      tool({
        name: "add_memory",
        description: "Store a new memory about the user.",
        inputSchema: z.object({
          memory: z.string().min(1),
          topics: z.array(z.string()).optional(),
        }),
        execute: async ({ memory, topics }) => {
          const id = await this.addUserMemory(
            { memory, ...(topics ? { topics } : {}), input, ...owner },
            userId,
          );
          return `Memory added: ${id}`;
        },
      }),
      tool({
        name: "update_memory",
        description: "Replace an existing memory, by id.",
        inputSchema: z.object({
          memory_id: z.string(),
          memory: z.string().min(1),
          topics: z.array(z.string()).optional(),
        }),
        execute: async ({ memory_id, memory, topics }) => {
          if (!(await this.getUserMemory(memory_id, userId)))
            return `Error: no memory with id ${memory_id}.`;
          await this.replaceUserMemory(
            memory_id,
            { memory, ...(topics ? { topics } : {}) },
            userId,
          );
          return `Memory updated: ${memory_id}`;
        },
      }),
      tool({
        name: "delete_memory",
        description: "Delete a memory, by id.",
        inputSchema: z.object({ memory_id: z.string() }),
        execute: async ({ memory_id }) => {
          if (!(await this.getUserMemory(memory_id, userId)))
            return `Error: no memory with id ${memory_id}.`;
          await this.deleteUserMemory(memory_id, userId);
          return `Memory deleted: ${memory_id}`;
        },
      }),
      tool({
        name: "clear_memory",
        description: "Delete every memory of the user.",
        execute: async () => {
          const ids = (await this.getUserMemories(userId)).map((m) => m.memory_id);
          await this.requireDb().deleteUserMemories(ids, { userId });
          return "All memories deleted.";
        },
      }),
    ];
    return runToolLoop(await this.model(), this.systemMessage(existing), input, tools);
  }

  private systemMessage(existing: UserMemory[]): string {
    if (this.options.systemMessage) return this.options.systemMessage;
    let text =
      "You manage long-term memories about a user. Read the user's message and decide what to remember.\n" +
      "Use add_memory for new facts, update_memory when a fact changed, delete_memory for facts that are no longer true, " +
      "and clear_memory only when asked to forget everything. If nothing is worth remembering, call no tool.\n\n" +
      `<memory_capture_instructions>\n${this.options.memoryCaptureInstructions ?? DEFAULT_CAPTURE}\n</memory_capture_instructions>`;
    if (existing.length > 0) {
      text += `\n\n<existing_memories>\n${existing.map((m) => `- ${m.memory_id}: ${m.memory}`).join("\n")}\n</existing_memories>`;
    }
    if (this.options.additionalInstructions) text += `\n\n${this.options.additionalInstructions}`;
    return text;
  }
}
