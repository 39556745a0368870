import { isMalformed, type Row } from "@agno/core";
import {
  containsCodePoints,
  HOSTILE_STRINGS,
  hostileSeed,
  hostileStrings,
  shown,
} from "@agno/test-utils";
import { describe, expect, it } from "vitest";
import { decodeRow, encodeJson, encodeText, encodeValue } from "./codec.js";
import { selectStatement } from "./query-builder.js";
import { tableInfo } from "./table-info.js";

const memories = tableInfo("memories", "ai", "agno_memories");
const column = (name: string) => memories.columns.get(name)!;

const seed = hostileSeed();
const gen = hostileStrings(seed);
const samples = [
  ...HOSTILE_STRINGS,
  ...Array.from({ length: 3_000 }, () => gen.next(80)),
  gen.string(10_000),
  gen.string(10_000),
];

/** PostgreSQL text is UTF-8 without NUL: lone surrogates would come back as U+FFFD. */
const storable = (text: string) =>
  !text.includes("\u0000") && Buffer.from(text, "utf8").toString("utf8") === text;

/** Encodes a memory row as PostgresDb writes it, and decodes it as PostgresDb reads it back. */
function roundTrip(row: Row): Row {
  const values = memories.def.columns.map((c) => encodeValue(c, row[c.name]));
  const decoded = decodeRow(memories, values);
  if (isMalformed(decoded)) throw new Error(decoded.reason);
  return decoded;
}

/** Every string of a JSON value, object keys included. */
function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsOf(v, out);
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      stringsOf(v, out);
    }
  return out;
}

/** PostgreSQL's LIKE with the default `\` escape, on whole characters. */
function like(text: string, pattern: string): boolean {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    let c = pattern[i]!;
    if (c === "%") source += "[^]*";
    else if (c === "_") source += ".";
    else {
      if (c === "\\") c = pattern[++i]!;
      source += c.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
    }
  }
  return new RegExp(`^${source}$`, "su").test(text);
}

describe(`codec, as a property over hostile strings (seed ${seed})`, () => {
  it("round-trips every string in text columns, stored as NUL-free valid UTF-8", () => {
    for (const s of samples) {
      const encoded = encodeValue(column("input"), s) as string;
      expect(storable(encoded), shown(s)).toBe(true);
      const back = roundTrip({ memory_id: s, memory: "m", input: s, user_id: s });
      expect([back.memory_id, back.input, back.user_id], shown(s)).toEqual([s, s, s]);
    }
  });

  it("round-trips every string in JSON columns, keys included, as JSON that jsonb accepts", () => {
    for (const s of samples) {
      const memory = { [s]: [s, { k: s, n: 1.5 }, null, true], plain: "x" };
      const json = encodeValue(column("memory"), memory) as string;
      const parsed: unknown = JSON.parse(json);
      expect(/\\u(?:0000|d[89a-f])/i.test(json.replaceAll("\\\\", "")), shown(s)).toBe(false);
      expect(stringsOf(parsed).every(storable), shown(s)).toBe(true);
      expect(stringsOf(parsed), shown(s)).toEqual(stringsOf(memory).map(encodeText));
      const back = roundTrip({ memory_id: "k", memory, topics: [s, s.slice(1)] });
      expect([back.memory, back.topics], shown(s)).toEqual([memory, [s, s.slice(1)]]);
    }
  });

  it("finds a substring with ILIKE on the stored text exactly when the raw text contains it", () => {
    for (const [i, s] of samples.entries()) {
      const stored = JSON.parse(encodeJson(s)!) as string;
      const start = gen.int(Math.max(1, s.length));
      const needles = [
        s.slice(start, start + 1 + gen.int(8)),
        samples[(i * 31 + 7) % samples.length]!.slice(0, 3),
        `${s.slice(0, 2)}%`,
      ];
      for (const needle of needles) {
        const { values } = selectStatement(memories, {
          contains: { columns: ["memory"], text: needle },
        });
        expect(like(stored, values[0] as string), `${shown(s)} contains ${shown(needle)}`).toBe(
          containsCodePoints(s, needle),
        );
      }
    }
  });

  it("compares filter values encoded as the stored values are", () => {
    for (const s of HOSTILE_STRINGS) {
      const { values } = selectStatement(memories, {
        eq: { user_id: s },
        anyOf: { column: "topics", values: [s] },
      });
      expect(values, shown(s)).toEqual([
        encodeValue(column("user_id"), s),
        (JSON.parse(encodeValue(column("topics"), [s]) as string) as string[])[0],
      ]);
    }
  });

  it("leaves text and JSON that need no escaping as they are", () => {
    const clean = { a: "😀 \u202e %_\\", b: ["\\u0000", 1, null] };
    expect(encodeValue(column("memory"), clean)).toBe(JSON.stringify(clean));
    expect(encodeValue(column("input"), "naïve \u200f 😀")).toBe("naïve \u200f 😀");
  });
});
