import { createMessage, File, Image, type MessageInit, ModelProviderError } from "@agno/core";
import type { RawMessageStreamEvent } from "@anthropic-ai/sdk/resources/messages";
import { describe, expect, it } from "vitest";
import { Claude } from "./claude.js";
import { formatMessages, formatToolChoice, formatTools } from "./format.js";
import { parseStream } from "./parse.js";

const ctx = { provider: "Anthropic", modelId: "claude-test", thinking: false };
const msgs = (...list: MessageInit[]) => list.map((m) => createMessage(m));

describe("formatMessages", () => {
  it("lifts system and developer messages into the top-level system", async () => {
    const out = await formatMessages(
      msgs(
        { role: "system", content: "You are helpful." },
        { role: "developer", content: "Be brief." },
        { role: "user", content: "hi" },
      ),
      ctx,
    );
    expect(out).toEqual({
      system: "You are helpful.\n\nBe brief.",
      messages: [{ role: "user", content: "hi" }],
    });
  });

  it("merges consecutive messages of one role, tool results first", async () => {
    const out = await formatMessages(
      msgs(
        { role: "user", content: "a" },
        { role: "user", content: "b" },
        {
          role: "assistant",
          content: null,
          tool_calls: [
            { id: "t1", type: "function", function: { name: "f", arguments: "not json" } },
          ],
        },
        { role: "tool", tool_call_id: "t1", content: "r1" },
        { role: "user", content: "Also consider this." },
      ),
      ctx,
    );
    expect(out.messages).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "a" },
          { type: "text", text: "b" },
        ],
      },
      { role: "assistant", content: [{ type: "tool_use", id: "t1", name: "f", input: {} }] },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "t1", content: "r1" },
          { type: "text", text: "Also consider this." },
        ],
      },
    ]);
  });

  it("sends thinking blocks back only when thinking is on", async () => {
    const history = msgs({
      role: "assistant",
      content: "Answer.",
      reasoning_content: "Because.",
      provider_data: { signature: "sig" },
    });
    const off = await formatMessages(history, ctx);
    expect(off.messages[0]?.content).toEqual([{ type: "text", text: "Answer." }]);
    const on = await formatMessages(history, { ...ctx, thinking: true });
    expect(on.messages[0]?.content).toEqual([
      { type: "thinking", thinking: "Because.", signature: "sig" },
      { type: "text", text: "Answer." },
    ]);
  });

  it("attaches images to tool results", async () => {
    const out = await formatMessages(
      msgs({
        role: "tool",
        tool_call_id: "t1",
        content: "a chart",
        images: [new Image({ url: "https://example.com/chart.png" })],
      }),
      ctx,
    );
    expect(out.messages[0]?.content).toEqual([
      {
        type: "tool_result",
        tool_use_id: "t1",
        content: [
          { type: "text", text: "a chart" },
          { type: "image", source: { type: "url", url: "https://example.com/chart.png" } },
        ],
      },
    ]);
  });

  it("decodes data URLs into base64 sources", async () => {
    const out = await formatMessages(
      msgs({
        role: "user",
        content: "look",
        images: [new Image({ url: "data:image/gif;base64,R0lGODlhAQABAAAAACw=" })],
        files: [new File({ url: "data:text/plain,hello%20world" })],
      }),
      ctx,
    );
    expect(out.messages[0]?.content).toEqual([
      {
        type: "image",
        source: { type: "base64", media_type: "image/gif", data: "R0lGODlhAQABAAAAACw=" },
      },
      { type: "document", source: { type: "text", media_type: "text/plain", data: "hello world" } },
      { type: "text", text: "look" },
    ]);
  });

  it("rejects media Claude cannot read with a 400 naming the type", async () => {
    const image = msgs({
      role: "user",
      content: "x",
      images: [new Image({ content: new Uint8Array([1, 2, 3]), mimeType: "image/bmp" })],
    });
    await expect(formatMessages(image, ctx)).rejects.toMatchObject({
      name: "ModelProviderError",
      status: 400,
      message: expect.stringContaining("image/bmp"),
    });
    const file = msgs({
      role: "user",
      content: "x",
      files: [
        new File({ content: new Uint8Array([1]), mimeType: "application/zip", filename: "a.zip" }),
      ],
    });
    const error = await formatMessages(file, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelProviderError);
    expect((error as Error).message).toContain("application/zip (a.zip)");
  });
});

describe("tools", () => {
  it("maps definitions and every tool choice", () => {
    expect(formatTools([{ name: "noop", parameters: { properties: {} } }])).toEqual([
      { name: "noop", input_schema: { type: "object", properties: {} } },
    ]);
    expect(formatToolChoice("auto")).toEqual({ type: "auto" });
    expect(formatToolChoice("required")).toEqual({ type: "any" });
    expect(formatToolChoice("none")).toEqual({ type: "none" });
    expect(formatToolChoice({ type: "function", function: { name: "noop" } })).toEqual({
      type: "tool",
      name: "noop",
    });
  });
});

describe("buildRequestParams", () => {
  it("puts the schema in the system prompt when asked for json_schema mode", async () => {
    const params = await new Claude({ apiKey: "k" }).buildRequestParams({
      messages: msgs({ role: "user", content: "hi" }),
      outputSchema: { name: "x", schema: { type: "object" }, strict: true, mode: "json_schema" },
    });
    expect(params.system).toContain('{"type":"object"}');
  });
});

describe("parseStream", () => {
  async function run(events: unknown[]) {
    async function* source() {
      for (const e of events) yield e as RawMessageStreamEvent;
    }
    const out = [];
    for await (const d of parseStream(source())) out.push(d);
    return out;
  }

  it("assembles a tool call without input deltas and merges message_delta usage", async () => {
    const deltas = await run([
      {
        type: "message_start",
        message: { usage: { input_tokens: 5, output_tokens: 1, cache_read_input_tokens: null } },
      },
      {
        type: "content_block_start",
        index: 0,
        content_block: { type: "tool_use", id: "t", name: "noop", input: {} },
      },
      { type: "content_block_stop", index: 0 },
      {
        type: "message_delta",
        delta: { stop_reason: "tool_use" },
        usage: { output_tokens: 9, input_tokens: null, cache_read_input_tokens: 4 },
      },
      { type: "message_stop" },
    ]);
    expect(deltas).toEqual([
      {
        type: "tool_call",
        toolCall: { id: "t", type: "function", function: { name: "noop", arguments: "{}" } },
      },
      {
        type: "usage",
        usage: { input_tokens: 5, output_tokens: 9, total_tokens: 14, cache_read_tokens: 4 },
      },
    ]);
  });
});
