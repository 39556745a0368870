import { randomUUID } from "node:crypto";
import {
  MemoryManager,
  type Model,
  resolveModel,
  SummarizeStrategy,
  type UserMemory,
} from "@agno/core";

/** The model memories are summarized with when the request names none (the reference's). */
const DEFAULT_OPTIMIZATION_MODEL = "openai:gpt-4o";

import type { DataRouterContext } from "../../data-context.js";
import { type AppContext, scopedUserId } from "../../env.js";
import { httpError } from "../../errors.js";
import { RouteGroup } from "../../http/route-group.js";
import { BodyFields } from "./body-fields.js";
import { QueryParams } from "./query-params.js";
import {
  asRecord,
  compact,
  effectiveUserId,
  iso,
  MEMORY_SORT_FIELDS,
  paginated,
  pickDb,
  SORT_ORDERS,
} from "./shared.js";

/** UserMemorySchema; null for an empty memory (left out of listings, as the reference does). */
export function memorySchema(memory: UserMemory): Record<string, unknown> | null {
  const raw: unknown = memory.memory;
  if (raw === "") return null;
  let text: string;
  const nested = asRecord(raw);
  if (nested) text = nested.memory != null ? String(nested.memory) : JSON.stringify(nested);
  else text = String(raw);
  return compact({
    memory_id: memory.memory_id,
    memory: text,
    topics: memory.topics ?? [],
    agent_id: memory.agent_id,
    team_id: memory.team_id,
    user_id: memory.user_id,
    updated_at: iso(memory.updated_at ?? memory.created_at),
  });
}

/** The `{memory, user_id?, topics?}` body of POST and PATCH. */
async function readMemoryBody(c: AppContext) {
  const body = await BodyFields.read(c, { required: true });
  const memory = body.str("memory", { required: true, minLength: 1, maxLength: 5000 });
  const userId = body.str("user_id");
  const topics = body.strList("topics");
  body.done();
  return { memory: memory as string, userId, topics };
}

/** Memory router: user memories, their topics and per-user statistics. */
export function memoryRoutes(ctx: DataRouterContext): RouteGroup {
  const routes = new RouteGroup();

  routes.post("/memories", async (c) => {
    const payload = await readMemoryBody(c);
    const db = pickDb(c, ctx);
    const userId = effectiveUserId(c, payload.userId);
    if (userId === undefined) throw httpError(400, "User ID is required");
    const saved = await db.upsertUserMemory({
      memory_id: randomUUID(),
      memory: payload.memory,
      topics: payload.topics ?? [],
      user_id: userId,
      created_at: Math.floor(Date.now() / 1000),
    });
    return c.json(memorySchema(saved));
  });

  routes.delete("/memories/:memory_id", async (c) => {
    const db = pickDb(c, ctx);
    const userId = effectiveUserId(c, c.req.query("user_id"));
    await db.deleteUserMemory(c.req.param("memory_id"), userId !== undefined ? { userId } : {});
    return c.body(null, 204);
  });

  routes.delete("/memories", async (c) => {
    const body = await BodyFields.read(c, { required: true });
    const ids = body.strList("memory_ids", { required: true, minItems: 1 });
    const requestedUser = body.str("user_id");
    body.done();
    const db = pickDb(c, ctx);
    const userId = effectiveUserId(c, requestedUser);
    await db.deleteUserMemories(ids ?? [], userId !== undefined ? { userId } : {});
    return c.body(null, 204);
  });

  routes.get("/memories", async (c) => {
    const startedAt = performance.now();
    const q = new QueryParams(c);
    const requestedUser = q.str("user_id");
    const agentId = q.str("agent_id");
    const teamId = q.str("team_id");
    const topics = q.list("topics");
    const search = q.str("search_content");
    const limit = q.pageSize();
    const page = q.page();
    const sortBy = q.sortBy(MEMORY_SORT_FIELDS, "updated_at");
    const sortOrder = q.enumOf("sort_order", SORT_ORDERS, "desc");
    q.done();
    const db = pickDb(c, ctx);
    const userId = effectiveUserId(c, requestedUser);
    const { items, total } = await db.getUserMemories({
      ...(userId !== undefined ? { userId } : {}),
      ...(agentId !== undefined ? { agentId } : {}),
      ...(teamId !== undefined ? { teamId } : {}),
      ...(topics ? { topics } : {}),
      ...(search ? { searchContent: search } : {}),
      limit,
      page,
      sortBy,
      sortOrder,
    });
    const data = items.map(memorySchema).filter((m) => m !== null);
    return c.json(paginated(data, { page, limit, total, startedAt }));
  });

  routes.get("/memories/:memory_id", async (c) => {
    const memoryId = c.req.param("memory_id");
    const db = pickDb(c, ctx);
    const userId = effectiveUserId(c, c.req.query("user_id"));
    const memory = await db.getUserMemory(memoryId, userId !== undefined ? { userId } : {});
    const schema = memory ? memorySchema(memory) : null;
    if (!schema) throw httpError(404, `Memory with ID ${memoryId} not found`);
    return c.json(schema);
  });

  routes.get("/memory_topics", async (c) => {
    const db = pickDb(c, ctx);
    const userId = effectiveUserId(c, c.req.query("user_id"));
    return c.json(await db.getAllMemoryTopics(userId !== undefined ? { userId } : {}));
  });

  routes.patch("/memories/:memory_id", async (c) => {
    const memoryId = c.req.param("memory_id");
    const payload = await readMemoryBody(c);
    const db = pickDb(c, ctx);
    const scoped = scopedUserId(c);
    const existing = await db.getUserMemory(
      memoryId,
      scoped !== undefined ? { userId: scoped } : {},
    );
    if (!existing)
      throw httpError(
        404,
        scoped !== undefined ? "Memory not found" : `Memory with ID ${memoryId} not found`,
      );
    const userId = scoped ?? payload.userId ?? existing.user_id ?? undefined;
    if (userId === undefined) throw httpError(400, "User ID is required");
    const saved = await db.upsertUserMemory({
      ...existing,
      memory: payload.memory,
      topics: payload.topics ?? existing.topics ?? [],
      user_id: userId,
    });
    return c.json(memorySchema(saved));
  });

  routes.get("/user_memory_stats", async (c) => {
    const startedAt = performance.now();
    const q = new QueryParams(c);
    const limit = q.pageSize();
    const page = q.page();
    const requestedUser = q.str("user_id");
    q.done();
    const db = pickDb(c, ctx);
    const userId = effectiveUserId(c, requestedUser);
    const { items, total } = await db.getUserMemoryStats({
      limit,
      page,
      ...(userId !== undefined ? { userId } : {}),
    });
    const data = items.map((s) =>
      compact({
        user_id: String(s.user_id),
        total_memories: s.total_memories,
        last_memory_updated_at: iso(s.last_memory_updated_at),
      }),
    );
    return c.json(paginated(data, { page, limit, total, startedAt }));
  });

  routes.add(
    {
      method: "POST",
      path: "/optimize-memories",
      tag: "Memory",
      summary: "Optimize user memories",
      description:
        "Summarizes the user's memories into one with a model (`model`, default `openai:gpt-4o`); `apply: false` previews without storing.",
      operationId: "optimize_memories",
      json: {
        type: "object",
        properties: {
          user_id: { type: "string" },
          model: { type: "string", description: "provider:model_id" },
          apply: { type: "boolean", default: true },
        },
        required: ["user_id"],
      },
      responses: { 200: "The optimized memories and the savings", 404: "No memories for the user" },
    },
    async (c) => {
      const body = await BodyFields.read(c, { required: true });
      const requested = body.str("user_id", { required: true });
      const modelName = body.str("model");
      const apply = body.bool("apply", true);
      body.done();
      const db = pickDb(c, ctx);
      const userId = effectiveUserId(c, requested) ?? "";
      let model: Model;
      try {
        model = await resolveModel(modelName || DEFAULT_OPTIMIZATION_MODEL);
      } catch (error) {
        throw httpError(400, (error as Error).message);
      }
      const manager = new MemoryManager({ db, model });
      const before = await manager.getUserMemories(userId);
      if (before.length === 0) throw httpError(404, `No memories found for user ${userId}`);
      const strategy = new SummarizeStrategy();
      const optimized = await manager.optimizeMemories({ userId, strategy, apply });
      const tokensBefore = strategy.countTokens(before);
      const tokensAfter = strategy.countTokens(optimized);
      const saved = tokensBefore - tokensAfter;
      return c.json({
        memories: optimized.map(memorySchema).filter((m) => m !== null),
        memories_before: before.length,
        memories_after: optimized.length,
        tokens_before: tokensBefore,
        tokens_after: tokensAfter,
        tokens_saved: saved,
        reduction_percentage: tokensBefore > 0 ? (saved / tokensBefore) * 100 : 0,
      });
    },
  );

  return routes;
}
