import type { BaseDb, KnowledgeContentRecord } from "@agno/core";
import type { DataRouterContext } from "../../data-context.js";
import type { AppContext } from "../../env.js";
import { httpError } from "../../errors.js";
import { RouteGroup } from "../../http/route-group.js";
import { QueryParams } from "./query-params.js";
import { compact, iso, NAMED_SORT_FIELDS, paginated, pickDb, SORT_ORDERS } from "./shared.js";

/** Message of the routes that need content ingestion (readers, chunkers, vector stores). */
export const INGESTION_UNAVAILABLE = "Knowledge ingestion is not available yet in this AgentOS";

const STATUSES = ["processing", "completed", "failed"] as const;

function status(value: unknown): (typeof STATUSES)[number] {
  if (typeof value !== "string") return "processing";
  const lower = value.toLowerCase();
  if ((STATUSES as readonly string[]).includes(lower)) return lower as (typeof STATUSES)[number];
  if (lower.includes("failed")) return "failed";
  if (lower.includes("completed")) return "completed";
  return "processing";
}

/** ContentResponseSchema. */
export function contentSchema(content: KnowledgeContentRecord): Record<string, unknown> {
  return compact({
    id: content.id,
    name: content.name,
    description: content.description,
    type: content.type,
    size: content.size ? String(content.size) : "0",
    metadata: content.metadata,
    status: status(content.status),
    status_message: content.status_message,
    created_at: iso(content.created_at),
    updated_at: iso(content.updated_at ?? content.created_at),
  });
}

/**
 * The contents database a knowledge request works on: `knowledge_id` names a database by id
 * (AgentOS keeps no other knowledge instances yet), else `db_id` as for every data route.
 */
function knowledgeDb(c: AppContext, ctx: DataRouterContext, knowledgeId?: string): BaseDb {
  const id = knowledgeId ?? c.req.query("knowledge_id");
  if (id !== undefined && !c.req.query("db_id")) {
    const db = ctx.dbs.get(id);
    if (!db) throw httpError(404, `Knowledge base '${id}' not found`);
    return db;
  }
  return pickDb(c, ctx);
}

/**
 * Knowledge router: listing, reading, patching and deleting stored contents. Uploads, remote
 * content and search need ingestion, which this AgentOS does not have yet: they answer 501.
 */
export function knowledgeRoutes(ctx: DataRouterContext): RouteGroup {
  const routes = new RouteGroup();
  const unavailable = () => {
    throw httpError(501, INGESTION_UNAVAILABLE);
  };

  routes.post("/knowledge/content", unavailable);
  routes.post("/knowledge/remote-content", unavailable);
  routes.post("/knowledge/search", unavailable);

  routes.get("/knowledge/content", async (c) => {
    const startedAt = performance.now();
    const q = new QueryParams(c);
    const limit = q.pageSize();
    const page = q.page();
    const sortBy = q.sortBy(NAMED_SORT_FIELDS, "created_at");
    const sortOrder = q.enumOf("sort_order", SORT_ORDERS, "desc");
    q.done();
    const db = knowledgeDb(c, ctx);
    const { items, total } = await db.getKnowledgeContents({
      limit,
      page,
      sortBy,
      sortOrder,
    });
    return c.json(paginated(items.map(contentSchema), { page, limit, total, startedAt }));
  });

  routes.get("/knowledge/content/:content_id", async (c) => {
    const id = c.req.param("content_id");
    const content = await knowledgeDb(c, ctx).getKnowledgeContent(id);
    if (!content) throw httpError(404, `Content not found: ${id}`);
    return c.json(contentSchema(content));
  });

  routes.get("/knowledge/content/:content_id/status", async (c) => {
    const id = c.req.param("content_id");
    const content = await knowledgeDb(c, ctx).getKnowledgeContent(id);
    if (!content) return c.json({ id, status: "failed", status_message: "Content not found" });
    return c.json({
      id,
      status: status(content.status),
      status_message: content.status_message ?? "",
    });
  });

  routes.patch("/knowledge/content/:content_id", async (c) => {
    const id = c.req.param("content_id");
    const db = knowledgeDb(c, ctx);
    const form = await c.req.parseBody().catch(() => {
      throw httpError(400, "The body must be form data (multipart/form-data or urlencoded)");
    });
    const field = (name: string): string | undefined => {
      const v = form[name];
      return typeof v === "string" && v.trim() !== "" ? v : undefined;
    };
    let metadata: Record<string, unknown> | undefined;
    const rawMetadata = field("metadata");
    if (rawMetadata !== undefined) {
      try {
        metadata = JSON.parse(rawMetadata);
      } catch {
        throw httpError(400, "Invalid JSON format for metadata");
      }
    }
    const name = field("name");
    const description = field("description");
    if (name !== undefined && name.length > 255)
      throw httpError(422, "name must be at most 255 characters");
    if (description !== undefined && description.length > 1000)
      throw httpError(422, "description must be at most 1000 characters");
    const readerId = field("reader_id");
    if (readerId !== undefined) throw httpError(400, `Invalid reader_id: ${readerId}`);
    const existing = await db.getKnowledgeContent(id);
    if (!existing) throw httpError(404, `Content not found: ${id}`);
    const saved = await db.upsertKnowledgeContent({
      ...existing,
      ...(name !== undefined ? { name } : {}),
      ...(description !== undefined ? { description } : {}),
      ...(metadata !== undefined ? { metadata } : {}),
    });
    return c.json(contentSchema(saved));
  });

  routes.delete("/knowledge/content/:content_id", async (c) => {
    const id = c.req.param("content_id");
    await knowledgeDb(c, ctx).deleteKnowledgeContent(id);
    return c.json({ id });
  });

  routes.delete("/knowledge/content", async (c) => {
    const db = knowledgeDb(c, ctx);
    const { items } = await db.getKnowledgeContents();
    for (const item of items) await db.deleteKnowledgeContent(item.id);
    return c.json("success");
  });

  routes.get("/knowledge/config", (c) => {
    knowledgeDb(c, ctx);
    return c.json({
      readers: {},
      readersForType: {},
      chunkers: {},
      filters: [],
      vector_dbs: [],
    });
  });

  routes.get("/knowledge/:knowledge_id/sources", (c) => {
    knowledgeDb(c, ctx, c.req.param("knowledge_id"));
    return c.json([]);
  });

  routes.get("/knowledge/:knowledge_id/sources/:source_id/files", (c) => {
    knowledgeDb(c, ctx, c.req.param("knowledge_id"));
    throw httpError(404, `Content source not found: ${c.req.param("source_id")}`);
  });

  return routes;
}
