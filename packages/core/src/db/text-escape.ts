/**
 * The escape character of {@link escapeText}: U+E000, the first private-use code point. It and
 * the 64 characters after it (U+E001-U+E040, the escape's digits) form the reserved block: in
 * escaped text they only ever appear inside escapes.
 */
export const TEXT_ESCAPE = "\ue000";

const DIGIT_BASE = 0xe001;
const RESERVED_FIRST = 0xe000;
const RESERVED_COUNT = 65;
const SURROGATE_FIRST = 0xd800;
const SURROGATE_INDEX = 0x100;

/** NUL, a reserved character, or a surrogate that is not half of a pair. */
const UNSAFE =
  /[\0\ue000-\ue040]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, "g");
const ESCAPED = /\ue000([\ue001-\ue040])([\ue001-\ue040])/g;

/** In JSON.stringify's output: a `\u0000` or lone-surrogate escape, or a reserved character. */
const JSON_UNSAFE = /\\u(?:0000|d[89a-f])|[\ue000-\ue040]/i;
/** Each backslash escape as a whole (so `\\u0000` is an escaped backslash), or a reserved character. */
const JSON_TOKENS = /\\u(0000|d[89a-f][0-9a-f]{2})|\\[\s\S]|[\ue000-\ue040]/gi;

function escapeUnit(unit: number): string {
  const index =
    unit === 0
      ? 0
      : unit >= RESERVED_FIRST
        ? 1 + unit - RESERVED_FIRST
        : SURROGATE_INDEX + unit - SURROGATE_FIRST;
  return TEXT_ESCAPE + String.fromCharCode(DIGIT_BASE + (index >> 6), DIGIT_BASE + (index & 63));
}

/** The code unit an escape stands for, or undefined for digits no escape produces. */
function unescapeUnit(high: string, low: string): number | undefined {
  const index = (high.charCodeAt(0) - DIGIT_BASE) * 64 + (low.charCodeAt(0) - DIGIT_BASE);
  if (index === 0) return 0;
  if (index <= RESERVED_COUNT) return RESERVED_FIRST + index - 1;
  if (index >= SURROGATE_INDEX && index < SURROGATE_INDEX + 2048)
    return SURROGATE_FIRST + index - SURROGATE_INDEX;
  return undefined;
}

const isSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdfff;

/**
 * Makes any JavaScript string storable as text by SQL databases (valid UTF-8 without NUL):
 * NUL, lone surrogates and the reserved characters (U+E000-U+E040) each become
 * {@link TEXT_ESCAPE} followed by two base-64 digits from U+E001-U+E040. Every other character,
 * including `%`, `_`, `\` and every cased letter, is kept, and a surrogate pair stays a pair.
 *
 * `unescapeText(escapeText(s)) === s` for every string, and because reserved characters only
 * appear inside escapes, `escapeText(s).includes(escapeText(t))` exactly when `s` contains `t`
 * (for `t` that does not split a surrogate pair of `s`): substring search, LIKE patterns and
 * equality work on escaped text. Text that needs no escaping is returned as is.
 *
 * @example
 * escapeText("a\u0000b"); // "a\ue000\ue001\ue001b"
 * unescapeText(escapeText("a\u0000b")) === "a\u0000b"; // true
 */
export function escapeText(text: string): string {
  if (!UNSAFE.test(text)) return text;
  return text.replace(UNSAFE_ALL, (c) => escapeUnit(c.charCodeAt(0)));
}

/**
 * Reverses {@link escapeText}. An escape character not followed by two digits that make an
 * escape (text written by another program) is kept as it is.
 */
export function unescapeText(text: string): string {
  if (!text.includes(TEXT_ESCAPE)) return text;
  return text.replace(ESCAPED, (match, high: string, low: string) => {
    const unit = unescapeUnit(high, low);
    return unit === undefined ? match : String.fromCharCode(unit);
  });
}

/**
 * Applies {@link escapeText} to every string (object keys included) of a JSON text made by
 * `JSON.stringify`, which writes NUL and lone surrogates as `\u` escapes. The result is valid
 * JSON whose strings are the escaped strings, so a database's JSON functions return escaped text.
 * Text without such escapes nor reserved characters is returned as is.
 */
export function escapeJsonText(json: string): string {
  if (!JSON_UNSAFE.test(json)) return json;
  return json.replace(JSON_TOKENS, (token, hex: string | undefined) => {
    if (hex !== undefined) return escapeUnit(Number.parseInt(hex, 16));
    return token.length === 1 ? escapeUnit(token.charCodeAt(0)) : token;
  });
}

/** Reverses {@link escapeJsonText}: NUL and lone surrogates come back as `\u` escapes. */
export function unescapeJsonText(json: string): string {
  if (!json.includes(TEXT_ESCAPE)) return json;
  return json.replace(ESCAPED, (match, high: string, low: string) => {
    const unit = unescapeUnit(high, low);
    if (unit === undefined) return match;
    if (unit === 0 || isSurrogate(unit)) return `\\u${unit.toString(16).padStart(4, "0")}`;
    return String.fromCharCode(unit);
  });
}
