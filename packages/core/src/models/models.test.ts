import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  Agent,
  ConfigurationError,
  FunctionModel,
  type FunctionModelInfo,
  getLogger,
  isModel,
  type Logger,
  type Message,
  Model,
  type ModelOptions,
  ModelProviderError,
  type ModelRequest,
  type ModelResponse,
  type ModelResponseDelta,
  parseModelString,
  registerModelProvider,
  resolveModel,
  sampleFromSchema,
  setLogger,
  TestModel,
  tool,
} from "../index.js";

let previousLogger: Logger;
beforeAll(() => {
  previousLogger = getLogger();
  const quiet = () => {};
  setLogger({ debug: quiet, info: quiet, warn: quiet, error: quiet });
});
afterAll(() => setLogger(previousLogger));

function toolMessages(messages: Message[] | undefined): Message[] {
  return (messages ?? []).filter((m) => m.role === "tool");
}

async function collectContent(stream: AsyncIterable<{ event: string }>): Promise<string[]> {
  const pieces: string[] = [];
  for await (const event of stream) {
    const content = (event as { content?: unknown }).content;
    if (event.event === "RunContent" && typeof content === "string") pieces.push(content);
  }
  return pieces;
}

describe("TestModel", () => {
  it("calls each tool once with schema-valid arguments, then answers naming the results", async () => {
    const calls: Array<{ name: string; args: unknown }> = [];
    const weather = tool({
      name: "get_weather",
      inputSchema: z.object({
        city: z.string().min(3),
        days: z.number().int().min(1).max(7),
        unit: z.enum(["c", "f"]),
        email: z.email(),
      }),
      execute: (args) => {
        calls.push({ name: "get_weather", args });
        return "sunny";
      },
    });
    const time = tool({
      name: "get_time",
      execute: (args) => {
        calls.push({ name: "get_time", args });
        return "noon";
      },
    });
    const model = new TestModel();
    const output = await new Agent({ model, tools: [weather, time] }).run("Weather and time?");
    expect(output.status).toBe("COMPLETED");
    // The tools run concurrently, so their order of execution is not fixed.
    expect(calls).toHaveLength(2);
    expect(calls).toEqual(
      expect.arrayContaining([
        {
          name: "get_weather",
          args: { city: "aaa", days: 1, unit: "c", email: "user@example.com" },
        },
        { name: "get_time", args: {} },
      ]),
    );
    const results = toolMessages(output.messages);
    expect(results.every((m) => m.tool_call_error === false)).toBe(true);
    expect(output.content).toBe(
      "Tool results: get_weather returned sunny; get_time returned noon.",
    );
    // Both tools were called in one turn, then the model answered.
    expect(model.requests).toHaveLength(2);
    const assistant = output.messages?.filter((m) => m.role === "assistant") ?? [];
    expect(assistant[0]?.tool_calls?.map((c) => c.function.name)).toEqual([
      "get_weather",
      "get_time",
    ]);
    expect(assistant[0]?.tool_calls?.map((c) => c.id)).toEqual(["call_0_0", "call_0_1"]);
    expect(assistant[1]?.content).toBe(output.content);
  });

  it("answers naming the user's message when there are no tools", async () => {
    const output = await new Agent({ model: new TestModel() }).run("Hello there");
    expect(output.content).toBe("TestModel response to: Hello there");
    expect(output.model).toBe("test");
    expect(output.model_provider).toBe("Test");
  });

  it("calls only the tools named in callTools", async () => {
    const called: string[] = [];
    const a = tool({ name: "a", execute: () => called.push("a") });
    const b = tool({ name: "b", execute: () => called.push("b") });
    await new Agent({ model: new TestModel({ callTools: ["b"] }), tools: [a, b] }).run("x");
    expect(called).toEqual(["b"]);
  });

  it("calls no tools with callTools: false", async () => {
    let called = false;
    const a = tool({
      name: "a",
      execute: () => {
        called = true;
      },
    });
    const model = new TestModel({ callTools: false });
    const output = await new Agent({ model, tools: [a] }).run("hi");
    expect(called).toBe(false);
    expect(output.content).toBe("TestModel response to: hi");
    expect(model.requests).toHaveLength(1);
    // The tools were still offered.
    expect(model.requests[0]?.tools?.map((t) => t.name)).toEqual(["a"]);
  });

  it("calls no tools when toolChoice is none", async () => {
    let called = false;
    const a = tool({
      name: "a",
      execute: () => {
        called = true;
      },
    });
    const output = await new Agent({ model: new TestModel(), tools: [a], toolChoice: "none" }).run(
      "hi",
    );
    expect(called).toBe(false);
    expect(output.content).toBe("TestModel response to: hi");
  });

  it("answers with the given text", async () => {
    const a = tool({ name: "a", execute: () => "A" });
    const output = await new Agent({ model: new TestModel({ text: "Fixed." }), tools: [a] }).run(
      "x",
    );
    expect(output.content).toBe("Fixed.");
    expect(toolMessages(output.messages)).toHaveLength(1);
  });

  it("calls tools with the given toolArgs", async () => {
    let seen: unknown;
    const a = tool({
      name: "a",
      inputSchema: z.object({ q: z.string() }),
      execute: (args) => {
        seen = args;
        return "ok";
      },
    });
    await new Agent({ model: new TestModel({ toolArgs: { a: { q: "custom" } } }), tools: [a] }).run(
      "x",
    );
    expect(seen).toEqual({ q: "custom" });
  });

  it("answers with a parsed object for a zod output schema", async () => {
    const Weather = z.object({
      city: z.string(),
      tempC: z.number().min(5),
      conditions: z.enum(["sunny", "rainy"]),
      tags: z.array(z.string()).min(2),
    });
    const output = await new Agent({ model: new TestModel(), outputSchema: Weather }).run("x");
    expect(output.status).toBe("COMPLETED");
    expect(output.content).toEqual({
      city: "a",
      tempC: 5,
      conditions: "sunny",
      tags: ["a", "a"],
    });
    expect(Weather.parse(output.content)).toEqual(output.content);
  });

  it("answers with the given output for an output schema, per run", async () => {
    const Schema = z.object({ answer: z.number() });
    const model = new TestModel({ output: { answer: 42 } });
    const output = await new Agent({ model }).run("x", { outputSchema: Schema });
    expect(output.content).toEqual({ answer: 42 });
    expect(model.lastRequest?.outputSchema?.mode).toBe("json_schema");
    expect(model.lastRequest?.outputSchema?.schema).toMatchObject({
      type: "object",
      properties: { answer: { type: "number" } },
    });
  });

  it("records every request it receives", async () => {
    const model = new TestModel();
    const agent = new Agent({ model, instructions: "Be brief." });
    await agent.run("first");
    await agent.run("second");
    expect(model.requests).toHaveLength(2);
    expect(model.lastRequest).toBe(model.requests[1]);
    const last = model.lastRequest?.messages ?? [];
    expect(last.at(-1)).toMatchObject({ role: "user", content: "second" });
    expect(last.some((m) => m.role === "system" && m.content?.includes("Be brief."))).toBe(true);
    expect(model.requests[0]?.messages.at(-1)?.content).toBe("first");
  });

  it("records the tool results given on the second call", async () => {
    const a = tool({ name: "a", execute: () => "A!" });
    const model = new TestModel();
    await new Agent({ model, tools: [a] }).run("x");
    expect(model.requests[0]?.tools?.map((t) => t.name)).toEqual(["a"]);
    expect(toolMessages(model.requests[0]?.messages)).toEqual([]);
    expect(toolMessages(model.requests[1]?.messages).map((m) => m.content)).toEqual(["A!"]);
  });

  it("streams its answer in chunks", async () => {
    const model = new TestModel({ text: "abcdefghij", chunkSize: 4 });
    const pieces = await collectContent(new Agent({ model }).run("x", { stream: true }));
    expect(pieces).toEqual(["abcd", "efgh", "ij"]);
  });

  it("reports token usage", async () => {
    const output = await new Agent({ model: new TestModel({ text: "one two three" }) }).run(
      "hello world",
    );
    expect(output.metrics?.output_tokens).toBe(3);
    expect(output.metrics?.input_tokens).toBeGreaterThan(0);
  });

  it("is a Model", () => {
    expect(new TestModel()).toBeInstanceOf(Model);
    expect(isModel(new TestModel())).toBe(true);
    expect(isModel({ id: "x" })).toBe(false);
    expect(new TestModel({ id: "custom" }).toJSON()).toEqual({
      id: "custom",
      name: "TestModel",
      provider: "Test",
    });
  });
});

describe("FunctionModel", () => {
  it("answers with the string the function returns", async () => {
    const model = new FunctionModel((messages) => `You said ${messages.at(-1)?.content}`);
    const output = await new Agent({ model }).run("hello");
    expect(output.content).toBe("You said hello");
    expect(output.model).toBe("function");
    expect(model.requests).toHaveLength(1);
  });

  it("answers with a ModelResponse, tool calls included", async () => {
    const infos: FunctionModelInfo[] = [];
    const model = new FunctionModel((messages, info): ModelResponse => {
      infos.push(info);
      if (info.callIndex === 0) {
        return {
          content: null,
          toolCalls: [
            { id: "c1", type: "function", function: { name: "add", arguments: '{"a":2,"b":3}' } },
          ],
        };
      }
      const result = messages.find((m) => m.role === "tool")?.content;
      return { content: `The sum is ${result}`, reasoningContent: "added them" };
    });
    const add = tool({
      name: "add",
      inputSchema: z.object({ a: z.number(), b: z.number() }),
      execute: ({ a, b }) => a + b,
    });
    const output = await new Agent({ model, tools: [add] }).run("2+3?");
    expect(output.content).toBe("The sum is 5");
    expect(output.reasoning_content).toBe("added them");
    expect(infos.map((i) => i.callIndex)).toEqual([0, 1]);
    expect(infos[0]?.tools.map((t) => t.name)).toEqual(["add"]);
    expect(output.tools?.[0]).toMatchObject({
      tool_call_id: "c1",
      tool_name: "add",
      tool_args: { a: 2, b: 3 },
      result: "5",
      tool_call_error: false,
    });
  });

  it("supports async functions", async () => {
    const model = new FunctionModel(async () => {
      await Promise.resolve();
      return { content: "async answer" };
    });
    expect((await new Agent({ model }).run("x")).content).toBe("async answer");
  });

  it("streams the whole answer cut into words without a stream function", async () => {
    const model = new FunctionModel(() => "one two three");
    const pieces = await collectContent(new Agent({ model }).run("x", { stream: true }));
    expect(pieces).toEqual(["one ", "two ", "three"]);
  });

  it("streams with a stream function", async () => {
    const seen: number[] = [];
    const model = new FunctionModel(() => "unused", {
      async *stream(_messages, info) {
        seen.push(info.callIndex);
        yield "Hel";
        yield { type: "content", content: "lo" } satisfies ModelResponseDelta;
        yield "!";
      },
    });
    const stream = new Agent({ model }).run("x", { stream: true });
    expect(await collectContent(stream)).toEqual(["Hel", "lo", "!"]);
    expect(seen).toEqual([0]);
    expect(model.requests).toHaveLength(1);
  });

  it("collects streamed tool calls and runs them", async () => {
    const model = new FunctionModel(() => "unused", {
      async *stream(_messages, info) {
        if (info.callIndex === 0) {
          yield {
            type: "tool_call",
            toolCall: { id: "s1", type: "function", function: { name: "ping", arguments: "{}" } },
          };
          return;
        }
        yield "pinged";
      },
    });
    const ping = tool({ name: "ping", execute: () => "pong" });
    const agent = new Agent({ model, tools: [ping] });
    const pieces = await collectContent(agent.run("x", { stream: true }));
    expect(pieces).toEqual(["pinged"]);
  });

  it("honours the id and structuredOutputs options", async () => {
    const model = new FunctionModel(() => '{"n": 1}', { id: "fn-1", structuredOutputs: false });
    expect(model.id).toBe("fn-1");
    expect(model.supportsNativeStructuredOutputs).toBe(false);
    const output = await new Agent({ model, outputSchema: z.object({ n: z.number() }) }).run("x");
    expect(output.content).toEqual({ n: 1 });
    expect(model.requests[0]?.outputSchema?.mode).toBe("prompt");
  });
});

describe("sampleFromSchema", () => {
  it("takes the first enum value, a const, a default or an example", () => {
    expect(sampleFromSchema({ type: "string", enum: ["red", "green"] })).toBe("red");
    expect(sampleFromSchema({ const: 7 })).toBe(7);
    expect(sampleFromSchema({ type: "number", default: 3.5 })).toBe(3.5);
    expect(sampleFromSchema({ type: "string", default: "x", enum: ["y"] })).toBe("x");
    expect(sampleFromSchema({ type: "string", examples: ["ex"] })).toBe("ex");
  });

  it("builds the smallest value of each type", () => {
    expect(sampleFromSchema({ type: "string" })).toBe("a");
    expect(sampleFromSchema({ type: "integer" })).toBe(0);
    expect(sampleFromSchema({ type: "number" })).toBe(0);
    expect(sampleFromSchema({ type: "boolean" })).toBe(false);
    expect(sampleFromSchema({ type: "null" })).toBeNull();
    expect(sampleFromSchema({ type: ["null", "string"] })).toBe("a");
    expect(sampleFromSchema(undefined)).toBeNull();
  });

  it("honours min constraints", () => {
    expect(sampleFromSchema({ type: "string", minLength: 5 })).toBe("aaaaa");
    expect(sampleFromSchema({ type: "string", maxLength: 0 })).toBe("");
    expect(sampleFromSchema({ type: "integer", minimum: 10 })).toBe(10);
    expect(sampleFromSchema({ type: "integer", minimum: 2.5 })).toBe(3);
    expect(sampleFromSchema({ type: "integer", exclusiveMinimum: 10 })).toBe(11);
    expect(sampleFromSchema({ type: "number", exclusiveMinimum: 1 })).toBeGreaterThan(1);
    expect(sampleFromSchema({ type: "number", maximum: -5 })).toBe(-5);
    expect(sampleFromSchema({ type: "integer", exclusiveMaximum: 0 })).toBe(-1);
    expect(sampleFromSchema({ type: "array", items: { type: "integer" }, minItems: 3 })).toEqual([
      0, 0, 0,
    ]);
  });

  it("uses string formats", () => {
    expect(sampleFromSchema({ type: "string", format: "email" })).toBe("user@example.com");
    expect(sampleFromSchema({ type: "string", format: "uri" })).toBe("https://example.com");
    expect(sampleFromSchema({ type: "string", format: "date" })).toBe("2025-01-01");
    const uuid = sampleFromSchema({ type: "string", format: "uuid" });
    expect(z.uuid().safeParse(uuid).success).toBe(true);
  });

  it("fills nested objects and arrays", () => {
    const schema = {
      type: "object",
      properties: {
        name: { type: "string" },
        address: {
          type: "object",
          properties: { street: { type: "string" }, zip: { type: "integer", minimum: 1000 } },
        },
        tags: { type: "array", items: { type: "string", enum: ["t1", "t2"] } },
        pairs: { type: "array", prefixItems: [{ type: "string" }, { type: "boolean" }] },
        none: { type: "array", maxItems: 0, items: { type: "string" } },
      },
    };
    expect(sampleFromSchema(schema)).toEqual({
      name: "a",
      address: { street: "a", zip: 1000 },
      tags: ["t1"],
      pairs: ["a", false],
      none: [],
    });
  });

  it("resolves $ref against the root schema", () => {
    const schema = {
      type: "object",
      properties: {
        owner: { $ref: "#/$defs/Person" },
        pets: { type: "array", items: { $ref: "#/$defs/Pet" } },
      },
      $defs: {
        Person: { type: "object", properties: { name: { type: "string", minLength: 2 } } },
        Pet: { type: "object", properties: { kind: { enum: ["cat", "dog"] } } },
      },
    };
    expect(sampleFromSchema(schema)).toEqual({
      owner: { name: "aa" },
      pets: [{ kind: "cat" }],
    });
  });

  it("picks the non-null branch of anyOf and merges allOf", () => {
    expect(sampleFromSchema({ anyOf: [{ type: "null" }, { type: "integer", minimum: 4 }] })).toBe(
      4,
    );
    expect(
      sampleFromSchema({
        allOf: [
          { type: "object", properties: { a: { type: "string" } } },
          { type: "object", properties: { b: { type: "boolean" } } },
        ],
      }),
    ).toEqual({ a: "a", b: false });
  });

  it("stops on recursive schemas", () => {
    const schema = {
      $ref: "#/$defs/Node",
      $defs: {
        Node: { type: "object", properties: { next: { $ref: "#/$defs/Node" } } },
      },
    };
    expect(() => sampleFromSchema(schema)).not.toThrow();
  });

  it("produces values a zod schema accepts", () => {
    const Schema = z.object({
      id: z.uuid(),
      name: z.string().min(3).max(10),
      count: z.number().int().positive(),
      ratio: z.number().gt(0).lt(1),
      kind: z.enum(["x", "y"]),
      items: z.array(z.object({ v: z.boolean() })).min(1),
      maybe: z.string().nullable(),
    });
    const sample = sampleFromSchema(z.toJSONSchema(Schema) as Record<string, unknown>);
    expect(Schema.safeParse(sample).success).toBe(true);
  });
});

type Failure = { status: number; message?: string };

/** A provider that fails with the given errors, then answers "ok". */
class FlakyModel extends Model {
  calls = 0;
  private readonly failures: Failure[];

  constructor(failures: Failure[], options: ModelOptions = {}) {
    super({ id: "y", name: "Flaky", provider: "x" }, options);
    this.failures = failures;
  }

  private fail(): void {
    const failure = this.failures[this.calls++];
    if (failure) {
      throw new ModelProviderError(failure.message ?? "rate limited", {
        provider: "x",
        modelId: "y",
        status: failure.status,
      });
    }
  }

  protected async request(_request: ModelRequest): Promise<ModelResponse> {
    this.fail();
    return { content: "ok" };
  }

  protected async *requestStream(_request: ModelRequest): AsyncGenerator<ModelResponseDelta> {
    this.fail();
    yield { type: "content", content: "ok" };
  }
}

describe("model retries", () => {
  it("retries retryable failures and succeeds", async () => {
    const model = new FlakyModel([{ status: 429 }, { status: 429 }], {
      retries: 2,
      delayBetweenRetries: 0,
    });
    const output = await new Agent({ model }).run("x");
    expect(output.status).toBe("COMPLETED");
    expect(output.content).toBe("ok");
    expect(model.calls).toBe(3);
  });

  it("retries server errors and timeouts", async () => {
    const model = new FlakyModel([{ status: 500 }, { status: 408 }, { status: 503 }], {
      retries: 3,
      delayBetweenRetries: 0,
    });
    await expect(model.response({ messages: [] })).resolves.toEqual({ content: "ok" });
    expect(model.calls).toBe(4);
  });

  it("retries a stream that fails before its first delta", async () => {
    const model = new FlakyModel([{ status: 429 }], { retries: 1, delayBetweenRetries: 0 });
    const pieces = await collectContent(new Agent({ model }).run("x", { stream: true }));
    expect(pieces).toEqual(["ok"]);
    expect(model.calls).toBe(2);
  });

  it("surfaces the error once the retries are used up", async () => {
    const model = new FlakyModel([{ status: 429 }, { status: 429 }, { status: 429 }], {
      retries: 2,
      delayBetweenRetries: 0,
    });
    const output = await new Agent({ model }).run("x");
    expect(output.status).toBe("ERROR");
    expect(output.content).toContain("rate limited");
    expect(model.calls).toBe(3);
  });

  it("does not retry by default", async () => {
    const model = new FlakyModel([{ status: 429 }]);
    expect(model.retries).toBe(0);
    await expect(model.response({ messages: [] })).rejects.toThrow(ModelProviderError);
    expect(model.calls).toBe(1);
  });

  it("does not retry a 401, and the run ends in error", async () => {
    const model = new FlakyModel([{ status: 401, message: "invalid api key" }], {
      retries: 2,
      delayBetweenRetries: 0,
    });
    const output = await new Agent({ model }).run("x");
    expect(model.calls).toBe(1);
    expect(output.status).toBe("ERROR");
    expect(output.content).toContain("invalid api key");
  });

  it("rejects with the provider error when called directly", async () => {
    const model = new FlakyModel([{ status: 401, message: "invalid api key" }], {
      retries: 2,
      delayBetweenRetries: 0,
    });
    const error = await model.response({ messages: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelProviderError);
    expect(error).toMatchObject({ status: 401, provider: "x", modelId: "y", retryable: false });
    expect(model.calls).toBe(1);
  });

  it("classifies statuses as retryable or not", () => {
    const err = (status?: number) =>
      new ModelProviderError("m", { provider: "p", modelId: "i", ...(status ? { status } : {}) });
    expect(err(429).retryable).toBe(true);
    expect(err(408).retryable).toBe(true);
    expect(err(500).retryable).toBe(true);
    expect(err().status).toBe(502);
    expect(err().retryable).toBe(true);
    expect(err(400).retryable).toBe(false);
    expect(err(401).retryable).toBe(false);
    expect(err(404).retryable).toBe(false);
  });

  it("reports the error in a RunError event when streaming", async () => {
    const model = new FlakyModel([{ status: 403, message: "forbidden" }]);
    const events: Array<{ event: string; content?: unknown }> = [];
    for await (const event of new Agent({ model }).run("x", { stream: true })) {
      events.push(event as { event: string; content?: unknown });
    }
    const error = events.find((e) => e.event === "RunError");
    expect(error?.content).toContain("forbidden");
  });

  it("keeps the request options it was given", () => {
    const model = new FlakyModel([], {
      id: "custom-id",
      temperature: 0.2,
      maxTokens: 100,
      retries: 4,
      delayBetweenRetries: 2,
      exponentialBackoff: true,
    });
    expect(model.id).toBe("custom-id");
    expect(model.name).toBe("Flaky");
    expect(model.temperature).toBe(0.2);
    expect(model.maxTokens).toBe(100);
    expect(model.retries).toBe(4);
    expect(model.delayBetweenRetries).toBe(2);
    expect(model.exponentialBackoff).toBe(true);
    const defaults = new FlakyModel([]);
    expect(defaults.delayBetweenRetries).toBe(1);
    expect(defaults.exponentialBackoff).toBe(false);
    expect(defaults.temperature).toBeUndefined();
  });
});

describe("resolveModel and parseModelString", () => {
  it('resolves "test:foo" to a TestModel', async () => {
    const model = await resolveModel("test:foo");
    expect(model).toBeInstanceOf(TestModel);
    expect(model.id).toBe("foo");
  });

  it("returns a Model as it is", async () => {
    const model = new TestModel();
    expect(await resolveModel(model)).toBe(model);
  });

  it("accepts a model string on an Agent", async () => {
    const output = await new Agent({ model: "test:bar" }).run("hi");
    expect(output.model).toBe("bar");
    expect(output.content).toBe("TestModel response to: hi");
  });

  it("rejects an unknown provider, naming it", async () => {
    await expect(resolveModel("nosuch:model")).rejects.toThrow(ConfigurationError);
    await expect(resolveModel("nosuch:model")).rejects.toThrow(/Unknown model provider "nosuch"/);
  });

  it("resolves registered providers", async () => {
    registerModelProvider("MyProv", (id) => new TestModel({ id: `mine-${id}` }));
    const model = await resolveModel("myprov:abc");
    expect(model.id).toBe("mine-abc");
  });

  it("rejects a value that is not a model", async () => {
    await expect(resolveModel({} as never)).rejects.toThrow(ConfigurationError);
  });

  it("parses provider:model_id strings", () => {
    expect(parseModelString("openai:gpt-4o")).toEqual({ provider: "openai", modelId: "gpt-4o" });
    expect(parseModelString("Anthropic:claude:latest")).toEqual({
      provider: "anthropic",
      modelId: "claude:latest",
    });
  });

  it.each(["bad", ":gpt-4o", "openai:", ""])("rejects %j, naming it", (value) => {
    expect(() => parseModelString(value)).toThrow(ConfigurationError);
    expect(() => parseModelString(value)).toThrow(`Invalid model string "${value}"`);
  });
});
