import {
  Agent,
  createMessage,
  getLogger,
  type Logger,
  type Model,
  ModelProviderError,
  type RunOutput,
  RunStatus,
  setLogger,
  type ToolExecution,
} from "@agno/core";
import { type OpenAIServer, startOpenAIServer } from "@agno/test-utils/openai-server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { OpenAIChat, type OpenAIChatOptions, OpenAIResponses } from "./index.js";
import { add, collect, getWeather, quietLogger, TVShow } from "./test-helpers.js";

/**
 * Behaviour both model classes share, through the real SDK against the in-process server: an
 * agent run end to end, streamed or not. Wire formats are pinned in each class's own test file.
 */
const classes = [
  {
    label: "OpenAIChat",
    path: "/v1/chat/completions",
    make: (options: OpenAIChatOptions): Model => new OpenAIChat(options),
  },
  {
    label: "OpenAIResponses",
    path: "/v1/responses",
    make: (options: OpenAIChatOptions): Model => new OpenAIResponses(options),
  },
] as const;

let previousLogger: Logger;
beforeAll(() => {
  previousLogger = getLogger();
  quietLogger();
});
afterAll(() => setLogger(previousLogger));

interface RunResult {
  status: string;
  content: unknown;
  contentType: string | undefined;
  metrics: Record<string, unknown> | undefined;
  tools: Array<Record<string, unknown>>;
  /** The RunOutput, for runs that were not streamed. */
  output?: RunOutput;
}

/** Runs the agent streamed (reading the events) or not (reading the output), with the same view. */
async function runAgent(agent: Agent<any>, input: string, stream: boolean): Promise<RunResult> {
  const pick = (t: ToolExecution) => ({
    tool_call_id: t.tool_call_id,
    tool_name: t.tool_name,
    tool_args: t.tool_args,
    result: t.result,
  });
  if (!stream) {
    const output = await agent.run(input);
    return {
      status: output.status,
      content: output.content,
      contentType: output.content_type,
      metrics: output.metrics as Record<string, unknown> | undefined,
      tools: (output.tools ?? []).map(pick),
      output,
    };
  }
  const events = await collect(agent.run(input, { stream: true, streamEvents: true }));
  const last = events.at(-1) as unknown as Record<string, unknown>;
  const completed = events.filter((e) => e.event === "ToolCallCompleted") as unknown as Array<{
    tool: ToolExecution;
  }>;
  return {
    status: last.event === "RunCompleted" ? "COMPLETED" : String(last.event),
    content: last.content,
    contentType: last.content_type as string | undefined,
    metrics: last.metrics as Record<string, unknown> | undefined,
    tools: completed.map((e) => pick(e.tool)),
  };
}

describe.each(classes)("$label", ({ label, path, make }) => {
  let server: OpenAIServer;
  let model: (options?: OpenAIChatOptions) => Model;

  beforeEach(async () => {
    server = await startOpenAIServer();
    model = (options = {}) =>
      make({ id: "gpt-4o-mini", apiKey: "test", baseURL: server.baseURL, ...options });
  });
  afterEach(async () => {
    await server.close();
  });

  it("answers a plain question", async () => {
    server.enqueue("Bonjour !");
    const agent = new Agent({ model: model(), instructions: "Answer in French." });
    const output = await agent.run("Say hello");
    expect(output.status).toBe(RunStatus.completed);
    expect(output.content).toBe("Bonjour !");
    expect(output.model).toBe("gpt-4o-mini");
    expect(output.model_provider).toBe("OpenAI");
    expect(server.requests).toHaveLength(1);
    const request = server.requests[0]!;
    expect(request.method).toBe("POST");
    expect(request.path).toBe(path);
    expect(request.headers.authorization).toBe("Bearer test");
    expect(request.body.model).toBe("gpt-4o-mini");
    expect(request.body.stream).toBeUndefined();
  });

  it("streams an answer as several RunContent events", async () => {
    server.enqueue({ text: "The quick brown fox jumps over the lazy dog.", chunkSize: 6 });
    const agent = new Agent({ model: model() });
    const events = await collect(agent.run("Tell me something", { stream: true }));
    const content = events.filter((e) => e.event === "RunContent");
    expect(content.length).toBeGreaterThan(3);
    expect(content.map((e) => e.content).join("")).toBe(
      "The quick brown fox jumps over the lazy dog.",
    );
    expect(server.requests[0]?.body.stream).toBe(true);
  });

  for (const stream of [false, true]) {
    const mode = stream ? "streamed" : "whole";

    it(`runs one tool call and then answers (${mode})`, async () => {
      server.enqueue(
        { toolCalls: [{ id: "call_w", name: "get_weather", arguments: { city: "Paris" } }] },
        "It is 21°C in Paris.",
      );
      const agent = new Agent({ model: model(), tools: [getWeather] });
      const run = await runAgent(agent, "Weather in Paris?", stream);
      expect(run.content).toBe("It is 21°C in Paris.");
      expect(run.tools).toEqual([
        {
          tool_call_id: "call_w",
          tool_name: "get_weather",
          tool_args: { city: "Paris" },
          result: expect.stringContaining("tempC"),
        },
      ]);
      if (run.output) {
        expect(run.output.messages?.map((m) => m.role)).toEqual([
          "user",
          "assistant",
          "tool",
          "assistant",
        ]);
      }
      expect(server.requests).toHaveLength(2);
    });

    it(`runs two parallel tool calls and then answers (${mode})`, async () => {
      server.enqueue(
        {
          toolCalls: [
            { id: "call_a", name: "get_weather", arguments: { city: "Oslo" } },
            { id: "call_b", name: "add", arguments: { a: 2, b: 3 } },
          ],
          chunkSize: 3,
        },
        "Oslo is 21°C and 2 + 3 = 5.",
      );
      const agent = new Agent({ model: model(), tools: [getWeather, add] });
      const run = await runAgent(agent, "Weather and sum", stream);
      expect(run.content).toBe("Oslo is 21°C and 2 + 3 = 5.");
      expect(run.tools).toEqual([
        {
          tool_call_id: "call_a",
          tool_name: "get_weather",
          tool_args: { city: "Oslo" },
          result: expect.stringContaining("Oslo"),
        },
        { tool_call_id: "call_b", tool_name: "add", tool_args: { a: 2, b: 3 }, result: "5" },
      ]);
      expect(server.requests).toHaveLength(2);
      const second = JSON.stringify(server.requests[1]?.body);
      expect(second).toContain("call_a");
      expect(second).toContain("call_b");
    });

    it(`parses structured output into the zod type (${mode})`, async () => {
      const show = { title: "Dark", year: 2017, genres: ["sci-fi", "thriller"] };
      server.enqueue({ json: show, chunkSize: 7 });
      const agent = new Agent({ model: model(), outputSchema: TVShow });
      const run = await runAgent(agent, "A German TV show", stream);
      expect(run.content).toEqual(show);
      expect(run.contentType).toBe("TVShow");
      const body = server.requests[0]?.body;
      const format = label === "OpenAIChat" ? body.response_format : body.text.format;
      expect(JSON.stringify(format)).toContain('"strict":true');
    });

    it(`reports usage in the run's metrics, cached and reasoning tokens included (${mode})`, async () => {
      server.enqueue(
        {
          toolCalls: [{ name: "add", arguments: { a: 1, b: 1 } }],
          usage: { inputTokens: 100, outputTokens: 20, cachedTokens: 64, reasoningTokens: 12 },
        },
        {
          text: "2",
          usage: { inputTokens: 130, outputTokens: 5, cachedTokens: 96, reasoningTokens: 0 },
        },
      );
      const agent = new Agent({ model: model(), tools: [add] });
      const run = await runAgent(agent, "1+1", stream);
      if (run.output) {
        const assistant = run.output.messages?.filter((m) => m.role === "assistant") ?? [];
        expect(assistant[0]?.metrics).toMatchObject({
          input_tokens: 100,
          output_tokens: 20,
          total_tokens: 120,
          cache_read_tokens: 64,
          reasoning_tokens: 12,
        });
      }
      expect(run.metrics).toMatchObject({
        input_tokens: 230,
        output_tokens: 25,
        total_tokens: 255,
        cache_read_tokens: 160,
        reasoning_tokens: 12,
      });
    });

    it(`retries a 429 and then succeeds (${mode})`, async () => {
      server.enqueue({ error: { status: 429 } }, "Made it.");
      const agent = new Agent({ model: model({ retries: 1, delayBetweenRetries: 0 }) });
      const run = await runAgent(agent, "hi", stream);
      expect(run.status).toBe("COMPLETED");
      expect(run.content).toBe("Made it.");
      expect(server.requests).toHaveLength(2);
    });
  }

  it("fails the run with the server's message on a 429 when retries run out", async () => {
    server.enqueue({ error: { status: 429 } }, { error: { status: 429 } });
    const agent = new Agent({ model: model({ retries: 1, delayBetweenRetries: 0 }) });
    const output = await agent.run("hi");
    expect(output.status).toBe("ERROR");
    expect(output.content).toMatch(/429.*Rate limit reached/);
    expect(server.requests).toHaveLength(2);
  });

  it("surfaces a 401 as a ModelProviderError without retrying", async () => {
    server.enqueue({ error: { status: 401 } });
    const agent = new Agent({ model: model({ retries: 3, delayBetweenRetries: 0 }) });
    const output = await agent.run("hi");
    expect(output.status).toBe("ERROR");
    expect(output.content).toMatch(/401/);
    expect(output.content).toMatch(/Incorrect API key/);
    expect(server.requests).toHaveLength(1);

    server.enqueue({ error: { status: 401 } });
    const events = await collect(
      new Agent({ model: model() }).run("hi", { stream: true, streamEvents: true }),
    );
    expect(events.at(-1)).toMatchObject({
      event: "RunError",
      error_type: "model_provider_error",
      content: expect.stringMatching(/status 401: Incorrect API key/),
    });

    server.enqueue({ error: { status: 401, message: "Invalid key: sk-...abc" } });
    const direct = model({ retries: 2, delayBetweenRetries: 0 });
    const error = await direct
      .response({ messages: [createMessage({ role: "user", content: "hi" })] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelProviderError);
    expect(error).toMatchObject({
      status: 401,
      provider: "OpenAI",
      modelId: "gpt-4o-mini",
      retryable: false,
    });
    expect((error as Error).message).toContain("Invalid key");
  });

  it("turns a server error into a retryable ModelProviderError with its status", async () => {
    server.enqueue({ error: { status: 500, message: "boom" } }, { error: { status: 503 } });
    const direct = model();
    const messages = [createMessage({ role: "user", content: "hi" })];
    await expect(direct.response({ messages })).rejects.toMatchObject({
      name: "ModelProviderError",
      status: 500,
      retryable: true,
      message: expect.stringContaining("boom"),
    });
    const stream = async () => {
      for await (const _ of direct.responseStream({ messages })) {
        // drain
      }
    };
    await expect(stream()).rejects.toMatchObject({ status: 503 });
  });

  it("reports an unreachable server as a retryable 502", async () => {
    const gone = await startOpenAIServer();
    const baseURL = gone.baseURL;
    await gone.close();
    const direct = model({ baseURL });
    const error = await direct
      .response({ messages: [createMessage({ role: "user", content: "hi" })] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelProviderError);
    expect(error).toMatchObject({ status: 502, retryable: true, provider: "OpenAI" });
    expect((error as Error).message).toContain(baseURL);
  });

  it("fails on the first request, not at construction, when no API key is set", async () => {
    const previous = process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_API_KEY;
    try {
      const keyless = make({ id: "gpt-4o-mini", baseURL: server.baseURL });
      const output = await new Agent({ model: keyless }).run("hi");
      expect(output.status).toBe("ERROR");
      expect(output.content).toMatch(/OPENAI_API_KEY/);
      await expect(
        keyless.response({ messages: [createMessage({ role: "user", content: "hi" })] }),
      ).rejects.toMatchObject({ name: "ModelProviderError", provider: "OpenAI" });
      expect(server.requests).toHaveLength(0);
    } finally {
      if (previous !== undefined) process.env.OPENAI_API_KEY = previous;
    }
  });

  it("is cancelled by an aborted signal", async () => {
    server.enqueue("never read");
    const error = await model()
      .response({
        messages: [createMessage({ role: "user", content: "hi" })],
        signal: AbortSignal.abort(),
      })
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe("AbortError");
  });

  it("streams reasoning as reasoning content", async () => {
    server.enqueue({ reasoning: "The user greets me. I greet back.", text: "Hello!" });
    const agent = new Agent({ model: model() });
    const events = await collect(agent.run("hi", { stream: true }));
    const reasoning = events
      .map((e) => (e as { reasoning_content?: string }).reasoning_content ?? "")
      .join("");
    expect(reasoning).toBe("The user greets me. I greet back.");
    expect(events.map((e) => e.content ?? "").join("")).toBe("Hello!");

    server.enqueue({ reasoning: "Thinking.", text: "Hi." });
    const output = await agent.run("hi");
    expect(output.reasoning_content).toBe("Thinking.");
    expect(output.content).toBe("Hi.");
  });

  it("does no I/O at construction and reuses one client", async () => {
    const m = model();
    expect(server.requests).toHaveLength(0);
    server.enqueue("one", "two");
    const agent = new Agent({ model: m });
    await agent.run("1");
    await agent.run("2");
    expect(server.requests.map((r) => r.path)).toEqual([path, path]);
    expect(JSON.parse(JSON.stringify(m))).toEqual({
      id: "gpt-4o-mini",
      name: label,
      provider: "OpenAI",
    });
    expect(JSON.stringify(m)).not.toContain("test");
  });
});
