import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  Agent,
  ConfigurationError,
  FunctionModel,
  getLogger,
  type Logger,
  type Message,
  type ModelResponse,
  setLogger,
  TestModel,
  type ToolCall,
  type ToolCallHookParams,
  type ToolHook,
  Toolkit,
  tool,
  toolFromFunction,
} from "../index.js";

const warnings: string[] = [];
let previousLogger: Logger;
beforeAll(() => {
  previousLogger = getLogger();
  const quiet = () => {};
  setLogger({ debug: quiet, info: quiet, warn: (m) => warnings.push(m), error: quiet });
});
afterAll(() => setLogger(previousLogger));

/** A model that calls the given tools on its first turn, then answers "done". */
function callingModel(calls: Array<{ name: string; args: string }>): FunctionModel {
  return new FunctionModel((_messages, info): ModelResponse | string => {
    if (info.callIndex > 0) return "done";
    const toolCalls: ToolCall[] = calls.map((c, i) => ({
      id: `call_${i}`,
      type: "function",
      function: { name: c.name, arguments: c.args },
    }));
    return { content: null, toolCalls };
  });
}

function toolMessages(messages: Message[] | undefined): Message[] {
  return (messages ?? []).filter((m) => m.role === "tool");
}

describe("tool() validation", () => {
  it.each([
    "",
    "has space",
    "dot.name",
    "x".repeat(65),
    "émoji",
  ])("rejects the bad name %j", (name) => {
    expect(() => tool({ name, execute: () => 1 })).toThrow(ConfigurationError);
    expect(() => tool({ name, execute: () => 1 })).toThrow(/Invalid tool name/);
  });

  it("accepts letters, digits, underscores and dashes up to 64 characters", () => {
    expect(tool({ name: "get_weather-2", execute: () => 1 }).name).toBe("get_weather-2");
    expect(tool({ name: "a".repeat(64), execute: () => 1 }).name).toHaveLength(64);
  });

  it("names the bad value in the error", () => {
    expect(() => tool({ name: "bad name", execute: () => 1 })).toThrow(/"bad name"/);
  });

  it("rejects two pause flags at once", () => {
    expect(() =>
      tool({ name: "t", requiresConfirmation: true, externalExecution: true, execute: () => 1 }),
    ).toThrow(/only one of requiresConfirmation, requiresUserInput and externalExecution/);
    expect(() =>
      tool({ name: "t", requiresConfirmation: true, requiresUserInput: true, execute: () => 1 }),
    ).toThrow(ConfigurationError);
    // userInputFields implies requiresUserInput.
    expect(() =>
      tool({ name: "t", userInputFields: ["a"], externalExecution: true, execute: () => 1 }),
    ).toThrow(ConfigurationError);
  });

  it("requires an execute function unless the tool is executed externally", () => {
    expect(() => tool({ name: "no_exec" })).toThrow(/needs an execute function/);
    expect(() => tool({ name: "no_exec" })).toThrow(ConfigurationError);
    const external = tool({ name: "external", externalExecution: true });
    expect(external.externalExecution).toBe(true);
    expect(external.execute).toBeUndefined();
  });

  it("applies defaults for the behaviour flags", () => {
    const t = tool({ name: "plain", execute: () => 1 });
    expect(t.stopAfterToolCall).toBe(false);
    expect(t.showResult).toBe(false);
    expect(t.requiresConfirmation).toBe(false);
    expect(t.requiresUserInput).toBe(false);
    expect(t.externalExecution).toBe(false);
    expect(t.cacheResults).toBe(false);
    expect(t.cacheTtl).toBe(3600);
    // showResult defaults to stopAfterToolCall.
    expect(tool({ name: "stopper", stopAfterToolCall: true, execute: () => 1 }).showResult).toBe(
      true,
    );
  });
});

describe("tool definitions", () => {
  it("builds the JSON schema of the parameters from zod", () => {
    const t = tool({
      name: "get_weather",
      description: "Current weather in a city",
      inputSchema: z.object({
        city: z.string().describe("City name"),
        unit: z.enum(["c", "f"]).optional(),
        days: z.number().int().min(1),
      }),
      execute: () => "sunny",
    });
    const def = t.definition;
    expect(def.name).toBe("get_weather");
    expect(def.description).toBe("Current weather in a city");
    expect(def.parameters.type).toBe("object");
    expect(def.parameters.$schema).toBeUndefined();
    const props = def.parameters.properties as Record<string, Record<string, unknown>>;
    expect(props.city).toMatchObject({ type: "string", description: "City name" });
    expect(props.unit).toMatchObject({ type: "string", enum: ["c", "f"] });
    expect(props.days).toMatchObject({ type: "integer", minimum: 1 });
    expect(def.parameters.required).toEqual(["city", "days"]);
    expect(t.validatesArgs).toBe(true);
  });

  it("passes a JSON Schema object through unchanged and does not validate it", () => {
    const schema = {
      type: "object",
      properties: { q: { type: "string" } },
      required: ["q"],
    };
    const t = tool({ name: "search", inputSchema: schema, execute: () => "" });
    expect(t.definition.parameters).toEqual(schema);
    expect(t.validatesArgs).toBe(false);
  });

  it("offers an open object schema when no inputSchema is given", () => {
    const t = tool({ name: "now", execute: () => "noon" });
    expect(t.definition.parameters).toEqual({
      type: "object",
      properties: {},
      additionalProperties: true,
    });
    expect(t.definition.description).toBeUndefined();
  });

  it("carries strict into the definition", () => {
    expect(tool({ name: "s", strict: true, execute: () => 1 }).definition.strict).toBe(true);
    expect(tool({ name: "s", execute: () => 1 }).definition.strict).toBeUndefined();
  });

  it("hides userInputFields from the model's definition but keeps them in parameters", () => {
    const t = tool({
      name: "send_email",
      inputSchema: z.object({ subject: z.string(), to: z.string(), body: z.string() }),
      userInputFields: ["to"],
      execute: () => "sent",
    });
    expect(t.requiresUserInput).toBe(true);
    const props = t.definition.parameters.properties as Record<string, unknown>;
    expect(Object.keys(props)).toEqual(["subject", "body"]);
    expect(t.definition.parameters.required).toEqual(["subject", "body"]);
    expect(Object.keys(t.parameters.properties as object)).toEqual(["subject", "to", "body"]);
  });

  it("describes user input fields with wire type names, pre-filled from the model's args", () => {
    const t = tool({
      name: "form",
      inputSchema: z.object({
        name: z.string().describe("Your name"),
        age: z.number().int(),
        score: z.number(),
        ok: z.boolean(),
        tags: z.array(z.string()),
        meta: z.object({ k: z.string() }),
        maybe: z.number().nullable(),
      }),
      requiresUserInput: true,
      execute: () => "ok",
    });
    const fields = t.userInputSchema({ name: "Ada", ok: true });
    expect(fields).toEqual([
      { name: "name", field_type: "str", description: "Your name", value: "Ada" },
      { name: "age", field_type: "int", description: null, value: null },
      { name: "score", field_type: "float", description: null, value: null },
      { name: "ok", field_type: "bool", description: null, value: true },
      { name: "tags", field_type: "list", description: null, value: null },
      { name: "meta", field_type: "dict", description: null, value: null },
      { name: "maybe", field_type: "float", description: null, value: null },
    ]);
  });

  it("lists only the named userInputFields in the user input schema", () => {
    const t = tool({
      name: "partial_form",
      inputSchema: z.object({ a: z.string(), b: z.number() }),
      userInputFields: ["b"],
      execute: () => "ok",
    });
    expect(t.userInputSchema({ a: "x" })).toEqual([
      { name: "b", field_type: "float", description: null, value: null },
    ]);
  });
});

describe("plain functions as tools", () => {
  it("wraps a named function, named after the function", async () => {
    const seen: unknown[] = [];
    function get_time(args: unknown) {
      seen.push(args);
      return "noon";
    }
    const agent = new Agent({ model: new TestModel(), tools: [get_time] });
    const output = await agent.run("What time is it?");
    expect(output.status).toBe("COMPLETED");
    expect(seen).toEqual([{}]);
    const [message] = toolMessages(output.messages);
    expect(message).toMatchObject({
      tool_name: "get_time",
      content: "noon",
      tool_call_error: false,
    });
    expect(output.content).toContain("get_time returned noon");
  });

  it("uses a function's description property", () => {
    const fn = Object.assign(function lookup() {}, { description: "Looks things up" });
    const t = toolFromFunction(fn);
    expect(t.name).toBe("lookup");
    expect(t.definition.description).toBe("Looks things up");
  });

  it("rejects an anonymous function", async () => {
    expect(() => toolFromFunction(Object.defineProperty(() => 1, "name", { value: "" }))).toThrow(
      /needs a name/,
    );
    const agent = new Agent({
      model: new TestModel(),
      tools: [
        (
          () => () =>
            1
        )(),
      ],
    });
    await expect(agent.run("hi")).rejects.toThrow(ConfigurationError);
  });

  it("rejects two tools with the same name", async () => {
    const a = tool({ name: "dup", execute: () => 1 });
    const b = tool({ name: "dup", execute: () => 2 });
    const agent = new Agent({ model: new TestModel(), tools: [a, b] });
    await expect(agent.run("hi")).rejects.toThrow(/two tools named "dup"/);
  });
});

describe("Toolkit", () => {
  const add = tool({
    name: "add",
    inputSchema: z.object({ a: z.number(), b: z.number() }),
    execute: ({ a, b }) => a + b,
  });
  const sub = tool({
    name: "sub",
    inputSchema: z.object({ a: z.number(), b: z.number() }),
    execute: ({ a, b }) => a - b,
  });
  function mul() {
    return 0;
  }

  it("registers every tool by default, named functions included", () => {
    const tk = new Toolkit({ name: "calc", tools: [add, sub, mul] });
    expect(tk.name).toBe("calc");
    expect(tk.tools.map((t) => t.name)).toEqual(["add", "sub", "mul"]);
  });

  it("defaults its name to toolkit", () => {
    expect(new Toolkit().name).toBe("toolkit");
    expect(new Toolkit().tools).toEqual([]);
  });

  it("filters with includeTools and excludeTools", () => {
    expect(
      new Toolkit({ tools: [add, sub, mul], includeTools: ["sub"] }).tools.map((t) => t.name),
    ).toEqual(["sub"]);
    expect(
      new Toolkit({ tools: [add, sub, mul], excludeTools: ["add"] }).tools.map((t) => t.name),
    ).toEqual(["sub", "mul"]);
  });

  it("sets flags per tool without changing the original tool", () => {
    const tk = new Toolkit({
      tools: [add, sub, mul],
      requiresConfirmationTools: ["add"],
      stopAfterToolCallTools: ["sub"],
      showResultTools: ["mul"],
    });
    const [tAdd, tSub, tMul] = tk.tools;
    expect(tAdd?.requiresConfirmation).toBe(true);
    expect(tSub?.stopAfterToolCall).toBe(true);
    expect(tSub?.showResult).toBe(true);
    expect(tMul?.showResult).toBe(true);
    expect(tMul?.stopAfterToolCall).toBe(false);
    expect(add.requiresConfirmation).toBe(false);
    expect(sub.stopAfterToolCall).toBe(false);
    // The copy keeps the schema.
    expect(tAdd?.definition.parameters).toEqual(add.definition.parameters);
  });

  it.each([
    "includeTools",
    "excludeTools",
    "requiresConfirmationTools",
    "externalExecutionRequiredTools",
    "stopAfterToolCallTools",
    "showResultTools",
  ] as const)("names unknown tools given in %s", (label) => {
    const tk = new Toolkit({ name: "calc", tools: [add, sub], [label]: ["add", "nope"] });
    expect(() => tk.tools).toThrow(ConfigurationError);
    expect(() => tk.tools).toThrow(new RegExp(`${label} names unknown tools "nope"`));
    expect(() => tk.tools).toThrow(/Available: add, sub/);
  });

  it("only exposes included tools to the model", async () => {
    const model = new TestModel();
    const tk = new Toolkit({ tools: [add, sub], excludeTools: ["sub"] });
    const output = await new Agent({ model, tools: [tk] }).run("compute");
    expect(model.requests[0]?.tools?.map((t) => t.name)).toEqual(["add"]);
    expect(toolMessages(output.messages).map((m) => m.tool_name)).toEqual(["add"]);
  });

  it("pauses the run for requiresConfirmationTools", async () => {
    let ran = false;
    const danger = tool({
      name: "danger",
      execute: () => {
        ran = true;
        return "boom";
      },
    });
    const tk = new Toolkit({ tools: [danger], requiresConfirmationTools: ["danger"] });
    const output = await new Agent({ model: new TestModel(), tools: [tk] }).run("go");
    expect(output.status).toBe("PAUSED");
    expect(ran).toBe(false);
    expect(output.tools?.[0]).toMatchObject({ tool_name: "danger", requires_confirmation: true });
  });

  it("ends the run after stopAfterToolCallTools, with the result as content", async () => {
    const model = new TestModel();
    const final = tool({ name: "final_answer", execute: () => "the final answer" });
    const tk = new Toolkit({ tools: [final], stopAfterToolCallTools: ["final_answer"] });
    const output = await new Agent({ model, tools: [tk] }).run("go");
    expect(output.status).toBe("COMPLETED");
    expect(output.content).toBe("the final answer");
    expect(model.requests).toHaveLength(1);
    expect(output.tools?.[0]?.stop_after_tool_call).toBe(true);
  });

  it("shows the results of showResultTools as content and goes on", async () => {
    const model = new TestModel({ text: " and that is all." });
    const shown = tool({ name: "shown", execute: () => "RESULT" });
    const tk = new Toolkit({ tools: [shown], showResultTools: ["shown"] });
    const output = await new Agent({ model, tools: [tk] }).run("go");
    expect(output.status).toBe("COMPLETED");
    expect(model.requests).toHaveLength(2);
    expect(output.content).toBe("RESULT and that is all.");
  });
});

describe("tool hooks", () => {
  it("runs middleware with the first hook outermost; hooks can change args and result", async () => {
    const order: string[] = [];
    const seenArgs: unknown[] = [];
    const outer: ToolHook = async ({ name, args, next }) => {
      order.push(`outer:before:${name}`);
      const result = await next(args);
      order.push("outer:after");
      return `${String(result)}!`;
    };
    const inner: ToolHook = async ({ args, next }) => {
      order.push("inner:before");
      const result = await next({ ...args, n: (args.n as number) + 10 });
      order.push("inner:after");
      return result;
    };
    const agentHook: ToolHook = async ({ args, next }) => {
      order.push("agent:before");
      const result = await next(args);
      order.push("agent:after");
      return `[${String(result)}]`;
    };
    const double = tool({
      name: "double",
      inputSchema: z.object({ n: z.number() }),
      toolHooks: [outer, inner],
      execute: (args) => {
        seenArgs.push(args);
        order.push("execute");
        return args.n * 2;
      },
    });
    const model = new TestModel({ toolArgs: { double: { n: 1 } } });
    const output = await new Agent({ model, tools: [double], toolHooks: [agentHook] }).run("x");
    expect(order).toEqual([
      "agent:before",
      "outer:before:double",
      "inner:before",
      "execute",
      "inner:after",
      "outer:after",
      "agent:after",
    ]);
    expect(seenArgs).toEqual([{ n: 11 }]);
    const [message] = toolMessages(output.messages);
    expect(message?.content).toBe("[22!]");
    expect(message?.tool_call_error).toBe(false);
  });

  it("lets a hook answer without calling the tool", async () => {
    let ran = false;
    const blocked = tool({
      name: "blocked",
      toolHooks: [() => "blocked by policy"],
      execute: () => {
        ran = true;
        return "ran";
      },
    });
    const output = await new Agent({ model: new TestModel(), tools: [blocked] }).run("x");
    expect(ran).toBe(false);
    expect(toolMessages(output.messages)[0]?.content).toBe("blocked by policy");
  });

  it("calls preHook before and postHook after the tool, with the result", async () => {
    const events: string[] = [];
    let post: ToolCallHookParams | undefined;
    const t = tool({
      name: "echo",
      inputSchema: z.object({ text: z.string() }),
      preHook: ({ name, args }) => {
        events.push(`pre:${name}:${JSON.stringify(args)}`);
      },
      postHook: (params) => {
        events.push("post");
        post = params;
      },
      execute: ({ text }) => {
        events.push("execute");
        return `echo ${text}`;
      },
    });
    const model = new TestModel({ toolArgs: { echo: { text: "hi" } } });
    await new Agent({ model, tools: [t] }).run("x");
    expect(events).toEqual(['pre:echo:{"text":"hi"}', "execute", "post"]);
    expect(post?.result).toBe("echo hi");
    expect(post?.error).toBeUndefined();
    expect(post?.toolCallId).toBe("call_0_0");
    expect(post?.args).toEqual({ text: "hi" });
  });

  it("gives postHook the error message when the tool fails", async () => {
    let post: ToolCallHookParams | undefined;
    const t = tool({
      name: "fails",
      postHook: (params) => {
        post = params;
      },
      execute: () => {
        throw new Error("kaput");
      },
    });
    await new Agent({ model: new TestModel(), tools: [t] }).run("x");
    expect(post).toBeDefined();
    expect(post?.error).toBe("kaput");
    expect(post?.result).toBeUndefined();
  });
});

describe("cacheResults", () => {
  it("does not run the tool again for the same arguments", async () => {
    let count = 0;
    const t = tool({
      name: "cached_counter_memory",
      inputSchema: z.object({ q: z.string() }),
      cacheResults: true,
      execute: ({ q }) => {
        count++;
        return { q, count };
      },
    });
    const model = new TestModel({ toolArgs: { cached_counter_memory: { q: "same" } } });
    const agent = new Agent({ model, tools: [t] });
    const first = await agent.run("one");
    const second = await agent.run("two");
    expect(count).toBe(1);
    const expected = JSON.stringify({ q: "same", count: 1 });
    expect(toolMessages(first.messages)[0]?.content).toBe(expected);
    expect(toolMessages(second.messages)[0]?.content).toBe(expected);
  });

  it("runs the tool again for different arguments", async () => {
    let count = 0;
    const t = tool({
      name: "cached_counter_args",
      inputSchema: z.object({ q: z.string() }),
      cacheResults: true,
      execute: ({ q }) => {
        count++;
        return `${q}:${count}`;
      },
    });
    const model = callingModel([
      { name: "cached_counter_args", args: '{"q":"a"}' },
      { name: "cached_counter_args", args: '{"q":"b"}' },
    ]);
    const output = await new Agent({ model, tools: [t] }).run("x");
    expect(count).toBe(2);
    const contents = toolMessages(output.messages).map((m) => m.content ?? "");
    expect(contents.map((c) => c.split(":")[0])).toEqual(["a", "b"]);
    const again = await new Agent({
      model: callingModel([{ name: "cached_counter_args", args: '{"q":"b"}' }]),
      tools: [t],
    }).run("y");
    expect(count).toBe(2);
    expect(toolMessages(again.messages)[0]?.content).toBe(contents[1]);
  });

  it("does not cache tools without cacheResults", async () => {
    let count = 0;
    const t = tool({
      name: "uncached_counter",
      execute: () => {
        count++;
        return count;
      },
    });
    const agent = new Agent({ model: new TestModel(), tools: [t] });
    await agent.run("one");
    const second = await agent.run("two");
    expect(count).toBe(2);
    expect(toolMessages(second.messages)[0]?.content).toBe("2");
  });

  it("caches on disk under cacheDir", async () => {
    const dir = await mkdtemp(join(tmpdir(), "agno-cache-"));
    try {
      let count = 0;
      const make = () =>
        tool({
          name: "cached_counter_disk",
          cacheResults: true,
          cacheDir: dir,
          execute: () => {
            count++;
            return "disk result";
          },
        });
      await new Agent({ model: new TestModel(), tools: [make()] }).run("one");
      const second = await new Agent({ model: new TestModel(), tools: [make()] }).run("two");
      expect(count).toBe(1);
      expect(toolMessages(second.messages)[0]?.content).toBe("disk result");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("applies a Toolkit's cacheResults to its tools", async () => {
    let count = 0;
    const t = tool({
      name: "cached_counter_toolkit",
      execute: () => {
        count++;
        return "tk";
      },
    });
    const tk = new Toolkit({ tools: [t], cacheResults: true });
    expect(tk.tools[0]?.cacheResults).toBe(true);
    const agent = new Agent({ model: new TestModel(), tools: [tk] });
    await agent.run("one");
    await agent.run("two");
    expect(count).toBe(1);
  });
});

describe("tool call failures", () => {
  const add = tool({
    name: "add",
    inputSchema: z.object({ a: z.number(), b: z.number() }),
    execute: ({ a, b }) => a + b,
  });

  it("answers invalid arguments with an error naming the problem, and the run goes on", async () => {
    let executed = false;
    const guarded = tool({
      name: "guarded",
      inputSchema: z.object({ a: z.number(), b: z.number() }),
      execute: () => {
        executed = true;
        return 0;
      },
    });
    const model = callingModel([{ name: "guarded", args: JSON.stringify({ a: "x", b: 2 }) }]);
    const output = await new Agent({ model, tools: [guarded] }).run("x");
    expect(executed).toBe(false);
    expect(output.status).toBe("COMPLETED");
    expect(output.content).toBe("done");
    const [message] = toolMessages(output.messages);
    expect(message?.tool_call_error).toBe(true);
    expect(message?.content).toContain("Invalid arguments for tool guarded");
    expect(message?.content).toMatch(/\ba:/);
    expect(output.tools?.[0]).toMatchObject({ tool_name: "guarded", tool_call_error: true });
    // The model saw the error on its next turn.
    const second = model.requests[1]?.messages ?? [];
    expect(second.some((m) => m.role === "tool" && m.tool_call_error === true)).toBe(true);
  });

  it("reports a missing required argument", async () => {
    const model = callingModel([{ name: "add", args: JSON.stringify({ a: 1 }) }]);
    const output = await new Agent({ model, tools: [add] }).run("x");
    const [message] = toolMessages(output.messages);
    expect(message?.tool_call_error).toBe(true);
    expect(message?.content).toMatch(/Invalid arguments for tool add: .*\bb\b/);
    expect(output.status).toBe("COMPLETED");
  });

  it("answers arguments that are not JSON with a decoding error", async () => {
    const model = callingModel([{ name: "add", args: "{not json" }]);
    const output = await new Agent({ model, tools: [add] }).run("x");
    const [message] = toolMessages(output.messages);
    expect(message?.tool_call_error).toBe(true);
    expect(message?.content).toContain("Error while decoding function arguments");
    expect(output.status).toBe("COMPLETED");
    expect(output.content).toBe("done");
  });

  it("answers arguments that are not a JSON object", async () => {
    const model = callingModel([{ name: "add", args: "[1, 2]" }]);
    const output = await new Agent({ model, tools: [add] }).run("x");
    const [message] = toolMessages(output.messages);
    expect(message?.tool_call_error).toBe(true);
    expect(message?.content).toContain("not a valid JSON object");
  });

  it("treats empty arguments as an empty object", async () => {
    let seen: unknown;
    const noArgs = tool({
      name: "no_args",
      execute: (args) => {
        seen = args;
        return "ok";
      },
    });
    const model = callingModel([{ name: "no_args", args: "" }]);
    const output = await new Agent({ model, tools: [noArgs] }).run("x");
    expect(seen).toEqual({});
    expect(toolMessages(output.messages)[0]).toMatchObject({
      content: "ok",
      tool_call_error: false,
    });
  });

  it("answers an unknown tool name with an error, and the run goes on", async () => {
    const model = callingModel([{ name: "nope", args: "{}" }]);
    const output = await new Agent({ model, tools: [add] }).run("x");
    const [message] = toolMessages(output.messages);
    expect(message?.content).toBe("Error: The requested tool does not exist or is not available.");
    expect(message?.tool_call_error).toBe(true);
    expect(message?.tool_name).toBe("nope");
    expect(output.status).toBe("COMPLETED");
    expect(output.content).toBe("done");
  });

  it("answers a tool that throws with its error message, and the run completes", async () => {
    const broken = tool({
      name: "broken",
      execute: () => {
        throw new Error("database unreachable");
      },
    });
    const model = new TestModel();
    const output = await new Agent({ model, tools: [broken] }).run("x");
    expect(output.status).toBe("COMPLETED");
    const [message] = toolMessages(output.messages);
    expect(message?.content).toBe("database unreachable");
    expect(message?.tool_call_error).toBe(true);
    expect(output.tools?.[0]).toMatchObject({
      tool_name: "broken",
      tool_call_error: true,
      result: "database unreachable",
    });
    expect(output.content).toBe("Tool results: broken failed with database unreachable.");
    expect(warnings).toContain("Tool broken failed: database unreachable");
  });

  it("answers an async tool that rejects the same way", async () => {
    const broken = tool({
      name: "async_broken",
      execute: async () => {
        throw new Error("timeout");
      },
    });
    const output = await new Agent({ model: new TestModel(), tools: [broken] }).run("x");
    expect(output.status).toBe("COMPLETED");
    expect(toolMessages(output.messages)[0]).toMatchObject({
      content: "timeout",
      tool_call_error: true,
    });
  });

  it("runs the other tools of the turn when one fails", async () => {
    const broken = tool({
      name: "broken2",
      execute: () => {
        throw new Error("nope");
      },
    });
    const fine = tool({ name: "fine", execute: () => "fine result" });
    const output = await new Agent({ model: new TestModel(), tools: [broken, fine] }).run("x");
    const messages = toolMessages(output.messages);
    expect(messages.map((m) => [m.tool_name, m.content, m.tool_call_error])).toEqual([
      ["broken2", "nope", true],
      ["fine", "fine result", false],
    ]);
  });
});

describe("tool results", () => {
  it("gives the model objects as JSON and strings as they are", async () => {
    const obj = tool({ name: "obj", execute: () => ({ a: 1, b: [true] }) });
    const str = tool({ name: "str", execute: () => "plain" });
    const none = tool({ name: "none", execute: () => undefined });
    const output = await new Agent({ model: new TestModel(), tools: [obj, str, none] }).run("x");
    expect(toolMessages(output.messages).map((m) => m.content)).toEqual([
      JSON.stringify({ a: 1, b: [true] }),
      "plain",
      "",
    ]);
  });

  it("passes zod-parsed arguments (defaults applied) to execute", async () => {
    let seen: unknown;
    const t = tool({
      name: "with_default",
      inputSchema: z.object({ q: z.string(), limit: z.number().default(5) }),
      execute: (args) => {
        seen = args;
        return "ok";
      },
    });
    const model = callingModel([{ name: "with_default", args: '{"q":"x"}' }]);
    await new Agent({ model, tools: [t] }).run("x");
    expect(seen).toEqual({ q: "x", limit: 5 });
  });

  it("gives execute the tool context", async () => {
    let ctx: { toolName: string; toolCallId: string; agent: unknown } | undefined;
    const t = tool({
      name: "ctx_tool",
      execute: (_args, c) => {
        ctx = { toolName: c.toolName, toolCallId: c.toolCallId, agent: c.agent };
        return "ok";
      },
    });
    const agent = new Agent({ model: new TestModel(), tools: [t] });
    await agent.run("x");
    expect(ctx).toEqual({ toolName: "ctx_tool", toolCallId: "call_0_0", agent });
  });
});
