import type { Context } from "hono";
import { httpError } from "../errors.js";
import {
  type AgentOSLimits,
  checkJsonDepth,
  checkJsonField,
  formatBytes,
  limitsOf,
  tooLarge,
} from "./limits.js";

/** Form fields that carry JSON, checked against the JSON size and depth limits. */
export const JSON_FORM_FIELDS: ReadonlySet<string> = new Set([
  "session_state",
  "dependencies",
  "metadata",
  "knowledge_filters",
  "output_schema",
  "additional_data",
  "factory_input",
  "images",
  "audio",
  "videos",
  "input_files",
  "tools",
  "requirements",
  "step_requirements",
]);

/** The JSON type name of a value, for messages (`array`, `string`, `null`...). */
export function jsonTypeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/**
 * The fields of a run request: a multipart or url-encoded form (the reference's encodings), or a
 * JSON object. Form values are strings; JSON values keep their types. Repeated fields keep the
 * last value, except `files`, whose uploads are all kept.
 */
export class RequestBody {
  readonly fields: ReadonlyMap<string, unknown>;
  /** Uploaded files (the `files` form field). */
  readonly files: readonly File[];

  constructor(fields: Map<string, unknown> = new Map(), files: File[] = []) {
    this.fields = fields;
    this.files = files;
  }

  has(name: string): boolean {
    return this.fields.has(name);
  }

  /** The raw value (a string for forms). */
  get(name: string): unknown {
    return this.fields.get(name);
  }

  /** The value as a string; undefined when absent. Non-string JSON values are stringified. */
  string(name: string): string | undefined {
    const value = this.fields.get(name);
    if (value === undefined || value === null) return undefined;
    return typeof value === "string" ? value : JSON.stringify(value);
  }

  /**
   * Reads the body of a request by its content type (no fields for a body-less request), within
   * the request's limits: fields, files and their sizes, the message length, JSON fields' size
   * and depth (413 or 422 naming the field and the limit).
   */
  static async read(c: Context): Promise<RequestBody> {
    const type = (c.req.header("content-type") ?? "").toLowerCase();
    const limits = limitsOf(c);
    let body: RequestBody;
    if (type.includes("application/json")) body = await readJson(c, limits);
    else if (
      type.includes("multipart/form-data") ||
      type.includes("application/x-www-form-urlencoded")
    )
      body = await readForm(c, limits);
    // Other encodings carry no fields (the route then reports its missing required fields).
    else return new RequestBody();
    body.checkLimits(limits);
    return body;
  }

  private checkLimits(limits: AgentOSLimits): void {
    if (this.fields.size + this.files.length > limits.maxFormFields) {
      throw tooLarge(
        `The request's ${this.fields.size + this.files.length} fields`,
        `${limits.maxFormFields} fields`,
        "maxFormFields",
      );
    }
    if (this.files.length > limits.maxFiles) {
      throw tooLarge(
        `The request's ${this.files.length} files`,
        `${limits.maxFiles} files`,
        "maxFiles",
      );
    }
    for (const file of this.files) {
      if (file.size > limits.maxFileBytes) {
        throw tooLarge(
          `The file ${JSON.stringify(file.name)} (${formatBytes(file.size)})`,
          formatBytes(limits.maxFileBytes),
          "maxFileBytes",
        );
      }
    }
    const message = this.fields.get("message");
    if (typeof message === "string" && message.length > limits.maxMessageChars) {
      throw tooLarge(
        `The "message" field (${message.length} characters)`,
        `${limits.maxMessageChars} characters`,
        "maxMessageChars",
      );
    }
    for (const name of JSON_FORM_FIELDS) {
      const value = this.fields.get(name);
      if (value === undefined || value === null) continue;
      checkJsonField(name, typeof value === "string" ? value : JSON.stringify(value), limits);
    }
  }
}

async function readForm(c: Context, limits: AgentOSLimits): Promise<RequestBody> {
  let form: FormData;
  try {
    form = await c.req.raw.formData();
  } catch (error) {
    throw httpError(400, `Invalid form data: ${(error as Error).message}`);
  }
  const fields = new Map<string, unknown>();
  const files: File[] = [];
  let entries = 0;
  for (const [name, value] of form.entries()) {
    if (++entries > limits.maxFormFields) {
      throw tooLarge("The form's fields", `${limits.maxFormFields} fields`, "maxFormFields");
    }
    if (typeof value === "string") {
      fields.set(name, value);
    } else if (name === "files") {
      files.push(value);
    }
  }
  return new RequestBody(fields, files);
}

/**
 * Parses a JSON request body: its depth is checked on the text first, so a pathological document
 * is refused before it is parsed. Malformed JSON is a 400 naming the parse problem; an empty body
 * is `undefined`.
 */
export function parseJsonBody(text: string, limits: AgentOSLimits): unknown {
  if (text.trim() === "") return undefined;
  checkJsonDepth("The JSON body", text, limits);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw httpError(400, `Invalid JSON body: ${(error as Error).message}`);
  }
}

async function readJson(c: Context, limits: AgentOSLimits): Promise<RequestBody> {
  const parsed = parseJsonBody(await c.req.text(), limits);
  if (parsed === undefined) return new RequestBody();
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw httpError(400, `The JSON body must be an object, got ${jsonTypeName(parsed)}`);
  }
  return new RequestBody(new Map(Object.entries(parsed)));
}
