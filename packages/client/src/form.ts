import type { RequestOptions } from "./transport.js";

/**
 * A media item sent with a run as JSON: a media object of `@agno/core` (`Image`, `Audio`,
 * `Video`, `File`: serialized through their `toJSON()`), or a media dict
 * (`{ url }`, `{ content: <base64>, mime_type }`...).
 */
export type MediaInput = { toJSON(): unknown } | Record<string, unknown>;

/** A file uploaded with a run (multipart `files`): a `Blob` or a `File`. */
export type UploadInput = Blob;

/** Options of every run call (agents, teams, workflows), in camelCase; sent as form fields. */
export interface RunRequestOptions extends RequestOptions {
  /**
   * Streamed runs: when the connection drops mid-run and the events carry `event_index`
   * (background runs), reconnect through `/resume` after the last event received. @default true
   */
  reconnect?: boolean;
  /** Session to run in. @default a new session */
  sessionId?: string;
  userId?: string;
  /** Session state to merge in (JSON-encoded `session_state`). */
  sessionState?: Record<string, unknown>;
  /** Run dependencies (JSON-encoded `dependencies`). */
  dependencies?: Record<string, unknown>;
  /** Run metadata (JSON-encoded `metadata`). */
  metadata?: Record<string, unknown>;
  /** Knowledge filters (a dict, a filter expression, or a list). */
  knowledgeFilters?: Record<string, unknown> | unknown[];
  /** A JSON Schema the answer must follow (`output_schema`). */
  outputSchema?: Record<string, unknown>;
  /** With a stream: every event (tools, hooks...) rather than content only. @default true (the server's default) */
  streamEvents?: boolean;
  addHistoryToContext?: boolean;
  addDependenciesToContext?: boolean;
  addSessionStateToContext?: boolean;
  /** Retries of a failed model call. */
  retries?: number;
  /** Images sent as media dicts (JSON `images`). */
  images?: MediaInput[];
  audio?: MediaInput[];
  videos?: MediaInput[];
  /** Files: `Blob`s are uploaded (multipart `files`), media objects or dicts go as JSON `input_files`. */
  files?: Array<UploadInput | MediaInput>;
  /** Input of the factory that builds the component for this request (JSON `factory_input`). */
  factoryInput?: Record<string, unknown>;
  /** Component version (for components stored in the AgentOS database). */
  version?: number | string;
  /** Any other form fields, by their wire (snake_case) names; objects are JSON-encoded. */
  extraFields?: Record<string, unknown>;
}

const JSON_FIELDS = {
  sessionState: "session_state",
  dependencies: "dependencies",
  metadata: "metadata",
  knowledgeFilters: "knowledge_filters",
  outputSchema: "output_schema",
  factoryInput: "factory_input",
} as const;

const SCALAR_FIELDS = {
  sessionId: "session_id",
  userId: "user_id",
  streamEvents: "stream_events",
  addHistoryToContext: "add_history_to_context",
  addDependenciesToContext: "add_dependencies_to_context",
  addSessionStateToContext: "add_session_state_to_context",
  retries: "retries",
  version: "version",
} as const;

function isBlob(value: unknown): value is Blob {
  return typeof Blob !== "undefined" && value instanceof Blob;
}

function fileName(blob: Blob): string {
  const name = (blob as { name?: unknown }).name;
  return typeof name === "string" && name ? name : "upload";
}

/** Appends a form value: strings as they are, objects as JSON, the rest as strings. */
export function appendField(form: FormData, name: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (isBlob(value)) form.append(name, value, fileName(value));
  else if (typeof value === "string") form.append(name, value);
  else if (typeof value === "object") form.append(name, JSON.stringify(value));
  else form.append(name, String(value));
}

/** The input of a run as the `message` field: text as is, anything else as JSON. */
export function messageText(input: unknown): string {
  if (typeof input === "string") return input;
  if (input === undefined || input === null) return "";
  return JSON.stringify(input);
}

/** Builds the multipart form of a run request. */
export function runForm(
  message: unknown,
  stream: boolean,
  options: RunRequestOptions,
  extra: Record<string, unknown> = {},
): FormData {
  const form = new FormData();
  form.append("message", messageText(message));
  form.append("stream", String(stream));
  for (const [key, field] of Object.entries(SCALAR_FIELDS)) {
    appendField(form, field, options[key as keyof typeof SCALAR_FIELDS]);
  }
  for (const [key, field] of Object.entries(JSON_FIELDS)) {
    const value = options[key as keyof typeof JSON_FIELDS];
    if (value !== undefined && value !== null) form.append(field, JSON.stringify(value));
  }
  for (const key of ["images", "audio", "videos"] as const) {
    const list = options[key];
    if (list && list.length > 0) form.append(key, JSON.stringify(list));
  }
  if (options.files && options.files.length > 0) {
    const uploads = options.files.filter(isBlob);
    const media = options.files.filter((f) => !isBlob(f));
    for (const blob of uploads) form.append("files", blob, fileName(blob));
    if (media.length > 0) form.append("input_files", JSON.stringify(media));
  }
  for (const [name, value] of Object.entries({ ...extra, ...(options.extraFields ?? {}) })) {
    appendField(form, name, value);
  }
  return form;
}
