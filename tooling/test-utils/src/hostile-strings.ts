import { TEXT_ESCAPE } from "@agno/core";

/**
 * Strings that storage must keep exactly: NUL, lone surrogates (alone, doubled, at either end,
 * half an emoji), U+FFFD (what a lone surrogate becomes when mangled), the escape character and
 * its neighbours, other private-use code points, RTL and bidi controls, emoji sequences, LIKE
 * metacharacters, quotes and a JSON-looking escape.
 */
export const HOSTILE_STRINGS: readonly string[] = [
  "\u0000",
  "a\u0000b",
  "\u0000\u0000lead",
  "trail\u0000",
  "\ud800",
  "\udc00",
  "\udbff\ud800",
  "\udfff\udc00",
  "x\ud83d",
  "\ude00y",
  "\udc00\ud800",
  "\ufffd",
  "a\ufffdb",
  TEXT_ESCAPE,
  `${TEXT_ESCAPE}\ue001\ue001`,
  `${TEXT_ESCAPE}${TEXT_ESCAPE}`,
  "\ue001\ue040\ue041",
  "\uf8ff\udb80\udc00",
  "\u200f",
  "\u202eevil\u202c",
  "\u2066\u200e\u2069",
  "😀",
  "👩‍👩‍👧‍👦🏳️‍🌈",
  "%_\\",
  "\\u0000",
  "'\"; DROP TABLE x; --",
  "\ufeff\ufffe\uffff",
  "\u0001\u001f\u007f",
  `mix\u0000\ud800${TEXT_ESCAPE}\u202e😀\udc00%`,
];

/** mulberry32: a small seeded pseudo-random generator; the same seed gives the same numbers. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A deterministic source of hostile strings. */
export interface HostileStrings {
  /** The seed: print it with a failure so the run can be repeated. */
  readonly seed: number;
  /** A string of exactly `length` UTF-16 code units. */
  string(length: number): string;
  /** A string of 1 to `maxLength` code units. */
  next(maxLength?: number): string;
  /** An integer from 0 to `n - 1`. */
  int(n: number): number;
}

/**
 * Random strings mixing NUL, lone surrogates, surrogate pairs (emoji), RTL and bidi marks, the
 * escape character and its digits, other private-use code points, controls, noncharacters,
 * combining marks, Hebrew, CJK, digits and punctuation (LIKE's `%` `_` `\` included). No cased
 * letters, so case-insensitive search finds exactly what a case-sensitive one does.
 */
export function hostileStrings(seed: number): HostileStrings {
  const random = seededRandom(seed);
  const int = (n: number) => Math.floor(random() * n);
  const between = (lo: number, hi: number) => String.fromCharCode(lo + int(hi - lo + 1));
  const pieces: Array<() => string> = [
    () => "\u0000",
    () => between(0xd800, 0xdbff),
    () => between(0xdc00, 0xdfff),
    () => String.fromCodePoint(0x1f300 + int(0x700)),
    () => ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2067"][int(8)]!,
    () => TEXT_ESCAPE,
    () => between(0xe001, 0xe040),
    () => between(0xe041, 0xf8ff),
    () => between(0x01, 0x1f),
    () => ["\ufeff", "\ufffe", "\uffff", "\u007f"][int(4)]!,
    () => between(0x0300, 0x036f),
    () => between(0x05d0, 0x05ea),
    () => between(0x4e00, 0x4fff),
    () => between(0x30, 0x39),
    () => " !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"[int(33)]!,
  ];
  const string = (length: number) => {
    let out = "";
    while (out.length < length) out += pieces[int(pieces.length)]!();
    return out.slice(0, length);
  };
  return {
    seed,
    string,
    next: (maxLength = 40) => string(1 + int(maxLength)),
    int,
  };
}

/**
 * The seed of a test run's hostile strings: `AGNO_TEST_SEED` when set (to repeat a failure),
 * else a fixed one, so runs are deterministic.
 */
export function hostileSeed(): number {
  const fromEnv = Number(process.env.AGNO_TEST_SEED);
  return Number.isInteger(fromEnv) ? fromEnv : 0x5eed_2024;
}

/** A short printable form of a string for failure messages (escapes NUL and lone surrogates). */
export function shown(text: string, max = 60): string {
  const json = JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
  return text.length > max ? `${json} (${text.length} code units)` : json;
}

/**
 * True when `text` contains `part` as whole code points: `part` neither starts inside nor ends
 * inside a surrogate pair of `text`. Databases that store UTF-8 match substrings this way.
 */
export function containsCodePoints(text: string, part: string): boolean {
  if (part === "") return true;
  for (let i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
    const splitsStart = isLow(text.charCodeAt(i)) && isHigh(text.charCodeAt(i - 1));
    const end = i + part.length;
    const splitsEnd = isHigh(text.charCodeAt(end - 1)) && isLow(text.charCodeAt(end));
    if (!splitsStart && !splitsEnd) return true;
  }
  return false;
}

const isHigh = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLow = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;
