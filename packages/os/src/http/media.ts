import { File as AgnoFile, Audio, Image, Video } from "@agno/core";
import { httpError } from "../errors.js";
import { log } from "../logger.js";

const IMAGE_TYPES = new Set([
  "image/png",
  "image/jpeg",
  "image/jpg",
  "image/gif",
  "image/webp",
  "image/bmp",
  "image/tiff",
  "image/tif",
  "image/avif",
]);
const AUDIO_TYPES = new Set([
  "audio/wav",
  "audio/wave",
  "audio/x-wav",
  "audio/mp3",
  "audio/mpeg",
  "audio/ogg",
  "audio/mp4",
  "audio/m4a",
  "audio/x-m4a",
  "audio/aac",
  "audio/flac",
  "audio/webm",
]);
const VIDEO_TYPES = new Set([
  "video/x-flv",
  "video/quicktime",
  "video/mpeg",
  "video/mpegs",
  "video/mpgs",
  "video/mpg",
  "video/mp4",
  "video/webm",
  "video/wmv",
  "video/x-ms-wmv",
  "video/3gpp",
]);
/** Document extensions and their MIME types (the reference recovers the MIME from the extension). */
const DOCUMENT_EXTENSIONS: Record<string, string> = {
  pdf: "application/pdf",
  json: "application/json",
  js: "application/javascript",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  doc: "application/msword",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  ppt: "application/vnd.ms-powerpoint",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  xls: "application/vnd.ms-excel",
  msg: "application/vnd.ms-outlook",
  py: "text/x-python",
  txt: "text/plain",
  html: "text/html",
  htm: "text/html",
  css: "text/css",
  md: "text/markdown",
  markdown: "text/markdown",
  csv: "text/csv",
  xml: "text/xml",
  rtf: "text/rtf",
};
const DOCUMENT_TYPES = new Set([
  ...Object.values(DOCUMENT_EXTENSIONS),
  "application/x-javascript",
  "text/javascript",
  "application/x-python",
  "text/md",
  "application/xml",
  "application/rtf",
]);
const EXTENSION_TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  bmp: "image/bmp",
  tif: "image/tiff",
  tiff: "image/tiff",
  avif: "image/avif",
  wav: "audio/wav",
  mp3: "audio/mpeg",
  ogg: "audio/ogg",
  m4a: "audio/mp4",
  aac: "audio/aac",
  flac: "audio/flac",
  mp4: "video/mp4",
  mpeg: "video/mpeg",
  mpg: "video/mpeg",
  mov: "video/quicktime",
  webm: "video/webm",
  wmv: "video/wmv",
  flv: "video/x-flv",
  "3gp": "video/3gpp",
  ...DOCUMENT_EXTENSIONS,
};

/** The media of a run, by kind. */
export interface ClassifiedMedia {
  images: Image[];
  audio: Audio[];
  videos: Video[];
  files: AgnoFile[];
}

type MediaKind = "image" | "audio" | "video" | "document";

function extensionOf(name: string): string | undefined {
  const dot = name.lastIndexOf(".");
  return dot >= 0 ? name.slice(dot + 1).toLowerCase() : undefined;
}

/** The kind and MIME type of an upload: by content type, else (missing or octet-stream) by extension. */
export function classifyUpload(
  filename: string,
  contentType: string,
): { kind: MediaKind; mimeType: string } | undefined {
  let mime = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  if (!mime || mime === "application/octet-stream") {
    const ext = extensionOf(filename);
    mime = (ext && EXTENSION_TYPES[ext]) || "";
  }
  if (!mime) return undefined;
  if (IMAGE_TYPES.has(mime)) return { kind: "image", mimeType: mime };
  if (AUDIO_TYPES.has(mime)) return { kind: "audio", mimeType: mime };
  if (VIDEO_TYPES.has(mime)) return { kind: "video", mimeType: mime };
  if (DOCUMENT_TYPES.has(mime)) return { kind: "document", mimeType: mime };
  return undefined;
}

/**
 * Turns uploads into run media, as the reference does: images, audio and video by MIME type,
 * documents as files. An unknown type is 400 "Unsupported file type"; an empty file is
 * 400 "Empty file".
 */
export async function classifyUploads(uploads: readonly File[]): Promise<ClassifiedMedia> {
  const out: ClassifiedMedia = { images: [], audio: [], videos: [], files: [] };
  for (const upload of uploads) {
    const filename = upload.name ?? "";
    const kind = classifyUpload(filename, upload.type ?? "");
    if (!kind) throw httpError(400, "Unsupported file type");
    if (upload.size === 0) throw httpError(400, "Empty file");
    let content: Uint8Array;
    try {
      content = new Uint8Array(await upload.arrayBuffer());
    } catch (error) {
      log.warn(`Skipping upload "${filename}": ${(error as Error).message}`);
      continue;
    }
    if (content.length === 0) throw httpError(400, "Empty file");
    const format = extensionOf(filename) ?? kind.mimeType.split("/")[1];
    const base = {
      content,
      mimeType: kind.mimeType,
      ...(format ? { format } : {}),
    };
    if (kind.kind === "image") out.images.push(new Image(base));
    else if (kind.kind === "audio") out.audio.push(new Audio(base));
    else if (kind.kind === "video") out.videos.push(new Video(base));
    else out.files.push(new AgnoFile({ ...base, ...(filename ? { filename } : {}) }));
  }
  return out;
}

/** Media given as JSON (base64 dicts, as the Python client sends them): `url` or `content`. */
export function mediaFromDicts(
  kind: "image" | "audio" | "video" | "file",
  value: unknown,
): Array<Image | Audio | Video | AgnoFile> {
  const list = Array.isArray(value) ? value : [value];
  const out: Array<Image | Audio | Video | AgnoFile> = [];
  for (const item of list) {
    if (!item || typeof item !== "object") continue;
    const d = item as Record<string, unknown>;
    const url = typeof d.url === "string" ? d.url : undefined;
    const content = typeof d.content === "string" ? d.content : undefined;
    if (!url && !content) continue; // file paths on the server are never read from a request
    const options = {
      ...(typeof d.id === "string" ? { id: d.id } : {}),
      ...(url ? { url } : {}),
      ...(content ? { content } : {}),
      ...(typeof d.mime_type === "string" ? { mimeType: d.mime_type } : {}),
      ...(typeof d.format === "string" ? { format: d.format } : {}),
    };
    try {
      if (kind === "image") out.push(new Image(options));
      else if (kind === "audio") out.push(new Audio(options));
      else if (kind === "video") out.push(new Video(options));
      else
        out.push(
          new AgnoFile({
            ...options,
            ...(typeof d.filename === "string" ? { filename: d.filename } : {}),
          }),
        );
    } catch (error) {
      log.warn(`Skipping ${kind} from the request: ${(error as Error).message}`);
    }
  }
  return out;
}
