import {
  Agent,
  createMessage,
  File,
  getLogger,
  Image,
  type Logger,
  setLogger,
  toJsonSchema,
} from "@agno/core";
import { type OpenAIServer, startOpenAIServer } from "@agno/test-utils/openai-server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { OpenAIResponses, type OpenAIResponsesOptions } from "./index.js";
import { collect, getWeather, quietLogger, TVShow } from "./test-helpers.js";

const PNG_1PX =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

let server: OpenAIServer;
let previousLogger: Logger;
const model = (options: OpenAIResponsesOptions = {}) =>
  new OpenAIResponses({ id: "gpt-4.1-mini", apiKey: "test", baseURL: server.baseURL, ...options });

beforeAll(() => {
  previousLogger = getLogger();
  quietLogger();
});
afterAll(() => setLogger(previousLogger));
beforeEach(async () => {
  server = await startOpenAIServer();
});
afterEach(async () => {
  await server.close();
});

describe("OpenAIResponses request body", () => {
  it("sends developer input, flat function tools, function_call and function_call_output items", async () => {
    server.enqueue(
      { toolCalls: [{ id: "call_1", name: "get_weather", arguments: { city: "Rome" } }] },
      "Sunny in Rome.",
    );
    const output = await new Agent({
      model: model(),
      instructions: "You are a weather bot.",
      tools: [getWeather],
    }).run("Weather in Rome?");
    expect(output.content).toBe("Sunny in Rome.");
    expect(output.model_provider_data).toEqual({ response_id: "resp_2" });
    const [first, second] = server.requests.map((r) => r.body);
    expect(server.requests[0]?.path).toBe("/v1/responses");
    expect(first.input).toEqual([
      { role: "developer", content: expect.stringContaining("You are a weather bot.") },
      { role: "user", content: "Weather in Rome?" },
    ]);
    expect(first.tools).toEqual([
      {
        type: "function",
        name: "get_weather",
        description: "Current weather in a city",
        parameters: toJsonSchema(z.object({ city: z.string() })),
        strict: false,
      },
    ]);
    expect(first.text).toBeUndefined();
    expect(second.input.slice(1)).toEqual([
      { role: "user", content: "Weather in Rome?" },
      {
        type: "function_call",
        call_id: "call_1",
        name: "get_weather",
        arguments: '{"city":"Rome"}',
      },
      {
        type: "function_call_output",
        call_id: "call_1",
        output: expect.stringContaining('"tempC":21'),
      },
    ]);
  });

  it("sends text.format json_schema for structured output", async () => {
    server.enqueue({ json: { title: "Dark", year: 2017, genres: ["sci-fi"] } });
    const output = await new Agent({ model: model(), outputSchema: TVShow }).run("show");
    expect(output.content).toEqual({ title: "Dark", year: 2017, genres: ["sci-fi"] });
    expect(server.requests[0]?.body.text).toEqual({
      format: {
        type: "json_schema",
        name: "TVShow",
        strict: true,
        schema: {
          title: "TVShow",
          type: "object",
          properties: {
            title: { type: "string" },
            year: expect.objectContaining({ type: "integer" }),
            genres: { type: "array", items: { type: "string" } },
          },
          required: ["title", "year", "genres"],
          additionalProperties: false,
        },
      },
    });
  });

  it("sends the options that apply to the Responses API", async () => {
    server.enqueue("ok");
    await new Agent({
      model: model({
        temperature: 0.5,
        topP: 0.8,
        maxOutputTokens: 300,
        reasoningEffort: "medium",
        reasoningSummary: "auto",
        verbosity: "high",
        store: false,
        metadata: { app: "tests" },
        serviceTier: "priority",
        user: "u-1",
        include: ["reasoning.encrypted_content"],
        extraBody: { truncation: "auto" },
        extraHeaders: { "x-extra": "yes" },
      }),
      toolChoice: "none",
      tools: [getWeather],
    }).run("hi");
    const request = server.requests[0]!;
    expect(request.body).toMatchObject({
      model: "gpt-4.1-mini",
      temperature: 0.5,
      top_p: 0.8,
      max_output_tokens: 300,
      reasoning: { effort: "medium", summary: "auto" },
      text: { verbosity: "high" },
      store: false,
      metadata: { app: "tests" },
      service_tier: "priority",
      user: "u-1",
      include: ["reasoning.encrypted_content"],
      truncation: "auto",
      tool_choice: "none",
    });
    expect(request.headers["x-extra"]).toBe("yes");
  });

  it("sends images as input_image and files as input_file", async () => {
    server.enqueue("Seen.");
    const pdf = Buffer.from("%PDF-1.4 test").toString("base64");
    await new Agent({ model: model() }).run("Look", {
      images: [
        new Image({ url: "https://example.com/cat.jpg" }),
        new Image({ content: PNG_1PX, mimeType: "image/png", detail: "high" }),
      ],
      files: [
        new File({ content: pdf, mimeType: "application/pdf", filename: "a.pdf" }),
        new File({ url: "https://example.com/b.pdf" }),
      ],
    });
    expect(server.requests[0]?.body.input.at(-1)).toEqual({
      role: "user",
      content: [
        { type: "input_text", text: "Look" },
        { type: "input_image", image_url: "https://example.com/cat.jpg", detail: "auto" },
        { type: "input_image", image_url: `data:image/png;base64,${PNG_1PX}`, detail: "high" },
        { type: "input_file", file_data: `data:application/pdf;base64,${pdf}`, filename: "a.pdf" },
        { type: "input_file", file_url: "https://example.com/b.pdf" },
      ],
    });
  });
});

describe("OpenAIResponses events", () => {
  it("assembles function-call argument deltas and reads usage from response.completed", async () => {
    server.enqueue({
      toolCalls: [
        { id: "call_x", name: "add", arguments: { a: 10, b: 20 } },
        { id: "call_y", name: "add", arguments: { a: 1, b: 2 } },
      ],
      chunkSize: 2,
      usage: { inputTokens: 50, outputTokens: 9, cachedTokens: 32, cacheWriteTokens: 4 },
    });
    const deltas = [];
    for await (const delta of model().responseStream({
      messages: [createMessage({ role: "user", content: "add" })],
    })) {
      deltas.push(delta);
    }
    expect(deltas).toEqual([
      {
        type: "tool_call",
        toolCall: {
          id: "call_x",
          type: "function",
          function: { name: "add", arguments: '{"a":10,"b":20}' },
        },
      },
      {
        type: "tool_call",
        toolCall: {
          id: "call_y",
          type: "function",
          function: { name: "add", arguments: '{"a":1,"b":2}' },
        },
      },
      { type: "provider_data", data: { response_id: "resp_1" } },
      {
        type: "usage",
        usage: {
          input_tokens: 50,
          output_tokens: 9,
          total_tokens: 59,
          cache_read_tokens: 32,
          cache_write_tokens: 4,
        },
      },
    ]);
  });

  it("streams reasoning summaries as reasoning content", async () => {
    server.enqueue({ reasoning: "Short plan.", text: "Answer." });
    const events = await collect(new Agent({ model: model() }).run("q", { stream: true }));
    const reasoning = events.map((e) => (e as { reasoning_content?: string }).reasoning_content);
    expect(reasoning.filter(Boolean).join("")).toBe("Short plan.");
  });

  it("fails with the server's message on response.failed and error events", async () => {
    const sse = (events: Array<Record<string, unknown>>) =>
      events.map((e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`).join("");
    server.enqueue(
      {
        raw: {
          status: 200,
          headers: { "content-type": "text/event-stream" },
          body: sse([
            {
              type: "response.failed",
              sequence_number: 0,
              response: {
                id: "resp_f",
                status: "failed",
                output: [],
                error: { code: "server_error", message: "The model crashed." },
              },
            },
          ]),
        },
      },
      {
        raw: {
          status: 200,
          headers: { "content-type": "text/event-stream" },
          body: sse([
            {
              type: "error",
              sequence_number: 0,
              code: "rate_limit_exceeded",
              message: "Slow down.",
              param: null,
            },
          ]),
        },
      },
    );
    const drain = async () => {
      for await (const _ of model().responseStream({
        messages: [createMessage({ role: "user", content: "hi" })],
      })) {
        // drain
      }
    };
    await expect(drain()).rejects.toMatchObject({
      name: "ModelProviderError",
      status: 500,
      message: expect.stringContaining("The model crashed."),
    });
    await expect(drain()).rejects.toMatchObject({
      status: 429,
      message: expect.stringContaining("Slow down."),
    });
  });
});
