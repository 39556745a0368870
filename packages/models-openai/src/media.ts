import type { Audio, File, Image, Media } from "@agno/core";

/** The media's bytes as base64: its content or file, else downloaded from its URL when `fetchUrl`. */
export async function mediaBase64(
  media: Media,
  options: { fetchUrl?: boolean; signal?: AbortSignal | undefined } = {},
): Promise<string | undefined> {
  const local = await media.toBase64();
  if (local !== undefined || !options.fetchUrl || !media.url) return local;
  const response = await fetch(media.url, options.signal ? { signal: options.signal } : {});
  if (!response.ok) {
    throw new Error(`Could not download ${media.kind} ${media.url}: HTTP ${response.status}.`);
  }
  return Buffer.from(await response.arrayBuffer()).toString("base64");
}

/** An image as a URL the API accepts: its public URL, else a `data:` URL of its bytes. */
export async function imageUrl(image: Image): Promise<string | undefined> {
  if (image.url) return image.url;
  const data = await image.toBase64();
  if (data === undefined) return undefined;
  return `data:${image.mimeType ?? sniffImageMime(data)};base64,${data}`;
}

/** A file's bytes as a `data:` URL (downloading URL-only files when `fetchUrl`). */
export async function fileDataUrl(
  file: File,
  options: { fetchUrl?: boolean; signal?: AbortSignal | undefined } = {},
): Promise<string | undefined> {
  const data = await mediaBase64(file, options);
  if (data === undefined) return undefined;
  return `data:${file.mimeType ?? "application/pdf"};base64,${data}`;
}

/** A file name for the API: the file's own, else one made from its id and format. */
export function fileName(file: File): string {
  if (file.filename) return file.filename;
  const fromUrl = file.url?.split("?")[0]?.split("/").pop();
  if (fromUrl) return fromUrl;
  return `${file.id}.${file.format ?? "pdf"}`;
}

/** `wav` or `mp3` (the formats `input_audio` takes), from the clip's format or MIME type. */
export function audioFormat(audio: Audio): "wav" | "mp3" {
  const format = (audio.format ?? audio.mimeType ?? "").toLowerCase();
  return format.includes("mp3") || format.includes("mpeg") ? "mp3" : "wav";
}

function sniffImageMime(base64: string): string {
  const head = Buffer.from(base64.slice(0, 24), "base64");
  if (head[0] === 0x89 && head[1] === 0x50) return "image/png";
  if (head[0] === 0xff && head[1] === 0xd8) return "image/jpeg";
  if (head.subarray(0, 3).toString("latin1") === "GIF") return "image/gif";
  if (head.subarray(8, 12).toString("latin1") === "WEBP") return "image/webp";
  return "image/jpeg";
}
