import { toJsonSchema } from "@agno/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { strictOrLoose, toStrictJsonSchema } from "./strict-schema.js";

describe("toStrictJsonSchema", () => {
  it("closes objects and requires every property, nested ones included", () => {
    const schema = {
      type: "object",
      properties: {
        name: { type: "string" },
        tags: {
          type: "array",
          items: { type: "object", properties: { k: { type: "string" } }, required: ["k"] },
        },
      },
      required: ["name", "tags"],
    };
    const before = structuredClone(schema);
    expect(toStrictJsonSchema(schema)).toEqual({
      type: "object",
      properties: {
        name: { type: "string" },
        tags: {
          type: "array",
          items: {
            type: "object",
            properties: { k: { type: "string" } },
            required: ["k"],
            additionalProperties: false,
          },
        },
      },
      required: ["name", "tags"],
      additionalProperties: false,
    });
    expect(schema).toEqual(before);
  });

  it("requires optional properties that accept null, and drops defaults", () => {
    const json = toJsonSchema(
      z.object({ a: z.string().nullish(), b: z.enum(["x", "y"]).default("x") }),
      "output",
    );
    expect(toStrictJsonSchema(json)).toMatchObject({
      properties: { a: { type: ["string", "null"] }, b: { type: "string", enum: ["x", "y"] } },
      required: ["a", "b"],
    });
    expect(JSON.stringify(toStrictJsonSchema(json))).not.toContain("default");
  });

  it("turns oneOf into anyOf and walks $defs", () => {
    const strict = toStrictJsonSchema({
      type: "object",
      properties: { shape: { oneOf: [{ $ref: "#/$defs/circle" }, { type: "null" }] } },
      required: ["shape"],
      $defs: {
        circle: { type: "object", properties: { r: { type: "number" } }, required: ["r"] },
      },
    });
    expect(strict).toMatchObject({
      properties: { shape: { anyOf: [{ $ref: "#/$defs/circle" }, { type: "null" }] } },
      $defs: { circle: { required: ["r"], additionalProperties: false } },
    });
  });

  it("gives up when strictness would change the schema's meaning", () => {
    const cases = [
      toJsonSchema(z.object({ a: z.string().optional() }), "output"),
      toJsonSchema(z.object({ m: z.record(z.string(), z.number()) }), "output"),
      toJsonSchema(z.object({ x: z.any() }), "output"),
      { type: "array", items: { type: "string" } },
      { type: "object", properties: { a: { allOf: [{ type: "string" }] } }, required: ["a"] },
      { type: "object", additionalProperties: true },
      { type: "object", properties: { k: { type: "string" } } },
    ];
    for (const schema of cases) expect(toStrictJsonSchema(schema)).toBeUndefined();
    expect(strictOrLoose(cases[0]!, true)).toEqual({ schema: cases[0], strict: false });
  });
});
