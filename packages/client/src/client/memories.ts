import type { ListMemoriesOptions, MemoryInput, MemoryLookupOptions } from "../client-options.js";
import { type QueryParams, seg, type Transport } from "../transport.js";
import type { PaginatedResponse, UserMemory, UserMemoryStats } from "../wire/responses.js";
import { type Dict, dbQuery, getJson, pageQuery, sendJson, stripUndefined } from "./request.js";

function memoryBody(options: MemoryInput): Dict {
  return stripUndefined({
    memory: options.memory,
    user_id: options.userId,
    topics: options.topics,
  });
}

function userQuery(options: MemoryLookupOptions): QueryParams {
  return { ...dbQuery(options), user_id: options.userId };
}

const memoryPath = (memoryId: string) => `/memories/${seg(memoryId)}`;

/** `POST /memories`: stores a memory for a user. */
export function createMemory(http: Transport, options: MemoryInput): Promise<UserMemory> {
  return sendJson(http, "POST", "/memories", memoryBody(options), dbQuery(options), options);
}

/** `GET /memories/{id}`. */
export function getMemory(
  http: Transport,
  memoryId: string,
  options: MemoryLookupOptions,
): Promise<UserMemory> {
  return getJson(http, memoryPath(memoryId), userQuery(options), options);
}

/** `GET /memories`: memories filtered by user, agent, team, topics or text, one page at a time. */
export function listMemories(
  http: Transport,
  options: ListMemoriesOptions,
): Promise<PaginatedResponse<UserMemory>> {
  const query = {
    ...dbQuery(options),
    ...pageQuery(options),
    user_id: options.userId,
    agent_id: options.agentId,
    team_id: options.teamId,
    topics: options.topics,
    search_content: options.searchContent,
  };
  return getJson(http, "/memories", query, options);
}

/** `PATCH /memories/{id}`. */
export function updateMemory(
  http: Transport,
  memoryId: string,
  options: MemoryInput,
): Promise<UserMemory> {
  return sendJson(
    http,
    "PATCH",
    memoryPath(memoryId),
    memoryBody(options),
    dbQuery(options),
    options,
  );
}

/** `DELETE /memories/{id}`. */
export async function deleteMemory(
  http: Transport,
  memoryId: string,
  options: MemoryLookupOptions,
): Promise<void> {
  await sendJson(http, "DELETE", memoryPath(memoryId), undefined, userQuery(options), options);
}

/** `DELETE /memories`: deletes several memories. */
export async function deleteMemories(
  http: Transport,
  memoryIds: string[],
  options: MemoryLookupOptions,
): Promise<void> {
  const body = stripUndefined({ memory_ids: memoryIds, user_id: options.userId });
  await sendJson(http, "DELETE", "/memories", body, dbQuery(options), options);
}

/** `GET /memory_topics`. */
export function getMemoryTopics(http: Transport, options: MemoryLookupOptions): Promise<string[]> {
  return getJson(http, "/memory_topics", userQuery(options), options);
}

/** `GET /user_memory_stats`. */
export function getUserMemoryStats(
  http: Transport,
  options: MemoryLookupOptions & { limit?: number; page?: number },
): Promise<PaginatedResponse<UserMemoryStats>> {
  const query = { ...userQuery(options), limit: options.limit, page: options.page };
  return getJson(http, "/user_memory_stats", query, options);
}
