import type { Context } from "hono";
import { httpError } from "../errors.js";

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

  /** Reads the body of a request by its content type (no fields for a body-less request). */
  static async read(c: Context): Promise<RequestBody> {
    const type = (c.req.header("content-type") ?? "").toLowerCase();
    if (type.includes("application/json")) return readJson(c);
    if (type.includes("multipart/form-data") || type.includes("application/x-www-form-urlencoded"))
      return readForm(c);
    // Other encodings carry no fields (the route then reports its missing required fields).
    return new RequestBody();
  }
}

async function readForm(c: Context): Promise<RequestBody> {
  let form: FormData;
  try {
    form = await c.req.raw.formData();
  } catch (error) {
    throw httpError(400, `Invalid form data: ${(error as Error).message}`);
  }
  const fields = new Map<string, unknown>();
  const files: File[] = [];
  for (const [name, value] of form.entries()) {
    if (typeof value === "string") {
      fields.set(name, value);
    } else if (name === "files") {
      files.push(value);
    }
  }
  return new RequestBody(fields, files);
}

async function readJson(c: Context): Promise<RequestBody> {
  const text = await c.req.text();
  if (text.trim() === "") return new RequestBody();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw httpError(400, `Invalid JSON body: ${(error as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw httpError(400, `The JSON body must be an object, got ${jsonTypeName(parsed)}`);
  }
  return new RequestBody(new Map(Object.entries(parsed)));
}
