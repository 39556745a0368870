import {
  Agent,
  File,
  Image,
  ModelProviderError,
  type RunOutputEvent,
  resolveModel,
  tool,
} from "@agno/core";
import { type AnthropicServer, startAnthropicServer } from "@agno/test-utils/anthropic-server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { Claude, type ClaudeOptions } from "./index.js";

const getWeather = tool({
  name: "get_weather",
  description: "Current weather in a city",
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => ({ city, tempC: 21 }),
});

const getTime = tool({
  name: "get_time",
  description: "Local time in a city",
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => `12:00 in ${city}`,
});

let server: AnthropicServer;

beforeEach(async () => {
  server = await startAnthropicServer();
  // The SDK warns on every request that claude-sonnet-4-5 (the default id) is deprecated;
  // keep that out of the test output and let any other warning through.
  vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => {
    const text = args.map(String).join(" ");
    if (!text.includes("is deprecated and will reach end-of-life"))
      process.stderr.write(`${text}\n`);
  });
});

afterEach(async () => {
  await server.close();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

function claude(options: ClaudeOptions = {}): Claude {
  return new Claude({ apiKey: "test", baseURL: server.baseURL, ...options });
}

async function collect(stream: AsyncIterable<RunOutputEvent>): Promise<RunOutputEvent[]> {
  const events: RunOutputEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

/** The JSON body of the n-th request the server received. */
function body(n: number): any {
  return server.requests[n]?.body;
}

describe("Claude through an Agent", () => {
  it("answers a plain question", async () => {
    server.enqueue({ text: "Paris is the capital of France." });
    const agent = new Agent({ model: claude(), instructions: "Answer briefly." });
    const output = await agent.run("Capital of France?");

    expect(output.status).toBe("COMPLETED");
    expect(output.content).toBe("Paris is the capital of France.");
    expect(output.model).toBe("claude-sonnet-4-5");
    expect(output.model_provider).toBe("Anthropic");
    expect(server.requests).toHaveLength(1);
    const request = server.requests[0]!;
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/v1/messages");
    expect(request.headers["x-api-key"]).toBe("test");
    expect(request.headers["anthropic-version"]).toBeTypeOf("string");
    expect(request.body).toMatchObject({
      model: "claude-sonnet-4-5",
      max_tokens: 8192,
      messages: [{ role: "user", content: "Capital of France?" }],
    });
    expect(request.body.system).toContain("Answer briefly.");
    expect(request.body.stream).toBe(false);
    expect(request.body.tools).toBeUndefined();
  });

  it("streams an answer as several RunContent events", async () => {
    const text = "Streaming arrives in small pieces.";
    server.enqueue({ text, chunkSize: 5 });
    const agent = new Agent({ model: claude() });
    const events = await collect(agent.run("Stream please", { stream: true }));

    const content = events.filter((e) => e.event === "RunContent");
    expect(content.length).toBeGreaterThan(3);
    expect(content.map((e) => e.content).join("")).toBe(text);
    expect(body(0).stream).toBe(true);
  });

  it("calls one tool, sends its result back and ends with the final answer", async () => {
    server.enqueue(
      {
        text: "Let me check.",
        toolUses: [{ id: "toolu_1", name: "get_weather", input: { city: "Paris" } }],
      },
      { text: "It is 21°C in Paris." },
    );
    const agent = new Agent({
      model: claude(),
      tools: [getWeather],
      instructions: "You are a weather bot.",
    });
    const output = await agent.run("Weather in Paris?");

    expect(output.status).toBe("COMPLETED");
    expect(output.content).toBe("Let me check.It is 21°C in Paris.");
    expect(output.tools).toHaveLength(1);
    expect(output.tools?.[0]).toMatchObject({
      tool_call_id: "toolu_1",
      tool_name: "get_weather",
      tool_args: { city: "Paris" },
    });
    expect(output.tools?.[0]?.result).toContain("21");
    expect(output.messages?.map((m) => m.role)).toEqual([
      "system",
      "user",
      "assistant",
      "tool",
      "assistant",
    ]);
    expect(output.messages?.[2]?.tool_calls).toEqual([
      {
        id: "toolu_1",
        type: "function",
        function: { name: "get_weather", arguments: '{"city":"Paris"}' },
      },
    ]);

    // The exact second request: system on top, tool_use echoed, tool_result in a user message.
    const second = body(1);
    expect(second.system).toContain("You are a weather bot.");
    expect(second.tools).toEqual([
      {
        name: "get_weather",
        description: "Current weather in a city",
        input_schema: expect.objectContaining({
          type: "object",
          properties: { city: { type: "string" } },
          required: ["city"],
        }),
      },
    ]);
    expect(second.tool_choice).toBeUndefined();
    expect(second.messages).toEqual([
      { role: "user", content: "Weather in Paris?" },
      {
        role: "assistant",
        content: [
          { type: "text", text: "Let me check." },
          { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } },
        ],
      },
      {
        role: "user",
        content: [
          {
            type: "tool_result",
            tool_use_id: "toolu_1",
            content: output.tools?.[0]?.result,
          },
        ],
      },
    ]);
  });

  it("runs two parallel tool calls from a stream and merges their results into one user message", async () => {
    server.enqueue(
      {
        toolUses: [
          { id: "toolu_a", name: "get_weather", input: { city: "Paris" } },
          { id: "toolu_b", name: "get_time", input: { city: "Tokyo" } },
        ],
        chunkSize: 3,
      },
      { text: "Paris is 21°C; it is noon in Tokyo." },
    );
    const agent = new Agent({ model: claude(), tools: [getWeather, getTime] });
    const events = await collect(
      agent.run("Weather and time?", { stream: true, streamEvents: true }),
    );

    const started = events.filter((e) => e.event === "ToolCallStarted") as Array<{
      tool: { tool_name: string; tool_args: Record<string, unknown> };
    }>;
    expect(started.map((e) => [e.tool.tool_name, e.tool.tool_args])).toEqual([
      ["get_weather", { city: "Paris" }],
      ["get_time", { city: "Tokyo" }],
    ]);
    const completed = events.at(-1) as { event: string; content: string };
    expect(completed.event).toBe("RunCompleted");
    expect(completed.content).toBe("Paris is 21°C; it is noon in Tokyo.");

    const messages = body(1).messages;
    expect(messages).toHaveLength(3);
    expect(messages[1]).toEqual({
      role: "assistant",
      content: [
        { type: "tool_use", id: "toolu_a", name: "get_weather", input: { city: "Paris" } },
        { type: "tool_use", id: "toolu_b", name: "get_time", input: { city: "Tokyo" } },
      ],
    });
    expect(messages[2].role).toBe("user");
    expect(messages[2].content).toEqual([
      { type: "tool_result", tool_use_id: "toolu_a", content: expect.stringContaining("21") },
      { type: "tool_result", tool_use_id: "toolu_b", content: "12:00 in Tokyo" },
    ]);
  });

  it("marks failed tool results with is_error", async () => {
    const broken = tool({
      name: "broken",
      execute: () => {
        throw new Error("database unreachable");
      },
    });
    server.enqueue({ toolUses: [{ id: "toolu_x", name: "broken" }] }, { text: "Sorry." });
    const output = await new Agent({ model: claude(), tools: [broken] }).run("go");
    expect(output.content).toBe("Sorry.");
    expect(body(1).messages[2].content[0]).toMatchObject({
      type: "tool_result",
      tool_use_id: "toolu_x",
      is_error: true,
      content: expect.stringContaining("database unreachable"),
    });
  });

  it("parses structured output into the zod type through the JSON prompt", async () => {
    const Weather = z.object({ city: z.string(), temperature_c: z.number() });
    server.enqueue({ text: '```json\n{"city": "Paris", "temperature_c": 21}\n```' });
    const agent = new Agent({ model: claude(), outputSchema: Weather });
    const output = await agent.run("Weather in Paris as JSON");

    expect(output.content).toEqual({ city: "Paris", temperature_c: 21 });
    // Typed as the schema's output: no cast needed.
    expect(output.content?.temperature_c).toBe(21);
    const request = body(0);
    expect(request.system).toContain("temperature_c");
    expect(request.system).toMatch(/JSON/);
    expect(request.output_config).toBeUndefined();
    expect(request.tools).toBeUndefined();
  });

  it.each([
    false,
    true,
  ])("reports usage with cache tokens in the run metrics (stream: %s)", async (stream) => {
    server.enqueue({
      text: "Cached answer.",
      usage: {
        input_tokens: 100,
        output_tokens: 20,
        cache_read_input_tokens: 50,
        cache_creation_input_tokens: 30,
      },
    });
    const agent = new Agent({ model: claude() });
    let metrics: Record<string, unknown> | undefined;
    if (stream) {
      const events = await collect(agent.run("hi", { stream: true, streamEvents: true }));
      metrics = (events.at(-1) as { metrics?: Record<string, unknown> }).metrics;
    } else {
      metrics = (await agent.run("hi")).metrics as Record<string, unknown>;
    }
    expect(metrics).toMatchObject({
      input_tokens: 100,
      output_tokens: 20,
      total_tokens: 120,
      cache_read_tokens: 50,
      cache_write_tokens: 30,
    });
  });

  it("sums usage over the turns of a tool call", async () => {
    server.enqueue(
      {
        toolUses: [{ name: "get_weather", input: { city: "Oslo" } }],
        usage: { input_tokens: 10, output_tokens: 3 },
      },
      { text: "Cold.", usage: { input_tokens: 20, output_tokens: 2, cache_read_input_tokens: 8 } },
    );
    const output = await new Agent({ model: claude(), tools: [getWeather] }).run("Oslo?");
    expect(output.metrics).toMatchObject({
      input_tokens: 30,
      output_tokens: 5,
      total_tokens: 35,
      cache_read_tokens: 8,
    });
  });

  it.each([
    false,
    true,
  ])("maps thinking to reasoning_content and sends it back signed (stream: %s)", async (stream) => {
    server.enqueue(
      {
        thinking: { thinking: "The user wants weather. ", signature: "sig-one" },
        toolUses: [{ id: "toolu_t", name: "get_weather", input: { city: "Rome" } }],
      },
      { thinking: "Now I can answer.", text: "Sunny in Rome." },
    );
    const agent = new Agent({
      model: claude({ thinking: { type: "enabled", budget_tokens: 1024 } }),
      tools: [getWeather],
    });
    let reasoning: string | undefined;
    let content: unknown;
    if (stream) {
      const events = await collect(agent.run("Rome?", { stream: true, streamEvents: true }));
      const reasoningDeltas = events.filter(
        (e) => e.event === "RunContent" && (e as { reasoning_content?: string }).reasoning_content,
      );
      expect(reasoningDeltas.length).toBeGreaterThan(1);
      const last = events.at(-1) as { reasoning_content?: string; content?: unknown };
      reasoning = last.reasoning_content;
      content = last.content;
    } else {
      const output = await agent.run("Rome?");
      reasoning = output.reasoning_content;
      content = output.content;
    }
    expect(reasoning).toBe("The user wants weather. Now I can answer.");
    expect(content).toBe("Sunny in Rome.");

    expect(body(0).thinking).toEqual({ type: "enabled", budget_tokens: 1024 });
    expect(body(1).messages[1]).toEqual({
      role: "assistant",
      content: [
        { type: "thinking", thinking: "The user wants weather. ", signature: "sig-one" },
        { type: "tool_use", id: "toolu_t", name: "get_weather", input: { city: "Rome" } },
      ],
    });
  });

  it("keeps several and redacted thinking blocks for the next turn", async () => {
    server.enqueue(
      {
        content: [
          { type: "thinking", thinking: "First. ", signature: "s1" },
          { type: "redacted_thinking", data: "opaque" },
          { type: "thinking", thinking: "Second.", signature: "s2" },
          { type: "tool_use", id: "toolu_r", name: "get_weather", input: { city: "Bern" } },
        ],
      },
      { text: "Mild." },
    );
    const agent = new Agent({
      model: claude({ thinking: { type: "enabled", budget_tokens: 2048 } }),
      tools: [getWeather],
    });
    const events = await collect(agent.run("Bern?", { stream: true, streamEvents: true }));
    const last = events.at(-1) as { reasoning_content?: string };
    expect(last.reasoning_content).toBe("First. Second.");
    expect(body(1).messages[1].content).toEqual([
      { type: "thinking", thinking: "First. ", signature: "s1" },
      { type: "redacted_thinking", data: "opaque" },
      { type: "thinking", thinking: "Second.", signature: "s2" },
      { type: "tool_use", id: "toolu_r", name: "get_weather", input: { city: "Bern" } },
    ]);
  });

  it("does not send thinking blocks back when thinking is off", async () => {
    server.enqueue(
      {
        thinking: "Hidden.",
        toolUses: [{ id: "toolu_n", name: "get_weather", input: { city: "Nice" } }],
      },
      { text: "Warm." },
    );
    const output = await new Agent({ model: claude(), tools: [getWeather] }).run("Nice?");
    expect(output.reasoning_content).toBe("Hidden.");
    expect(body(1).messages[1].content).toEqual([
      { type: "tool_use", id: "toolu_n", name: "get_weather", input: { city: "Nice" } },
    ]);
    expect(body(1).thinking).toBeUndefined();
  });

  it.each([false, true])("retries a 429 and then succeeds (stream: %s)", async (stream) => {
    server.enqueue(
      { error: { status: 429, message: "Number of request tokens has exceeded your rate limit." } },
      { text: "Second time lucky." },
    );
    const agent = new Agent({ model: claude({ retries: 1, delayBetweenRetries: 0 }) });
    let content: unknown;
    if (stream) {
      const events = await collect(agent.run("hi", { stream: true, streamEvents: true }));
      content = (events.at(-1) as { content?: unknown }).content;
      expect(events.at(-1)?.event).toBe("RunCompleted");
    } else {
      const output = await agent.run("hi");
      expect(output.status).toBe("COMPLETED");
      content = output.content;
    }
    expect(content).toBe("Second time lucky.");
    expect(server.requests).toHaveLength(2);
  });

  it("surfaces a 401 as a ModelProviderError without retrying", async () => {
    server.enqueue({ error: { status: 401, message: "invalid x-api-key" } });
    const model = claude({ retries: 2, delayBetweenRetries: 0 });
    const output = await new Agent({ model }).run("hi");
    expect(output.status).toBe("ERROR");
    expect(output.content).toContain("invalid x-api-key");
    expect(server.requests).toHaveLength(1);

    server.enqueue({ error: { status: 401, message: "invalid x-api-key" } });
    const error = await model.response({ messages: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelProviderError);
    expect(error).toMatchObject({
      status: 401,
      provider: "Anthropic",
      modelId: "claude-sonnet-4-5",
      retryable: false,
    });
    expect((error as Error).message).toContain("invalid x-api-key");
    expect((error as Error).message).toContain("authentication_error");
    expect(server.requests).toHaveLength(2);
  });

  it("sends image URLs and image bytes as image blocks", async () => {
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
      "base64",
    );
    server.enqueue({ text: "Two images." });
    await new Agent({ model: claude() }).run("Describe these", {
      images: [
        new Image({ url: "https://example.com/cat.jpg" }),
        new Image({ content: png }),
        new Image({ content: png, mimeType: "image/png" }),
      ],
    });
    expect(body(0).messages).toEqual([
      {
        role: "user",
        content: [
          { type: "image", source: { type: "url", url: "https://example.com/cat.jpg" } },
          {
            type: "image",
            source: { type: "base64", media_type: "image/png", data: png.toString("base64") },
          },
          {
            type: "image",
            source: { type: "base64", media_type: "image/png", data: png.toString("base64") },
          },
          { type: "text", text: "Describe these" },
        ],
      },
    ]);
  });

  it("sends PDFs and text files as document blocks", async () => {
    const pdf = Buffer.from("%PDF-1.4\n%fake\n");
    server.enqueue({ text: "Read." });
    await new Agent({ model: claude() }).run("Summarize", {
      files: [
        new File({ content: pdf, filename: "report.pdf" }),
        new File({ url: "https://example.com/paper.pdf" }),
        new File({
          content: Buffer.from("hello notes"),
          mimeType: "text/plain",
          filename: "notes.txt",
        }),
      ],
    });
    expect(body(0).messages[0].content).toEqual([
      {
        type: "document",
        source: { type: "base64", media_type: "application/pdf", data: pdf.toString("base64") },
        title: "report.pdf",
      },
      { type: "document", source: { type: "url", url: "https://example.com/paper.pdf" } },
      {
        type: "document",
        source: { type: "text", media_type: "text/plain", data: "hello notes" },
        title: "notes.txt",
      },
      { type: "text", text: "Summarize" },
    ]);
  });

  it("maps the agent's tool choice", async () => {
    server.enqueue(
      { toolUses: [{ name: "get_weather", input: { city: "Lima" } }] },
      { text: "ok" },
    );
    await new Agent({ model: claude(), tools: [getWeather], toolChoice: "required" }).run("x");
    expect(body(0).tool_choice).toEqual({ type: "any" });
  });
});

describe("Claude options", () => {
  it("reads the model parameters into the request", async () => {
    server.enqueue({ text: "ok" });
    const model = claude({
      id: "claude-opus-4-5",
      maxTokens: 1000,
      temperature: 0.2,
      topP: 0.9,
      topK: 40,
      stop: "END",
      cacheSystemPrompt: true,
      requestParams: { metadata: { user_id: "u-1" } },
      defaultHeaders: { "anthropic-beta": "test-beta" },
    });
    await new Agent({ model, instructions: "Be terse." }).run("hi");
    const request = server.requests[0]!;
    expect(request.headers["anthropic-beta"]).toBe("test-beta");
    expect(request.body).toMatchObject({
      model: "claude-opus-4-5",
      max_tokens: 1000,
      temperature: 0.2,
      top_p: 0.9,
      top_k: 40,
      stop_sequences: ["END"],
      metadata: { user_id: "u-1" },
    });
    expect(request.body.system).toEqual([
      {
        type: "text",
        text: expect.stringContaining("Be terse."),
        cache_control: { type: "ephemeral" },
      },
    ]);
  });

  it("prefers stopSequences over stop", async () => {
    server.enqueue({ text: "ok" });
    await claude({ stop: ["A"], stopSequences: ["B", "C"] }).response({
      messages: [{ id: "1", role: "user", content: "hi", created_at: 0 }],
    });
    expect(body(0).stop_sequences).toEqual(["B", "C"]);
  });

  it("has the documented defaults and does no I/O at construction", () => {
    vi.stubEnv("ANTHROPIC_API_KEY", "");
    const model = new Claude();
    expect(model.toJSON()).toEqual({
      id: "claude-sonnet-4-5",
      name: "Claude",
      provider: "Anthropic",
    });
    expect(model.maxTokens).toBe(8192);
    expect(model.maxRetries).toBe(0);
    expect(model.retries).toBe(0);
    expect(model.supportsNativeStructuredOutputs).toBe(false);
    expect(server.requests).toHaveLength(0);
  });

  it("fails the first request, not the constructor, when the API key is missing", async () => {
    vi.stubEnv("ANTHROPIC_API_KEY", "");
    vi.stubEnv("ANTHROPIC_AUTH_TOKEN", "");
    const model = new Claude({ baseURL: server.baseURL, retries: 3, delayBetweenRetries: 0 });
    const error = await model
      .response({ messages: [{ id: "1", role: "user", content: "hi", created_at: 0 }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelProviderError);
    expect((error as Error).message).toContain("ANTHROPIC_API_KEY");
    expect(error).toMatchObject({ status: 401, provider: "Anthropic" });
    expect(server.requests).toHaveLength(0);
  });

  it("reads ANTHROPIC_API_KEY and ANTHROPIC_BASE_URL on first use and reuses one client", async () => {
    vi.stubEnv("ANTHROPIC_API_KEY", "from-env");
    vi.stubEnv("ANTHROPIC_BASE_URL", server.baseURL);
    const model = new Claude();
    server.enqueue({ text: "one" }, { text: "two" });
    const messages = [{ id: "1", role: "user", content: "hi", created_at: 0 }];
    expect((await model.response({ messages })).content).toBe("one");
    const client = model.getClient();
    expect((await model.response({ messages })).content).toBe("two");
    expect(model.getClient()).toBe(client);
    expect(server.requests.map((r) => r.headers["x-api-key"])).toEqual(["from-env", "from-env"]);
  });
});

describe("Claude errors", () => {
  const messages = [{ id: "1", role: "user", content: "hi", created_at: 0 }];

  it.each([
    [500, "api_error", true],
    [529, "overloaded_error", true],
    [400, "invalid_request_error", false],
  ] as const)("maps a %i to a ModelProviderError", async (status, type, retryable) => {
    server.enqueue({ error: { status, message: `scripted ${type}` } });
    const error = await claude()
      .response({ messages })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelProviderError);
    expect(error).toMatchObject({ status, retryable, provider: "Anthropic" });
    expect((error as Error).message).toContain(type);
    expect((error as Error).message).toContain(`scripted ${type}`);
  });

  it("maps an error event inside a stream to its status", async () => {
    server.enqueue({ error: { status: 529, message: "Overloaded" }, inStream: true });
    const stream = claude().responseStream({ messages });
    const error = await (async () => {
      for await (const _ of stream) {
        // drain
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelProviderError);
    expect(error).toMatchObject({ status: 529, retryable: true });
    expect((error as Error).message).toContain("Overloaded");
  });

  it("maps a connection failure to status 502", async () => {
    const closed = await startAnthropicServer();
    await closed.close();
    const error = await new Claude({ apiKey: "test", baseURL: closed.baseURL })
      .response({ messages })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelProviderError);
    expect(error).toMatchObject({ status: 502, retryable: true });
  });

  it("reports an empty script queue as a clear server error", async () => {
    const error = await claude()
      .response({ messages })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 500 });
    expect((error as Error).message).toContain("no scripted response left");
  });
});

describe("model strings", () => {
  it('resolves "anthropic:claude-sonnet-4-5" to Claude once the package is imported', async () => {
    const model = await resolveModel("anthropic:claude-sonnet-4-5");
    expect(model).toBeInstanceOf(Claude);
    expect(model.id).toBe("claude-sonnet-4-5");
    expect(model.provider).toBe("Anthropic");
  });
});

describe("cancellation", () => {
  it("does not retry or wrap an aborted request", async () => {
    server.enqueue({ text: "never read" });
    const error = await claude({ retries: 2, delayBetweenRetries: 0 })
      .response({
        messages: [{ id: "1", role: "user", content: "hi", created_at: 0 }],
        signal: AbortSignal.abort(),
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ModelProviderError);
    expect(server.requests).toHaveLength(0);
  });
});
