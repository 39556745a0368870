import type { File as AgnoFile, Audio, Image, Video } from "@agno/core";
import { log } from "../logger.js";
import type { RequestBody } from "./body.js";
import { mediaFromDicts } from "./media.js";

/** Run options taken from the extra fields of a run request (the reference's `get_request_kwargs`). */
export interface RunKwargs {
  sessionState?: Record<string, unknown>;
  dependencies?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  knowledgeFilters?: Record<string, unknown>;
  outputSchema?: Record<string, unknown>;
  additionalData?: Record<string, unknown>;
  streamEvents?: boolean;
  addHistoryToContext?: boolean;
  addDependenciesToContext?: boolean;
  addSessionStateToContext?: boolean;
  debugMode?: boolean;
  retries?: number;
  images?: Image[];
  audio?: Audio[];
  videos?: Video[];
  files?: AgnoFile[];
}

/** JSON-encoded object fields, and the run option each becomes. */
const JSON_FIELDS = {
  session_state: "sessionState",
  dependencies: "dependencies",
  metadata: "metadata",
  knowledge_filters: "knowledgeFilters",
  output_schema: "outputSchema",
  additional_data: "additionalData",
} as const;

const BOOLEAN_FIELDS = {
  stream_events: "streamEvents",
  add_history_to_context: "addHistoryToContext",
  add_dependencies_to_context: "addDependenciesToContext",
  add_session_state_to_context: "addSessionStateToContext",
  debug_mode: "debugMode",
} as const;

const MEDIA_FIELDS = {
  images: ["image", "images"],
  audio: ["audio", "audio"],
  videos: ["video", "videos"],
  input_files: ["file", "files"],
} as const;

function decodeJson(name: string, value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    log.warn(`Ignoring the "${name}" field: it is not valid JSON.`);
    return undefined;
  }
}

/** `"true"`/`"false"` become booleans and `"null"`/`"none"` null (any case), as the reference does. */
export function coerceScalar(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const lower = value.toLowerCase();
  if (lower === "true" || lower === "false") return lower === "true";
  if (lower === "null" || lower === "none") return null;
  return value;
}

/**
 * Run options from the fields a route does not declare: JSON fields are decoded (invalid JSON is
 * dropped with a warning), media JSON fields become media, booleans and nulls are coerced.
 * Fields that are no run option are ignored.
 */
export function runKwargs(body: RequestBody, declared: ReadonlySet<string>): RunKwargs {
  const out: RunKwargs = {};
  const target = out as Record<string, unknown>;
  for (const [name, raw] of body.fields) {
    if (declared.has(name)) continue;
    if (name in JSON_FIELDS) {
      const value = decodeJson(name, raw);
      const isObject = typeof value === "object" && value !== null && !Array.isArray(value);
      const listAllowed = name === "knowledge_filters" && Array.isArray(value);
      if (isObject || listAllowed) target[JSON_FIELDS[name as keyof typeof JSON_FIELDS]] = value;
      else if (value !== undefined && value !== null)
        log.warn(`Ignoring the "${name}" field: expected a JSON object.`);
      continue;
    }
    if (name in MEDIA_FIELDS) {
      const [kind, key] = MEDIA_FIELDS[name as keyof typeof MEDIA_FIELDS];
      const value = decodeJson(name, raw);
      if (value === undefined || value === null) continue;
      const media = mediaFromDicts(kind, value);
      if (media.length > 0) target[key] = [...((target[key] as unknown[]) ?? []), ...media];
      continue;
    }
    const value = coerceScalar(raw);
    if (name in BOOLEAN_FIELDS) {
      if (typeof value === "boolean")
        target[BOOLEAN_FIELDS[name as keyof typeof BOOLEAN_FIELDS]] = value;
      continue;
    }
    if (name === "retries") {
      const n = typeof value === "number" ? value : Number(value);
      if (Number.isInteger(n) && n >= 0) out.retries = n;
      continue;
    }
    log.debug(`Run request field "${name}" is not a run option; ignored.`);
  }
  return out;
}
