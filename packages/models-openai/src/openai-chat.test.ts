import {
  Agent,
  Audio,
  createMessage,
  File,
  getLogger,
  Image,
  type Logger,
  setLogger,
  toJsonSchema,
  tool,
} from "@agno/core";
import { type OpenAIServer, startOpenAIServer } from "@agno/test-utils/openai-server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { ToolCallAssembler } from "./chat-format.js";
import { OpenAIChat, type OpenAIChatOptions } from "./index.js";
import { add, getWeather, quietLogger, TVShow } from "./test-helpers.js";

const PNG_1PX =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

let server: OpenAIServer;
let previousLogger: Logger;
const model = (options: OpenAIChatOptions = {}) =>
  new OpenAIChat({ id: "gpt-4o-mini", apiKey: "test", baseURL: server.baseURL, ...options });

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

describe("OpenAIChat request body", () => {
  it("sends the system message, the tools as JSON schema and the tool results", async () => {
    server.enqueue(
      { toolCalls: [{ id: "call_1", name: "get_weather", arguments: { city: "Rome" } }] },
      "Sunny in Rome.",
    );
    const agent = new Agent({
      model: model(),
      instructions: "You are a weather bot.",
      tools: [getWeather],
    });
    await agent.run("Weather in Rome?");
    const [first, second] = server.requests.map((r) => r.body);
    expect(first.messages).toEqual([
      { role: "system", content: expect.stringContaining("You are a weather bot.") },
      { role: "user", content: "Weather in Rome?" },
    ]);
    expect(first.tools).toEqual([
      {
        type: "function",
        function: {
          name: "get_weather",
          description: "Current weather in a city",
          parameters: toJsonSchema(z.object({ city: z.string() })),
        },
      },
    ]);
    expect(first.tool_choice).toBeUndefined();
    expect(first.parallel_tool_calls).toBeUndefined();
    expect(first.response_format).toBeUndefined();
    expect(second.messages.slice(1)).toEqual([
      { role: "user", content: "Weather in Rome?" },
      {
        role: "assistant",
        content: null,
        tool_calls: [
          {
            id: "call_1",
            type: "function",
            function: { name: "get_weather", arguments: '{"city":"Rome"}' },
          },
        ],
      },
      { role: "tool", tool_call_id: "call_1", content: expect.stringContaining('"tempC":21') },
    ]);
  });

  it("sends response_format json_schema in strict form", async () => {
    server.enqueue({ json: { title: "Dark", year: 2017, genres: [] } });
    await new Agent({ model: model(), outputSchema: TVShow }).run("show");
    expect(server.requests[0]?.body.response_format).toEqual({
      type: "json_schema",
      json_schema: {
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

  it("sends strict:false with the schema unchanged when it cannot be made strict", async () => {
    const Loose = z.object({ title: z.string(), note: z.string().optional() });
    server.enqueue({ json: { title: "x" } });
    const output = await new Agent({ model: model(), outputSchema: Loose }).run("x");
    expect(output.content).toEqual({ title: "x" });
    const format = server.requests[0]?.body.response_format;
    expect(format.json_schema.strict).toBe(false);
    expect(format.json_schema.schema.required).toEqual(["title"]);
    expect(format.json_schema.name).toBe("object");
  });

  it("sends strict:false when strictOutput is off", async () => {
    server.enqueue({ json: { title: "Dark", year: 2017, genres: [] } });
    await new Agent({ model: model({ strictOutput: false }), outputSchema: TVShow }).run("x");
    expect(server.requests[0]?.body.response_format.json_schema.strict).toBe(false);
  });

  it("sends response_format json_object in JSON mode", async () => {
    server.enqueue({ json: { title: "Dark", year: 2017, genres: ["drama"] } });
    const output = await new Agent({
      model: model(),
      outputSchema: TVShow,
      useJsonMode: true,
    }).run("show");
    expect(server.requests[0]?.body.response_format).toEqual({ type: "json_object" });
    expect(output.content).toEqual({ title: "Dark", year: 2017, genres: ["drama"] });
  });

  it("maps tool_choice and strict tools", async () => {
    const strictTool = tool({
      name: "lookup",
      description: "Look up a term",
      inputSchema: z.object({ term: z.string() }),
      strict: true,
      execute: ({ term }) => term,
    });
    server.enqueue("ok");
    await new Agent({
      model: model(),
      tools: [strictTool, add],
      toolChoice: { type: "function", function: { name: "lookup" } },
    }).run("x");
    const body = server.requests[0]?.body;
    expect(body.tool_choice).toEqual({ type: "function", function: { name: "lookup" } });
    expect(body.tools[0].function).toEqual({
      name: "lookup",
      description: "Look up a term",
      strict: true,
      parameters: {
        type: "object",
        properties: { term: { type: "string" } },
        required: ["term"],
        additionalProperties: false,
      },
    });
    expect(body.tools[1].function.strict).toBeUndefined();
  });

  it("sends the model parameters, extra headers, query and body", async () => {
    server.enqueue("ok");
    await new Agent({
      model: model({
        temperature: 0.2,
        topP: 0.9,
        maxTokens: 100,
        maxCompletionTokens: 200,
        stop: ["END"],
        seed: 7,
        frequencyPenalty: 0.1,
        presencePenalty: 0.3,
        logitBias: { "50256": -100 },
        logprobs: true,
        topLogprobs: 2,
        user: "user-1",
        serviceTier: "flex",
        reasoningEffort: "low",
        verbosity: "low",
        store: false,
        metadata: { app: "tests" },
        modalities: ["text"],
        requestParams: { prediction: { type: "content", content: "x" } },
        extraBody: { top_k: 5 },
        extraHeaders: { "x-extra": "1" },
        extraQuery: { "api-version": "2024" },
        defaultHeaders: { "x-default": "2" },
        roleMap: { system: "developer" },
      }),
      instructions: "Be brief.",
    }).run("hi");
    const request = server.requests[0]!;
    expect(request.body).toMatchObject({
      model: "gpt-4o-mini",
      temperature: 0.2,
      top_p: 0.9,
      max_tokens: 100,
      max_completion_tokens: 200,
      stop: ["END"],
      seed: 7,
      frequency_penalty: 0.1,
      presence_penalty: 0.3,
      logit_bias: { "50256": -100 },
      logprobs: true,
      top_logprobs: 2,
      user: "user-1",
      service_tier: "flex",
      reasoning_effort: "low",
      verbosity: "low",
      store: false,
      metadata: { app: "tests" },
      modalities: ["text"],
      prediction: { type: "content", content: "x" },
      top_k: 5,
    });
    expect(request.body.messages[0].role).toBe("developer");
    expect(request.headers["x-extra"]).toBe("1");
    expect(request.headers["x-default"]).toBe("2");
    expect(request.query).toEqual({ "api-version": "2024" });
  });

  it("streams with stream_options.include_usage", async () => {
    server.enqueue("streamed");
    await model()
      .responseStream({ messages: [createMessage({ role: "user", content: "hi" })] })
      .next();
    expect(server.requests[0]?.body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
  });
});

describe("OpenAIChat media", () => {
  it("sends images as image_url parts: the URL, or a data URL of the bytes", async () => {
    server.enqueue("A cat and a pixel.");
    const output = await new Agent({ model: model() }).run("Describe these", {
      images: [
        new Image({ url: "https://example.com/cat.jpg", detail: "low" }),
        new Image({ content: PNG_1PX, mimeType: "image/png" }),
        new Image({ content: Buffer.from(PNG_1PX, "base64") }),
      ],
    });
    expect(output.content).toBe("A cat and a pixel.");
    const user = server.requests[0]?.body.messages.at(-1);
    expect(user).toEqual({
      role: "user",
      content: [
        { type: "text", text: "Describe these" },
        { type: "image_url", image_url: { url: "https://example.com/cat.jpg", detail: "low" } },
        { type: "image_url", image_url: { url: `data:image/png;base64,${PNG_1PX}` } },
        { type: "image_url", image_url: { url: `data:image/png;base64,${PNG_1PX}` } },
      ],
    });
  });

  it("sends audio as input_audio and files as file parts", async () => {
    server.enqueue("Heard and read.");
    const wav = Buffer.from("RIFF....WAVEfmt ").toString("base64");
    const pdf = Buffer.from("%PDF-1.4 test").toString("base64");
    await new Agent({ model: model() }).run("What is in these?", {
      audio: [new Audio({ content: wav, format: "wav" })],
      files: [new File({ content: pdf, mimeType: "application/pdf", filename: "report.pdf" })],
    });
    const user = server.requests[0]?.body.messages.at(-1);
    expect(user.content).toEqual([
      { type: "text", text: "What is in these?" },
      { type: "input_audio", input_audio: { data: wav, format: "wav" } },
      {
        type: "file",
        file: { file_data: `data:application/pdf;base64,${pdf}`, filename: "report.pdf" },
      },
    ]);
  });
});

describe("OpenAIChat responses", () => {
  it("keeps logprobs and reads reasoning_content", async () => {
    server.enqueue({
      raw: {
        status: 200,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          id: "chatcmpl-x",
          object: "chat.completion",
          created: 0,
          model: "deepseek-reasoner",
          choices: [
            {
              index: 0,
              finish_reason: "stop",
              logprobs: { content: [{ token: "Hi", logprob: -0.1, top_logprobs: [] }] },
              message: { role: "assistant", content: "Hi", reasoning_content: "greet" },
            },
          ],
          usage: {
            prompt_tokens: 3,
            completion_tokens: 1,
            total_tokens: 4,
            prompt_tokens_details: { audio_tokens: 2 },
            completion_tokens_details: { audio_tokens: 1 },
          },
        }),
      },
    });
    const response = await model().response({
      messages: [createMessage({ role: "user", content: "hi" })],
    });
    expect(response).toEqual({
      content: "Hi",
      reasoningContent: "greet",
      usage: {
        input_tokens: 3,
        output_tokens: 1,
        total_tokens: 4,
        audio_input_tokens: 2,
        audio_output_tokens: 1,
        audio_total_tokens: 3,
      },
      providerData: { logprobs: [{ token: "Hi", logprob: -0.1, top_logprobs: [] }] },
    });
  });

  it("reads a stream from a compatible server that reuses index 0 for parallel calls", async () => {
    const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
      `data: ${JSON.stringify({ id: "c", object: "chat.completion.chunk", created: 0, model: "llama", choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    server.enqueue({
      raw: {
        status: 200,
        headers: { "content-type": "text/event-stream" },
        body:
          chunk({ role: "assistant", reasoning: "two tools" }) +
          chunk({
            tool_calls: [
              { index: 0, id: "a", function: { name: "add", arguments: '{"a":1,"b":2}' } },
            ],
          }) +
          chunk({
            tool_calls: [
              { index: 0, id: "b", function: { name: "add", arguments: '{"a":3,"b":4}' } },
            ],
          }) +
          chunk({}, "tool_calls") +
          "data: [DONE]\n\n",
      },
    });
    const deltas = [];
    for await (const delta of model().responseStream({
      messages: [createMessage({ role: "user", content: "hi" })],
    })) {
      deltas.push(delta);
    }
    expect(deltas).toEqual([
      { type: "reasoning", content: "two tools" },
      {
        type: "tool_call",
        toolCall: {
          id: "a",
          type: "function",
          function: { name: "add", arguments: '{"a":1,"b":2}' },
        },
      },
      {
        type: "tool_call",
        toolCall: {
          id: "b",
          type: "function",
          function: { name: "add", arguments: '{"a":3,"b":4}' },
        },
      },
    ]);
  });

  it("fails with a ModelProviderError carrying the message of an error inside a stream", async () => {
    server.enqueue({
      raw: {
        status: 200,
        headers: { "content-type": "text/event-stream" },
        body: `data: ${JSON.stringify({ error: { message: "overloaded", type: "server_error" } })}\n\n`,
      },
    });
    const run = async () => {
      for await (const _ of model().responseStream({
        messages: [createMessage({ role: "user", content: "hi" })],
      })) {
        // drain
      }
    };
    await expect(run()).rejects.toMatchObject({
      name: "ModelProviderError",
      status: 502,
      message: expect.stringContaining("overloaded"),
    });
  });
});

describe("ToolCallAssembler", () => {
  it("joins argument fragments by index and names calls without ids", () => {
    const calls = new ToolCallAssembler();
    calls.add({ index: 1, id: "x", function: { name: "b", arguments: '{"q":' } }, 0);
    calls.add({ index: 0, id: "w", function: { name: "a", arguments: "" } }, 0);
    calls.add({ index: 1, function: { arguments: "1}" } }, 0);
    calls.add({ index: 0, function: { arguments: "{}" } }, 0);
    calls.add({ function: { name: "c" } }, 5);
    const out = calls.finish();
    expect(out.map((c) => [c.id, c.function.name, c.function.arguments])).toEqual([
      ["x", "b", '{"q":1}'],
      ["w", "a", "{}"],
      [expect.stringMatching(/^call_/), "c", "{}"],
    ]);
  });
});
