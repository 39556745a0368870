import { uuid } from "../utils/ids.js";

/** Where a piece of media comes from: exactly one of a URL, a file path or the bytes themselves. */
export interface MediaOptions {
  /** Stable id; a UUID when omitted. */
  id?: string;
  /** Public URL of the media. */
  url?: string;
  /** Path of a local file. */
  filepath?: string;
  /** Alias of `filepath`. */
  path?: string;
  /** The bytes (a Uint8Array / Buffer) or a base64 string. */
  content?: Uint8Array | string;
  /** MIME type, e.g. `image/png`. */
  mimeType?: string;
  /** Format without the MIME prefix, e.g. `png`, `wav`, `mp4`, `pdf`. */
  format?: string;
}

/** The serialized shape of any media (snake_case, bytes as base64). */
export interface MediaDict {
  id: string;
  url?: string;
  filepath?: string;
  content?: string;
  mime_type?: string;
  format?: string;
  [key: string]: unknown;
}

const EXTENSION_MIME: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  wav: "audio/wav",
  mp3: "audio/mpeg",
  ogg: "audio/ogg",
  flac: "audio/flac",
  mp4: "video/mp4",
  webm: "video/webm",
  mov: "video/quicktime",
  pdf: "application/pdf",
  txt: "text/plain",
  md: "text/markdown",
  csv: "text/csv",
  json: "application/json",
  html: "text/html",
};

/** Common base of {@link Image}, {@link Audio}, {@link Video} and {@link File}. */
export abstract class Media {
  abstract readonly kind: "image" | "audio" | "video" | "file";
  readonly id: string;
  readonly url?: string;
  readonly filepath?: string;
  readonly content?: Uint8Array;
  readonly mimeType?: string;
  readonly format?: string;

  constructor(options: MediaOptions) {
    const filepath = options.filepath ?? options.path;
    const sources = [options.url, filepath, options.content].filter((s) => s !== undefined);
    if (sources.length === 0) {
      throw new TypeError(`${new.target.name} needs one of url, filepath (path) or content.`);
    }
    this.id = options.id ?? uuid();
    if (options.url !== undefined) this.url = options.url;
    if (filepath !== undefined) this.filepath = filepath;
    if (options.content !== undefined) {
      this.content =
        typeof options.content === "string"
          ? Buffer.from(options.content, "base64")
          : options.content;
    }
    const ext = (filepath ?? options.url ?? "").split("?")[0]?.split(".").pop()?.toLowerCase();
    const format = options.format ?? (ext && EXTENSION_MIME[ext] ? ext : undefined);
    if (format !== undefined) this.format = format;
    const mime = options.mimeType ?? (format ? EXTENSION_MIME[format] : undefined);
    if (mime !== undefined) this.mimeType = mime;
  }

  /** The bytes, reading the file when the media was given by path. URLs are not fetched (returns undefined). */
  async getContentBytes(): Promise<Uint8Array | undefined> {
    if (this.content) return this.content;
    if (this.filepath) {
      const { readFile } = await import("node:fs/promises");
      return new Uint8Array(await readFile(this.filepath));
    }
    return undefined;
  }

  /** Base64 of the bytes (reading the file when needed), or undefined for URL-only media. */
  async toBase64(): Promise<string | undefined> {
    const bytes = await this.getContentBytes();
    return bytes ? Buffer.from(bytes).toString("base64") : undefined;
  }

  /** Serialized form: snake_case keys, bytes as base64. */
  toJSON(): MediaDict {
    const out: MediaDict = { id: this.id };
    if (this.url !== undefined) out.url = this.url;
    if (this.filepath !== undefined) out.filepath = this.filepath;
    if (this.content !== undefined) out.content = Buffer.from(this.content).toString("base64");
    if (this.mimeType !== undefined) out.mime_type = this.mimeType;
    if (this.format !== undefined) out.format = this.format;
    return out;
  }
}

/** An image for the model or a tool: `new Image({ url })`, `{ filepath }` or `{ content, mimeType }`. */
export class Image extends Media {
  readonly kind = "image" as const;
  /** Level of detail for vision models (`low`, `high`, `auto`). */
  readonly detail?: string;
  constructor(options: MediaOptions & { detail?: string }) {
    super(options);
    if (options.detail !== undefined) this.detail = options.detail;
  }
  override toJSON(): MediaDict {
    const out = super.toJSON();
    if (this.detail !== undefined) out.detail = this.detail;
    return out;
  }
}

/** An audio clip. */
export class Audio extends Media {
  readonly kind = "audio" as const;
  readonly transcript?: string;
  constructor(options: MediaOptions & { transcript?: string }) {
    super(options);
    if (options.transcript !== undefined) this.transcript = options.transcript;
  }
  override toJSON(): MediaDict {
    const out = super.toJSON();
    if (this.transcript !== undefined) out.transcript = this.transcript;
    return out;
  }
}

/** A video clip. */
export class Video extends Media {
  readonly kind = "video" as const;
}

/** A document or any other file (PDF, text, CSV...). */
export class File extends Media {
  readonly kind = "file" as const;
  readonly filename?: string;
  constructor(options: MediaOptions & { filename?: string }) {
    super(options);
    const name = options.filename ?? (options.filepath ?? options.path)?.split(/[\\/]/).pop();
    if (name !== undefined) this.filename = name;
  }
  override toJSON(): MediaDict {
    const out = super.toJSON();
    if (this.filename !== undefined) out.filename = this.filename;
    return out;
  }
}

/** Media given to a run, by kind. */
export interface RunMedia {
  images?: Image[];
  audio?: Audio[];
  videos?: Video[];
  files?: File[];
}
