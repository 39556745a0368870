import { describe, expect, it } from "vitest";
import {
  escapeJsonText,
  escapeText,
  TEXT_ESCAPE,
  unescapeJsonText,
  unescapeText,
} from "./text-escape.js";

/** What a UTF-8 database stores: lone surrogates would come back as U+FFFD. */
const survivesUtf8 = (text: string) => Buffer.from(text, "utf8").toString("utf8") === text;

/** Units where escaping changes: NUL, surrogate edges, the reserved block's edges, and plain ones. */
const SPECIAL = [
  "\u0000",
  "\ud800",
  "\udbff",
  "\udc00",
  "\udfff",
  TEXT_ESCAPE,
  "\ue001",
  "\ue040",
  "\ue041",
  "\ufffd",
  "%",
  "a",
];

/** Every string of up to three units from {@link SPECIAL}. */
const combos = SPECIAL.flatMap((a) => [
  a,
  ...SPECIAL.flatMap((b) => [a + b, ...SPECIAL.map((c) => a + b + c)]),
]);

/** Substring as a UTF-8 database sees it: `part` must not split a surrogate pair of `text`. */
function containsCodePoints(text: string, part: string): boolean {
  const high = (i: number) => text.charCodeAt(i) >= 0xd800 && text.charCodeAt(i) <= 0xdbff;
  const low = (i: number) => text.charCodeAt(i) >= 0xdc00 && text.charCodeAt(i) <= 0xdfff;
  for (let i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
    const end = i + part.length;
    if (!(low(i) && high(i - 1)) && !(high(end - 1) && low(end))) return true;
  }
  return false;
}

describe("escapeText", () => {
  it("escapes NUL, lone surrogates and the reserved block as three characters each", () => {
    expect(escapeText("a\u0000b")).toBe(`a${TEXT_ESCAPE}\ue001\ue001b`);
    expect(escapeText(TEXT_ESCAPE)).toBe(`${TEXT_ESCAPE}\ue001\ue002`);
    expect(escapeText("\ue040")).toBe(`${TEXT_ESCAPE}\ue002\ue002`);
    expect(escapeText("\ud800")).toBe(`${TEXT_ESCAPE}\ue005\ue001`);
    expect(escapeText("\udfff")).toBe(`${TEXT_ESCAPE}\ue024\ue040`);
    expect(escapeText("😀 \u202e %_\\ \ue041")).toBe("😀 \u202e %_\\ \ue041");
  });

  it("round-trips every code unit, alone and between letters, as valid UTF-8 without NUL", () => {
    for (let unit = 0; unit <= 0xffff; unit++) {
      const c = String.fromCharCode(unit);
      for (const s of [c, `a${c}b`, `${c}${c}`]) {
        const escaped = escapeText(s);
        if (unescapeText(escaped) !== s || escaped.includes("\u0000") || !survivesUtf8(escaped))
          expect.fail(`U+${unit.toString(16).padStart(4, "0")} does not round-trip in ${s.length}`);
      }
    }
  });

  it("matches a substring of escaped text exactly when the raw text contains it", () => {
    const escaped = new Map(combos.map((s) => [s, escapeText(s)]));
    for (const s of combos) {
      expect(unescapeText(escaped.get(s)!), JSON.stringify(s)).toBe(s);
      for (const part of combos) {
        if (part.length > s.length) continue;
        const found = escaped.get(s)!.includes(escaped.get(part)!);
        if (found !== containsCodePoints(s, part))
          expect.fail(`${JSON.stringify(s)} contains ${JSON.stringify(part)}: got ${found}`);
      }
    }
  });

  it("keeps an escape character that does not start an escape, as text from elsewhere has", () => {
    for (const foreign of [TEXT_ESCAPE, `${TEXT_ESCAPE}x`, `${TEXT_ESCAPE}\ue040\ue040`])
      expect(unescapeText(foreign)).toBe(foreign);
  });
});

describe("escapeJsonText", () => {
  it("escapes keys and values as escapeText does, and reverses exactly", () => {
    for (const s of combos) {
      const value = { [s]: [s, { k: s }] };
      const json = escapeJsonText(JSON.stringify(value));
      expect(survivesUtf8(json), JSON.stringify(s)).toBe(true);
      expect(JSON.parse(json), JSON.stringify(s)).toEqual({
        [escapeText(s)]: [escapeText(s), { k: escapeText(s) }],
      });
      expect(JSON.parse(unescapeJsonText(json)), JSON.stringify(s)).toEqual(value);
    }
  });

  it("returns JSON that needs no escaping unchanged, and leaves escaped backslashes alone", () => {
    const clean = JSON.stringify({ a: "😀 \u202e", b: [1, true, null], "\\u0000": "\\ud800" });
    expect(escapeJsonText(clean)).toBe(clean);
    expect(unescapeJsonText(clean)).toBe(clean);
  });
});
