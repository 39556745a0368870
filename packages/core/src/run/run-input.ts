import type { Audio, File, Image, MediaDict, Video } from "../media/media.js";

/** What the user sent to a run. */
export interface RunInput {
  /** The input as given: text, an object validated by `inputSchema`, or messages. */
  input_content: unknown;
  images?: Image[];
  videos?: Video[];
  audio?: Audio[];
  files?: File[];
}

/** Serialized {@link RunInput}. */
export interface RunInputDict {
  input_content: unknown;
  images?: MediaDict[];
  videos?: MediaDict[];
  audio?: MediaDict[];
  files?: MediaDict[];
}

/** Serializes a run input (media as dicts). */
export function runInputToDict(input: RunInput): RunInputDict {
  const out: RunInputDict = { input_content: input.input_content };
  for (const key of ["images", "videos", "audio", "files"] as const) {
    const list = input[key];
    if (list && list.length > 0) out[key] = list.map(mediaDict);
  }
  return out;
}

/** A media object's dict; media read back from storage already are dicts. */
export function mediaDict(media: { toJSON?: () => MediaDict } | MediaDict): MediaDict {
  return typeof media.toJSON === "function" ? media.toJSON() : (media as MediaDict);
}
