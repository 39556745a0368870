import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  Agent,
  CustomEvent,
  FunctionModel,
  InputCheckError,
  InputValidationError,
  type Message,
  type ModelResponse,
  RetryAgentRun,
  type RunOutputEvent,
  RunStatus,
  StopAgentRun,
  TestModel,
  tool,
} from "../index.js";

const getWeather = tool({
  name: "get_weather",
  description: "Current weather in a city",
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => ({ city, tempC: 21 }),
});

const add = tool({
  name: "add",
  description: "Add two numbers",
  inputSchema: z.object({ a: z.number(), b: z.number() }),
  execute: ({ a, b }) => a + b,
});

async function collect(stream: AsyncIterable<RunOutputEvent>): Promise<RunOutputEvent[]> {
  const events: RunOutputEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

function names(events: RunOutputEvent[]): string[] {
  // Consecutive content deltas collapse into one entry so the sequence does not depend on chunking.
  const out: string[] = [];
  for (const e of events)
    if (!(e.event === "RunContent" && out.at(-1) === "RunContent")) out.push(e.event);
  return out;
}

/** A model that calls the given tool calls on its first turn, then answers `final`. */
function scripted(
  calls: Array<{ name: string; args: Record<string, unknown> }>,
  final = "done",
): FunctionModel {
  return new FunctionModel((messages) => {
    const lastUser = messages.map((m) => m.role).lastIndexOf("user");
    const called = messages.slice(lastUser + 1).some((m) => m.role === "assistant");
    if (!called && calls.length > 0) {
      return {
        content: null,
        toolCalls: calls.map((c, i) => ({
          id: `call_${i}`,
          type: "function" as const,
          function: { name: c.name, arguments: JSON.stringify(c.args) },
        })),
      } satisfies ModelResponse;
    }
    return final;
  });
}

describe("Agent construction", () => {
  it("defaults the id to the name's slug, else a UUID, and keeps options without resolving anything", () => {
    const agent = new Agent({ name: "Lean", model: "openai:gpt-4o", tools: [getWeather] });
    expect(agent.id).toBe("lean");
    expect(new Agent({ model: "openai:gpt-4o" }).id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(agent.name).toBe("Lean");
    expect(agent.model).toBe("openai:gpt-4o");
    expect(new Agent({ id: "fixed" }).id).toBe("fixed");
  });

  it("fails the run with a clear message when no model is configured", async () => {
    await expect(new Agent({ name: "nomodel" }).run("hi")).rejects.toThrow(
      /Agent "nomodel" has no model/,
    );
  });
});

describe("Agent.run", () => {
  it("resolves to a RunOutput with ids, content, model, messages and metrics", async () => {
    const agent = new Agent({ name: "Weather Agent", model: new TestModel(), tools: [getWeather] });
    const output = await agent.run("Weather in Paris?", { userId: "u1", sessionId: "s1" });
    expect(output.status).toBe(RunStatus.completed);
    expect(output.status).toBe("COMPLETED");
    expect(output.agent_id).toBe(agent.id);
    expect(output.agent_name).toBe("Weather Agent");
    expect(output.session_id).toBe("s1");
    expect(output.user_id).toBe("u1");
    expect(output.run_id).toBeTypeOf("string");
    expect(output.model).toBe("test");
    expect(output.model_provider).toBe("Test");
    expect(output.content_type).toBe("str");
    expect(output.content).toContain("get_weather returned");
    expect(output.messages?.map((m) => m.role)).toEqual(["user", "assistant", "tool", "assistant"]);
    expect(output.tools?.[0]).toMatchObject({
      tool_name: "get_weather",
      tool_args: { city: expect.any(String) },
    });
    expect(output.metrics?.input_tokens).toBeGreaterThan(0);
    expect(output.metrics?.output_tokens).toBeGreaterThan(0);
    expect(output.metrics?.total_tokens).toBe(
      (output.metrics?.input_tokens ?? 0) + (output.metrics?.output_tokens ?? 0),
    );
    expect(output.metrics?.duration).toBeGreaterThan(0);
    const assistant = output.messages?.filter((m) => m.role === "assistant") ?? [];
    expect(assistant.every((m) => (m.metrics?.total_tokens ?? 0) > 0)).toBe(true);
    expect(output.input?.input_content).toBe("Weather in Paris?");
  });

  it("generates a new session id per run when none is given", async () => {
    const agent = new Agent({ model: new TestModel() });
    const a = await agent.run("one");
    const b = await agent.run("two");
    expect(a.session_id).toBeTypeOf("string");
    expect(a.session_id).not.toBe(b.session_id);
    expect(a.run_id).not.toBe(b.run_id);
  });

  it("serializes to the wire's snake_case dict without nulls", async () => {
    const output = await new Agent({ model: new TestModel() }).run("hi");
    const dict = JSON.parse(JSON.stringify(output));
    expect(dict).toMatchObject({
      status: "COMPLETED",
      content_type: "str",
      input: { input_content: "hi" },
    });
    expect(Object.values(dict).includes(null)).toBe(false);
  });
});

describe("streaming", () => {
  it("yields the exact event sequence of a run with two tool calls", async () => {
    const agent = new Agent({ model: new TestModel(), tools: [getWeather, add] });
    const events = await collect(
      agent.run("Weather and a sum", { stream: true, streamEvents: true }),
    );
    expect(names(events)).toEqual([
      "RunStarted",
      "ModelRequestStarted",
      "ModelRequestCompleted",
      "ToolCallStarted",
      "ToolCallStarted",
      "ToolCallCompleted",
      "ToolCallCompleted",
      "ModelRequestStarted",
      "RunContent",
      "ModelRequestCompleted",
      "RunContentCompleted",
      "RunCompleted",
    ]);
    const started = events.filter((e) => e.event === "ToolCallStarted");
    expect(started.map((e) => (e as { tool: { tool_name: string } }).tool.tool_name)).toEqual([
      "get_weather",
      "add",
    ]);
    const completed = events.filter((e) => e.event === "ToolCallCompleted") as Array<{
      tool: { result: string };
    }>;
    expect(completed[0]?.tool.result).toContain("tempC");
    const first = events[0] as Record<string, unknown>;
    expect(first).toMatchObject({
      event: "RunStarted",
      agent_id: agent.id,
      model: "test",
      model_provider: "Test",
      nested_depth: 0,
    });
    expect(
      events.every((e) => e.run_id === first.run_id && e.session_id === first.session_id),
    ).toBe(true);
    const last = events.at(-1) as Record<string, unknown>;
    expect(last).toMatchObject({ event: "RunCompleted", content_type: "str" });
    expect((last.metrics as { total_tokens: number }).total_tokens).toBeGreaterThan(0);
    const text = events
      .filter((e) => e.event === "RunContent")
      .map((e) => e.content)
      .join("");
    expect(text).toBe(last.content);
  });

  it("yields only content events with stream alone", async () => {
    const agent = new Agent({ model: new TestModel({ chunkSize: 4 }), tools: [getWeather] });
    const events = await collect(agent.run("Weather?", { stream: true }));
    expect(events.length).toBeGreaterThan(1);
    expect(new Set(events.map((e) => e.event))).toEqual(new Set(["RunContent"]));
  });

  it("runs independent tool calls of one turn concurrently", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = (name: string) =>
      tool({
        name,
        execute: async () => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          if (inFlight === 2) release();
          await gate;
          inFlight--;
          return name;
        },
      });
    const agent = new Agent({ model: new TestModel(), tools: [slow("one"), slow("two")] });
    const output = await agent.run("go");
    expect(maxInFlight).toBe(2);
    expect(output.tools?.map((t) => t.result)).toEqual(["one", "two"]);
  });

  it("forwards custom events yielded by an async generator tool", async () => {
    const profile = tool({
      name: "get_customer_profile",
      async *execute() {
        yield new CustomEvent({ customer_name: "John Doe", customer_email: "john@example.com" });
        return "profile sent";
      },
    });
    const agent = new Agent({ model: new TestModel(), tools: [profile] });
    const events = await collect(agent.run("profile", { stream: true }));
    const custom = events.find((e) => e.event === "CustomEvent") as
      | Record<string, unknown>
      | undefined;
    expect(custom).toMatchObject({
      event: "CustomEvent",
      customer_name: "John Doe",
      agent_id: agent.id,
    });
    expect(custom?.tool_call_id).toBeTypeOf("string");
    expect(events.findIndex((e) => e.event === "CustomEvent")).toBeLessThan(
      events.findIndex((e) => e.event === "RunContent"),
    );
  });
});

describe("tool errors and control flow", () => {
  it("turns a tool error into a tool result and completes the run", async () => {
    const broken = tool({
      name: "broken",
      execute: () => {
        throw new Error("database unreachable");
      },
    });
    const agent = new Agent({ model: new TestModel(), tools: [broken] });
    const events = await collect(agent.run("try", { stream: true, streamEvents: true }));
    const toolMsgEvent = events.find((e) => e.event === "ToolCallError") as
      | Record<string, unknown>
      | undefined;
    expect(toolMsgEvent?.error).toBe("database unreachable");
    const output = await agent.run("try");
    expect(output.status).toBe("COMPLETED");
    const toolMessage = output.messages?.find((m) => m.role === "tool");
    expect(toolMessage).toMatchObject({
      content: "database unreachable",
      tool_call_error: true,
      tool_name: "broken",
    });
    expect(output.tools?.[0]).toMatchObject({
      tool_call_error: true,
      result: "database unreachable",
    });
  });

  it("completes the run when a tool throws StopAgentRun, without calling the model again", async () => {
    const model = scripted([{ name: "halt", args: {} }]);
    const halt = tool({
      name: "halt",
      execute: () => {
        throw new StopAgentRun("Security threshold reached", { agentMessage: "I stopped here." });
      },
    });
    const agent = new Agent({ model, tools: [halt] });
    const output = await agent.run("do it");
    expect(output.status).toBe("COMPLETED");
    expect(model.requests).toHaveLength(1);
    const toolMessage = output.messages?.find((m) => m.role === "tool");
    expect(toolMessage).toMatchObject({
      content: "Security threshold reached",
      tool_call_error: true,
      stop_after_tool_call: true,
    });
    expect(output.messages?.at(-1)).toMatchObject({
      role: "assistant",
      content: "I stopped here.",
    });
  });

  it("continues the loop with the error as feedback when a tool throws RetryAgentRun", async () => {
    let attempts = 0;
    const save = tool({
      name: "save_item",
      inputSchema: z.object({ item: z.string() }),
      execute: ({ item }) => {
        attempts++;
        if (item !== "valid")
          throw new RetryAgentRun("Item must be 'valid'. Call save_item again with item='valid'.");
        return "saved";
      },
    });
    const model = new FunctionModel((messages) => {
      const last = messages.at(-1) as Message;
      if (last.role === "user") {
        return {
          content: null,
          toolCalls: [
            {
              id: "c1",
              type: "function",
              function: { name: "save_item", arguments: '{"item":"bad"}' },
            },
          ],
        };
      }
      if (last.role === "tool" && last.tool_call_error) {
        return {
          content: null,
          toolCalls: [
            {
              id: "c2",
              type: "function",
              function: { name: "save_item", arguments: '{"item":"valid"}' },
            },
          ],
        };
      }
      return "All saved.";
    });
    const output = await new Agent({ model, tools: [save] }).run("save");
    expect(output.status).toBe("COMPLETED");
    expect(output.content).toBe("All saved.");
    expect(attempts).toBe(2);
    const toolMessages = output.messages?.filter((m) => m.role === "tool") ?? [];
    expect(toolMessages[0]).toMatchObject({
      tool_call_error: true,
      content: expect.stringContaining("must be 'valid'"),
    });
    expect(toolMessages[1]).toMatchObject({ tool_call_error: false, content: "saved" });
    expect(model.requests[1]?.messages.at(-1)?.content).toContain("must be 'valid'");
  });

  it("ends the run with the tool's result when stopAfterToolCall is set", async () => {
    const answer = tool({ name: "final_answer", stopAfterToolCall: true, execute: () => "42" });
    const model = new TestModel();
    const output = await new Agent({ model, tools: [answer] }).run("q");
    expect(output.content).toBe("42");
    expect(model.requests).toHaveLength(1);
  });

  it("answers calls beyond toolCallLimit with an error instead of running them", async () => {
    let runs = 0;
    const counted = tool({ name: "counted", execute: () => ++runs });
    const model = scripted([
      { name: "counted", args: {} },
      { name: "counted", args: {} },
      { name: "counted", args: {} },
    ]);
    const output = await new Agent({ model, tools: [counted], toolCallLimit: 2 }).run("go");
    expect(runs).toBe(2);
    const limited = output.messages?.filter((m) => m.role === "tool" && m.tool_call_error) ?? [];
    expect(limited).toHaveLength(1);
    expect(limited[0]?.content).toBe(
      "Tool call limit reached. Tool call counted not executed. Don't try to execute it again.",
    );
  });

  it("gives tools the RunContext and keeps their session state changes", async () => {
    const seen: Record<string, unknown> = {};
    const addItem = tool({
      name: "add_item",
      inputSchema: z.object({ item: z.string() }),
      execute: ({ item }, ctx) => {
        Object.assign(seen, {
          runId: ctx.runId,
          sessionId: ctx.sessionId,
          userId: ctx.userId,
          deps: ctx.dependencies,
          meta: ctx.metadata,
        });
        const list = (ctx.sessionState.shopping_list as string[]) ?? [];
        ctx.sessionState.shopping_list = [...list, item];
        return `added ${item}`;
      },
    });
    const agent = new Agent({
      model: new TestModel(),
      tools: [addItem],
      sessionState: { shopping_list: ["milk"] },
    });
    const output = await agent.run("add eggs", {
      userId: "ada",
      sessionId: "s-1",
      dependencies: { region: "eu" },
      metadata: { source: "test" },
    });
    expect(seen).toEqual({
      runId: output.run_id,
      sessionId: "s-1",
      userId: "ada",
      deps: { region: "eu" },
      meta: { source: "test" },
    });
    expect(output.session_state).toEqual({ shopping_list: ["milk", "a"] });
    expect(agent.options.sessionState).toEqual({ shopping_list: ["milk"] });
  });
});

describe("cancellation", () => {
  it("ends a stream with RunCancelled then RunCompleted and marks the output cancelled", async () => {
    const model = new TestModel({
      text: "a long answer that streams slowly",
      chunkSize: 2,
      latencyMs: 5,
    });
    const agent = new Agent({ model });
    const stream = agent.run("go", { stream: true, streamEvents: true });
    const events: RunOutputEvent[] = [];
    for await (const event of stream) {
      events.push(event);
      if (event.event === "RunContent") expect(agent.cancelRun(stream.runId)).toBe(true);
    }
    // As the reference: RunCancelled, then RunCompleted; the run stays cancelled.
    expect(events.at(-2)).toMatchObject({
      event: "RunCancelled",
      reason: `Run ${stream.runId} was cancelled`,
    });
    expect(events.at(-1)).toMatchObject({ event: "RunCompleted" });
    expect((await stream.output).status).toBe("CANCELLED");
  });

  it("resolves a cancelled non-streamed run with status CANCELLED", async () => {
    const agent = new Agent({ model: new TestModel({ latencyMs: 10_000 }) });
    const pending = agent.run("slow", { runId: "run-to-cancel" });
    await new Promise((r) => setTimeout(r, 20));
    expect(agent.cancelRun("run-to-cancel")).toBe(true);
    const output = await pending;
    expect(output.status).toBe("CANCELLED");
    expect(output.content).toBe("Run run-to-cancel was cancelled");
  });

  it("cancels through an AbortSignal", async () => {
    const controller = new AbortController();
    const pending = new Agent({ model: new TestModel({ latencyMs: 10_000 }) }).run("slow", {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort("user left"), 10);
    const output = await pending;
    expect(output.status).toBe("CANCELLED");
    expect(output.content).toBe("user left");
  });

  it("returns false for a run that is not running", () => {
    expect(new Agent({ model: new TestModel() }).cancelRun("no-such-run")).toBe(false);
  });
});

describe("input and output schemas", () => {
  const Input = z.object({ topic: z.string(), depth: z.number().int().min(1) });

  it("rejects input that does not match inputSchema with a clear error", async () => {
    const agent = new Agent({ name: "researcher", model: new TestModel(), inputSchema: Input });
    const run = agent.run({ topic: "ai", depth: 0 });
    await expect(run).rejects.toBeInstanceOf(InputValidationError);
    await expect(agent.run({ topic: "ai" })).rejects.toThrow(
      /Invalid input for agent "researcher": depth/,
    );
    await expect(agent.run("not json")).rejects.toThrow(/inputSchema/);
  });

  it("accepts valid input and sends it to the model as JSON", async () => {
    const model = new TestModel();
    const output = await new Agent({ model, inputSchema: Input }).run({ topic: "ai", depth: 2 });
    expect(output.status).toBe("COMPLETED");
    expect(JSON.parse(model.lastRequest?.messages.at(-1)?.content ?? "")).toEqual({
      topic: "ai",
      depth: 2,
    });
  });

  const TVShow = z.object({ title: z.string(), episodes: z.number() }).meta({ title: "TVShow" });

  it("parses structured output into the schema and names the content type", async () => {
    const model = new TestModel({ output: { title: "Dark", episodes: 26 } });
    const agent = new Agent({ model, outputSchema: TVShow });
    const output = await agent.run("Create a TV show");
    expect(output.content).toEqual({ title: "Dark", episodes: 26 });
    expect(output.content?.title).toBe("Dark");
    expect(output.content_type).toBe("TVShow");
    expect(model.lastRequest?.outputSchema).toMatchObject({ name: "TVShow", mode: "json_schema" });
  });

  it("takes a per-run output schema and a JSON Schema object", async () => {
    const agent = new Agent({ model: new TestModel() });
    const typed = await agent.run("show", { outputSchema: TVShow });
    expect(typed.content).toEqual({ title: "a", episodes: 0 });
    const dict = await agent.run("show", {
      outputSchema: {
        type: "object",
        properties: { name: { type: "string" } },
        required: ["name"],
      },
    });
    expect(dict.content).toEqual({ name: "a" });
    expect(dict.content_type).toBe("dict");
  });

  it("prompts for JSON and parses fenced answers when the model has no native structured output", async () => {
    const model = new FunctionModel(
      () => 'Here it is:\n```json\n{"title": "Lost", "episodes": 121}\n```',
      {
        structuredOutputs: false,
      },
    );
    const output = await new Agent({ model, outputSchema: TVShow }).run("show");
    expect(output.content).toEqual({ title: "Lost", episodes: 121 });
    const system = model.requests[0]?.messages[0];
    expect(system?.role).toBe("system");
    expect(system?.content).toContain(
      "Provide your output as a JSON containing the following fields:",
    );
    expect(system?.content).toContain('["title","episodes"]');
  });

  it("keeps the text when parseResponse is false", async () => {
    const model = new TestModel({ output: { title: "Dark", episodes: 26 } });
    const output = await new Agent({ model, outputSchema: TVShow, parseResponse: false }).run(
      "show",
    );
    expect(output.content).toBe('{"title":"Dark","episodes":26}');
  });

  it("streams structured output as one content event carrying the object", async () => {
    const agent = new Agent({
      model: new TestModel({ output: { title: "Dark", episodes: 26 } }),
      outputSchema: TVShow,
    });
    const events = await collect(agent.run("show", { stream: true }));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      event: "RunContent",
      content: { title: "Dark", episodes: 26 },
      content_type: "TVShow",
    });
  });
});

describe("context building", () => {
  it("assembles the system message from description, instructions and the context flags", async () => {
    const model = new TestModel();
    const agent = new Agent({
      name: "Helper",
      model,
      description: "You are a helpful assistant.",
      instructions: ["Be brief.", "Cite sources."],
      expectedOutput: "A short paragraph.",
      additionalContext: "The user is on mobile.",
      markdown: true,
      addNameToContext: true,
      addDatetimeToContext: true,
      timezoneIdentifier: "Etc/UTC",
    });
    await agent.run("hello");
    const system = model.lastRequest?.messages[0]?.content ?? "";
    expect(system.startsWith("You are a helpful assistant.")).toBe(true);
    expect(system).toContain("- Be brief.\n- Cite sources.");
    expect(system).toContain("<additional_information>");
    expect(system).toContain("- Use markdown to format your answers.");
    expect(system).toMatch(/- The current time is \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} Etc\/UTC\./);
    expect(system).toContain("- Your name is: Helper.");
    expect(system).toContain("<expected_output>\nA short paragraph.\n</expected_output>");
    expect(system.indexOf("<expected_output>")).toBeLessThan(
      system.indexOf("The user is on mobile."),
    );
  });

  it("accepts instructions as a function and fills placeholders from state and dependencies", async () => {
    const model = new TestModel();
    const agent = new Agent({
      model,
      sessionState: { plan: "pro" },
      dependencies: { company: () => "Acme" },
      instructions: ({ sessionState }) =>
        `The user is on the {plan} plan at {company}; state has ${Object.keys(sessionState).length} keys.`,
    });
    await agent.run("hi");
    expect(model.lastRequest?.messages[0]?.content).toBe(
      "The user is on the pro plan at Acme; state has 1 keys.",
    );
  });

  it("replaces everything with systemMessage and sends none when buildContext is false", async () => {
    const model = new TestModel();
    await new Agent({ model, systemMessage: "Only this.", instructions: "ignored" }).run("hi");
    expect(model.lastRequest?.messages[0]).toMatchObject({ role: "system", content: "Only this." });
    await new Agent({ model, buildContext: false, instructions: "ignored" }).run("hi");
    expect(model.lastRequest?.messages.map((m) => m.role)).toEqual(["user"]);
  });

  it("orders system, additional input, then the user message with dependencies in context", async () => {
    const model = new TestModel();
    const agent = new Agent({
      model,
      instructions: "Answer.",
      additionalInput: ["Example question", { role: "assistant", content: "Example answer" }],
      dependencies: { user_profile: { name: "Ada" } },
      addDependenciesToContext: true,
    });
    const output = await agent.run("Who am I?");
    const sent = model.lastRequest?.messages ?? [];
    expect(sent.map((m) => m.role)).toEqual(["system", "user", "assistant", "user"]);
    expect(sent[3]?.content).toContain("Who am I?\n\n<additional context>\n");
    expect(sent[3]?.content).toContain('"name": "Ada"');
    expect(output.additional_input).toHaveLength(2);
  });

  it("adds the session state to the system message when asked", async () => {
    const model = new TestModel();
    await new Agent({ model, sessionState: { count: 1 }, addSessionStateToContext: true }).run(
      "hi",
    );
    expect(model.lastRequest?.messages[0]?.content).toContain(
      '<session_state>\n{"count":1}\n</session_state>',
    );
  });

  it("accepts a list of messages as input", async () => {
    const model = new TestModel();
    await new Agent({ model }).run([
      { role: "user", content: "first" },
      { role: "assistant", content: "reply" },
      { role: "user", content: "second" },
    ]);
    expect(model.lastRequest?.messages.map((m) => m.content)).toEqual(["first", "reply", "second"]);
  });
});

describe("hooks", () => {
  it("runs pre- and post-hooks with their events and only the parameters they declare", async () => {
    const seen: Array<Record<string, unknown>> = [];
    function audit(params: { run_input: unknown; user_id: unknown }) {
      seen.push({
        keys: Object.keys(params).sort(),
        input: (params.run_input as { input_content: string }).input_content,
      });
    }
    const post = ({ run_output }: { run_output: { content?: unknown } }) => {
      seen.push({ output: run_output.content });
    };
    const agent = new Agent({
      model: new TestModel({ text: "ok" }),
      preHooks: [audit],
      postHooks: [post],
    });
    const events = await collect(agent.run("hello", { stream: true, streamEvents: true }));
    expect(names(events)).toEqual([
      "RunStarted",
      "PreHookStarted",
      "PreHookCompleted",
      "ModelRequestStarted",
      "RunContent",
      "ModelRequestCompleted",
      "RunContentCompleted",
      "PostHookStarted",
      "PostHookCompleted",
      "RunCompleted",
    ]);
    expect(events[1]).toMatchObject({
      pre_hook_name: "audit",
      run_input: { input_content: "hello" },
    });
    expect(seen[1]).toEqual({ output: "ok" });
    expect(seen[0]?.input).toBe("hello");
    expect(seen[0]?.keys).toEqual(
      expect.arrayContaining([
        "agent",
        "run_input",
        "session_state",
        "dependencies",
        "metadata",
        "user_id",
        "debug_mode",
      ]),
    );
  });

  it("fails the run with RunError when a pre-hook raises InputCheckError", async () => {
    const guard = ({ run_input }: { run_input: { input_content: unknown } }) => {
      if (String(run_input.input_content).includes("password")) {
        throw new InputCheckError("Sensitive data is not allowed.", {
          checkTrigger: "pii_detected",
        });
      }
    };
    const model = new TestModel();
    const agent = new Agent({ model, preHooks: [guard] });
    const events = await collect(agent.run("my password is 123", { stream: true }));
    expect(events.at(-1)).toMatchObject({
      event: "RunError",
      content: "Sensitive data is not allowed.",
      error_type: "input_check_error",
      error_id: "pii_detected",
    });
    const output = await agent.run("my password is 123");
    expect(output.status).toBe("ERROR");
    expect(output.content).toBe("Sensitive data is not allowed.");
    expect(model.requests).toHaveLength(0);
  });
});

describe("human in the loop", () => {
  const deleteFile = tool({
    name: "delete_file",
    inputSchema: z.object({ path: z.string() }),
    requiresConfirmation: true,
    execute: ({ path }) => `deleted ${path}`,
  });

  it("pauses for confirmation and continues when confirmed", async () => {
    const agent = new Agent({
      model: scripted([{ name: "delete_file", args: { path: "/tmp/x" } }], "File gone."),
      tools: [deleteFile],
    });
    const events = await collect(agent.run("delete /tmp/x", { stream: true }));
    const paused = events.at(-1) as Record<string, any>;
    expect(paused.event).toBe("RunPaused");
    expect(paused.tools[0]).toMatchObject({
      tool_name: "delete_file",
      requires_confirmation: true,
      confirmed: null,
    });

    const output = await agent.run("delete /tmp/x");
    expect(output.status).toBe("PAUSED");
    expect(output.content).toBe("I have tools to execute, but I need confirmation.");
    expect(output.activeRequirements).toHaveLength(1);
    output.tools![0]!.confirmed = true;
    const resumed = await collect(
      agent.continueRun({ runOutput: output, stream: true, streamEvents: true }),
    );
    expect(names(resumed)).toEqual([
      "RunContinued",
      "ToolCallStarted",
      "ToolCallCompleted",
      "ModelRequestStarted",
      "RunContent",
      "ModelRequestCompleted",
      "RunContentCompleted",
      "RunCompleted",
    ]);
    expect(output.status).toBe("COMPLETED");
    expect(output.content).toBe("File gone.");
    expect(output.messages?.find((m) => m.role === "tool")?.content).toBe("deleted /tmp/x");
  });

  it("tells the model when the user rejects a call", async () => {
    const model = scripted(
      [{ name: "delete_file", args: { path: "/etc" } }],
      "Understood, not deleting.",
    );
    const agent = new Agent({ model, tools: [deleteFile] });
    const paused = await agent.run("delete /etc");
    const updated = paused.tools!.map((t) => ({ ...t, confirmed: false }));
    const output = await agent.continueRun({ runOutput: paused, updatedTools: updated });
    expect(output.status).toBe("COMPLETED");
    const toolMessage = output.messages?.find((m) => m.role === "tool");
    expect(toolMessage).toMatchObject({
      content: "Function call was rejected by the user",
      tool_call_error: true,
    });
    expect(
      model.requests
        .at(-1)
        ?.messages.some((m) => m.content === "Function call was rejected by the user"),
    ).toBe(true);
  });

  it("takes an external result for externalExecution tools", async () => {
    const shell = tool({
      name: "run_shell",
      inputSchema: z.object({ cmd: z.string() }),
      externalExecution: true,
    });
    const agent = new Agent({
      model: scripted([{ name: "run_shell", args: { cmd: "ls" } }], "Listed."),
      tools: [shell],
    });
    const paused = await agent.run("list files");
    expect(paused.tools?.[0]).toMatchObject({ external_execution_required: true, result: null });
    paused.tools![0]!.result = "a.txt b.txt";
    const output = await agent.continueRun({ runOutput: paused });
    expect(output.status).toBe("COMPLETED");
    expect(output.messages?.find((m) => m.role === "tool")?.content).toBe("a.txt b.txt");
  });

  it("collects user input for requiresUserInput tools", async () => {
    const send = tool({
      name: "send_email",
      inputSchema: z.object({ subject: z.string(), to_address: z.string().describe("Recipient") }),
      userInputFields: ["to_address"],
      execute: ({ subject, to_address }) => `sent "${subject}" to ${to_address}`,
    });
    expect(Object.keys((send.definition.parameters as { properties: object }).properties)).toEqual([
      "subject",
    ]);
    const agent = new Agent({
      model: scripted([{ name: "send_email", args: { subject: "Hi" } }], "Sent."),
      tools: [send],
    });
    const paused = await agent.run("email");
    expect(paused.content).toBe("I have tools to execute, but I need user input.");
    const field = paused.tools?.[0]?.user_input_schema?.[0];
    expect(field).toEqual({
      name: "to_address",
      field_type: "str",
      description: "Recipient",
      value: null,
    });
    field!.value = "ada@example.com";
    const output = await agent.continueRun({ runOutput: paused });
    expect(output.messages?.find((m) => m.role === "tool")?.content).toBe(
      'sent "Hi" to ada@example.com',
    );
    expect(output.tools?.[0]?.answered).toBe(true);
  });

  it("explains that continuing by run id needs storage", async () => {
    const agent = new Agent({ model: new TestModel() });
    await expect(agent.continueRun({ runId: "r1" })).rejects.toThrow(
      /needs the agent to have a db/,
    );
  });
});

describe("media", () => {
  it("sends images to the model and gives them to tools", async () => {
    const { Image } = await import("../index.js");
    let toolSaw = 0;
    const inspect = tool({
      name: "inspect",
      execute: (_args, ctx) => {
        toolSaw = ctx.images.length;
        return toolSaw;
      },
    });
    const model = new TestModel();
    const image = new Image({ url: "https://example.com/cat.png" });
    const output = await new Agent({ model, tools: [inspect] }).run("What is this?", {
      images: [image],
    });
    expect(model.requests[0]?.messages.at(-1)?.images?.[0]?.url).toBe(
      "https://example.com/cat.png",
    );
    expect(toolSaw).toBe(1);
    expect(output.input?.images?.[0]?.mimeType).toBe("image/png");
    expect(JSON.parse(JSON.stringify(output)).input.images[0]).toMatchObject({
      url: "https://example.com/cat.png",
      mime_type: "image/png",
    });
  });

  it("keeps media from the model when sendMediaToModel is false", async () => {
    const { File } = await import("../index.js");
    const model = new TestModel();
    await new Agent({ model, sendMediaToModel: false }).run("summarize", {
      files: [
        new File({
          content: new TextEncoder().encode("hello"),
          mimeType: "text/plain",
          filename: "a.txt",
        }),
      ],
    });
    expect(model.requests[0]?.messages.at(-1)?.files).toBeUndefined();
  });
});

describe("events storage, retries and printing", () => {
  it("stores events on the output, skipping RunContent by default", async () => {
    const agent = new Agent({ model: new TestModel(), tools: [add], storeEvents: true });
    const output = await agent.run("sum");
    expect(output.events?.map((e) => e.event)).toEqual([
      "RunStarted",
      "ModelRequestStarted",
      "ModelRequestCompleted",
      "ToolCallStarted",
      "ToolCallCompleted",
      "ModelRequestStarted",
      "ModelRequestCompleted",
      "RunContentCompleted",
      "RunCompleted",
    ]);
    const all = await new Agent({
      model: new TestModel(),
      storeEvents: true,
      eventsToSkip: [],
    }).run("x", { stream: true });
    const kept: RunOutputEvent[] = [];
    for await (const e of all) kept.push(e);
    expect(kept.every((e) => e.event === "RunContent")).toBe(true);
  });

  it("retries a failed run", async () => {
    let calls = 0;
    const model = new FunctionModel(() => {
      calls++;
      if (calls === 1) throw new TypeError("flaky");
      return "recovered";
    });
    const output = await new Agent({ model, retries: 1, delayBetweenRetries: 0 }).run("x");
    expect(output.status).toBe("COMPLETED");
    expect(output.content).toBe("recovered");
    const failed = await new Agent({
      model: new FunctionModel(() => {
        throw new TypeError("always");
      }),
    }).run("x");
    expect(failed.status).toBe("ERROR");
    expect(failed.content).toContain("always");
  });

  it("prints the message, tool calls and the answer", async () => {
    let text = "";
    const out = {
      write: (chunk: string) => {
        text += chunk;
      },
    };
    const agent = new Agent({
      model: new TestModel({ text: "It is sunny." }),
      tools: [getWeather],
    });
    const output = await agent.printResponse("Weather?", { stream: true, output: out });
    expect(text).toContain("Message");
    expect(text).toContain("Weather?");
    expect(text).toContain("• get_weather(city=a)");
    expect(text).toContain("It is sunny.");
    expect(output.content).toBe("It is sunny.");
  });
});
