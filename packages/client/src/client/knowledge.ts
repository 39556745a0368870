import type {
  KnowledgeOptions,
  PageOptions,
  SearchKnowledgeOptions,
  UpdateKnowledgeOptions,
  UploadKnowledgeOptions,
} from "../client-options.js";
import { appendField } from "../form.js";
import { type QueryParams, seg, type Transport } from "../transport.js";
import type {
  KnowledgeConfig,
  KnowledgeContent,
  KnowledgeContentStatus,
  KnowledgeSearchResult,
  PaginatedResponse,
} from "../wire/responses.js";
import { getJson, pageQuery, sendForm, sendJson, stripUndefined } from "./request.js";

function knowledgeQuery(options: KnowledgeOptions): QueryParams {
  return { db_id: options.dbId, knowledge_id: options.knowledgeId };
}

const contentPath = (contentId: string) => `/knowledge/content/${seg(contentId)}`;

/** `POST /knowledge/content`: adds a file, URL or text (processed in the background, 202). */
export function uploadKnowledgeContent(
  http: Transport,
  options: UploadKnowledgeOptions,
): Promise<KnowledgeContent> {
  const form = new FormData();
  appendField(form, "name", options.name);
  appendField(form, "description", options.description);
  appendField(form, "url", options.url);
  appendField(form, "metadata", options.metadata);
  appendField(form, "text_content", options.textContent);
  appendField(form, "reader_id", options.readerId);
  appendField(form, "chunker", options.chunker);
  appendField(form, "chunk_size", options.chunkSize);
  appendField(form, "chunk_overlap", options.chunkOverlap);
  appendField(form, "file", options.file);
  return sendForm(http, "/knowledge/content", form, options, knowledgeQuery(options));
}

/** `PATCH /knowledge/content/{id}`. */
export function updateKnowledgeContent(
  http: Transport,
  contentId: string,
  options: UpdateKnowledgeOptions,
): Promise<KnowledgeContent> {
  const form = new FormData();
  appendField(form, "name", options.name);
  appendField(form, "description", options.description);
  appendField(form, "metadata", options.metadata);
  appendField(form, "reader_id", options.readerId);
  return sendForm(http, contentPath(contentId), form, options, knowledgeQuery(options), "PATCH");
}

/** `GET /knowledge/content`. */
export function listKnowledgeContent(
  http: Transport,
  options: KnowledgeOptions & PageOptions,
): Promise<PaginatedResponse<KnowledgeContent>> {
  const query = { ...knowledgeQuery(options), ...pageQuery(options) };
  return getJson(http, "/knowledge/content", query, options);
}

/** `GET /knowledge/content/{id}`. */
export function getKnowledgeContent(
  http: Transport,
  contentId: string,
  options: KnowledgeOptions,
): Promise<KnowledgeContent> {
  return getJson(http, contentPath(contentId), knowledgeQuery(options), options);
}

/** `GET /knowledge/content/{id}/status`. */
export function getKnowledgeContentStatus(
  http: Transport,
  contentId: string,
  options: KnowledgeOptions,
): Promise<KnowledgeContentStatus> {
  return getJson(http, `${contentPath(contentId)}/status`, knowledgeQuery(options), options);
}

/** `DELETE /knowledge/content/{id}`. */
export function deleteKnowledgeContent(
  http: Transport,
  contentId: string,
  options: KnowledgeOptions,
): Promise<KnowledgeContent> {
  return sendJson(
    http,
    "DELETE",
    contentPath(contentId),
    undefined,
    knowledgeQuery(options),
    options,
  );
}

/** `DELETE /knowledge/content`: removes every content of the knowledge base. */
export async function deleteAllKnowledgeContent(
  http: Transport,
  options: KnowledgeOptions,
): Promise<void> {
  await sendJson(http, "DELETE", "/knowledge/content", undefined, knowledgeQuery(options), options);
}

/** `POST /knowledge/search`. */
export function searchKnowledge(
  http: Transport,
  query: string,
  options: SearchKnowledgeOptions,
): Promise<PaginatedResponse<KnowledgeSearchResult>> {
  const body = stripUndefined({
    query,
    max_results: options.maxResults,
    filters: options.filters,
    search_type: options.searchType,
    vector_db_ids: options.vectorDbIds,
    db_id: options.dbId,
    knowledge_id: options.knowledgeId,
    meta: { limit: options.limit ?? 20, page: options.page ?? 1 },
  });
  return sendJson(http, "POST", "/knowledge/search", body, {}, options);
}

/** `GET /knowledge/config`: readers, chunkers, vector dbs and filters. */
export function getKnowledgeConfig(
  http: Transport,
  options: KnowledgeOptions,
): Promise<KnowledgeConfig> {
  return getJson(http, "/knowledge/config", knowledgeQuery(options), options);
}
