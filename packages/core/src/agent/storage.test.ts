import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Agent, ConfigurationError, FunctionModel, InMemoryDb, TestModel, tool } from "../index.js";

describe("Agent with a db", () => {
  it("sends the first run's messages to the model in the second run with addHistoryToContext", async () => {
    const model = new TestModel();
    const db = new InMemoryDb();
    const agent = new Agent({ model, db, addHistoryToContext: true, instructions: "Be brief." });
    await agent.run("My name is Ada.", { sessionId: "s1", userId: "u1" });
    await agent.run("What is my name?", { sessionId: "s1", userId: "u1" });
    const sent = model.lastRequest?.messages ?? [];
    expect(sent.map((m) => [m.role, m.content, m.from_history ?? false])).toEqual([
      ["system", "Be brief.", false],
      ["user", "My name is Ada.", true],
      ["assistant", "TestModel response to: My name is Ada.", true],
      ["user", "What is my name?", false],
    ]);
    const session = await agent.getSession("s1");
    expect(session?.runs).toHaveLength(2);
    // History is not stored twice: the second run's stored messages keep the history tagged.
    expect(await agent.getChatHistory("s1")).toHaveLength(4);
  });

  it("does not add history without addHistoryToContext, and limits it with numHistoryRuns", async () => {
    const model = new TestModel();
    const db = new InMemoryDb();
    const plain = new Agent({ model, db });
    await plain.run("one", { sessionId: "p" });
    await plain.run("two", { sessionId: "p" });
    expect(model.lastRequest?.messages.map((m) => m.content)).toEqual(["two"]);

    const limited = new Agent({ model, db, addHistoryToContext: true, numHistoryRuns: 1 });
    await limited.run("three", { sessionId: "p" });
    expect(model.lastRequest?.messages.map((m) => m.content)).toEqual([
      "two",
      "TestModel response to: two",
      "three",
    ]);
  });

  it("keeps only the last tool calls from history with maxToolCallsFromHistory", async () => {
    const model = new TestModel();
    const ping = tool({ name: "ping", execute: () => "pong" });
    const agent = new Agent({
      model,
      db: new InMemoryDb(),
      tools: [ping],
      addHistoryToContext: true,
      maxToolCallsFromHistory: 1,
    });
    await agent.run("a", { sessionId: "t" });
    await agent.run("b", { sessionId: "t" });
    await agent.run("c", { sessionId: "t" });
    const history = (model.lastRequest?.messages ?? []).filter((m) => m.from_history);
    expect(history.filter((m) => m.role === "tool")).toHaveLength(1);
    expect(history.filter((m) => m.tool_calls?.length)).toHaveLength(1);
  });

  it("persists session state, merges it with the run's and can overwrite it", async () => {
    const db = new InMemoryDb();
    const addItem = tool({
      name: "add_item",
      inputSchema: z.object({ item: z.string() }),
      execute: ({ item }, ctx) => {
        ctx.sessionState.items = [...((ctx.sessionState.items as string[]) ?? []), item];
        return "ok";
      },
    });
    const agent = new Agent({
      model: new TestModel({ toolArgs: { add_item: { item: "milk" } } }),
      db,
      tools: [addItem],
      sessionState: { items: [] },
    });
    await agent.run("add", { sessionId: "st" });
    await agent.run("add", { sessionId: "st", sessionState: { owner: "ada" } });
    expect(await agent.getSessionState("st")).toEqual({ items: ["milk", "milk"], owner: "ada" });
    const fresh = new Agent({
      model: new TestModel({ callTools: false }),
      db,
      overwriteDbSessionState: true,
    });
    await fresh.run("x", { sessionId: "st", sessionState: { reset: true } });
    expect(await fresh.getSessionState("st")).toEqual({ reset: true });
    expect(await agent.updateSessionState({ extra: 1 }, "st")).toEqual({ reset: true, extra: 1 });
  });

  it("lets the model update the state with enableAgenticState", async () => {
    const db = new InMemoryDb();
    const model = new TestModel({
      toolArgs: { update_session_state: { session_state_updates: { mood: "happy" } } },
    });
    const agent = new Agent({ model, db, enableAgenticState: true });
    await agent.run("I'm happy", { sessionId: "ag" });
    expect(await agent.getSessionState("ag")).toEqual({ mood: "happy" });
  });

  it("keeps users apart: another user's session is invisible and cannot be written", async () => {
    const db = new InMemoryDb();
    const agent = new Agent({ model: new TestModel(), db });
    await agent.run("secret", { sessionId: "private", userId: "alice" });
    expect(await agent.getSession("private", { userId: "bob" })).toBeNull();
    expect(await agent.getSession("private", { userId: "alice" })).not.toBeNull();
    await expect(agent.run("let me in", { sessionId: "private", userId: "bob" })).rejects.toThrow(
      /belongs to another user/,
    );
    expect((await db.getSession("private"))?.runs).toHaveLength(1);
  });

  it("stores paused, cancelled and failed runs with their status, and continues a paused run by id", async () => {
    const db = new InMemoryDb();
    const approve = tool({
      name: "approve",
      requiresConfirmation: true,
      execute: () => "approved",
    });
    const agent = new Agent({ model: new TestModel(), db, tools: [approve] });
    const paused = await agent.run("approve it", { sessionId: "hitl", userId: "u" });
    expect((await agent.getRunOutput(paused.run_id!, "hitl"))?.status).toBe("PAUSED");
    const stored = await agent.getLastRunOutput("hitl");
    const updated = stored!.tools!.map((t) => ({ ...t, confirmed: true }));
    const fresh = new Agent({ id: agent.id, model: new TestModel(), db, tools: [approve] });
    const done = await fresh.continueRun({
      runId: paused.run_id!,
      sessionId: "hitl",
      userId: "u",
      updatedTools: updated,
    });
    expect(done.status).toBe("COMPLETED");
    expect((await agent.getSession("hitl"))?.runs.map((r) => r.status)).toEqual(["COMPLETED"]);

    const slow = new Agent({ model: new TestModel({ latencyMs: 10_000 }), db });
    const pending = slow.run("slow", { sessionId: "cx", runId: "to-cancel" });
    await new Promise((r) => setTimeout(r, 20));
    slow.cancelRun("to-cancel");
    await pending;
    expect((await slow.getRunOutput("to-cancel", "cx"))?.status).toBe("CANCELLED");

    const broken = new Agent({
      model: new FunctionModel(() => {
        throw new TypeError("boom");
      }),
      db,
    });
    const failed = await broken.run("x", { sessionId: "err" });
    expect((await broken.getRunOutput(failed.run_id!, "err"))?.status).toBe("ERROR");
  });

  it("sums run metrics on the session and names sessions", async () => {
    const db = new InMemoryDb();
    const agent = new Agent({ model: new TestModel(), db });
    const a = await agent.run("first question", { sessionId: "m" });
    const b = await agent.run("second question", { sessionId: "m" });
    const metrics = await agent.getSessionMetrics("m");
    expect(metrics?.total_tokens).toBe(
      (a.metrics?.total_tokens ?? 0) + (b.metrics?.total_tokens ?? 0),
    );
    await agent.setSessionName({ sessionId: "m", sessionName: "Questions" });
    expect(await agent.getSessionName("m")).toBe("Questions");
    const auto = await agent.setSessionName({ sessionId: "m", autogenerate: true });
    expect(auto.sessionName).toMatch(/^TestModel response to: /);
    await agent.rename("Quiz Master", "m");
    expect((await agent.getSession("m"))?.agent_data?.name).toBe("Quiz Master");
  });

  it("filters session messages and deletes sessions", async () => {
    const db = new InMemoryDb();
    const ping = tool({ name: "ping", execute: () => "pong" });
    const agent = new Agent({ model: new TestModel(), db, tools: [ping], instructions: "sys" });
    await agent.run("one", { sessionId: "f" });
    await agent.run("two", { sessionId: "f" });
    const all = await agent.getSessionMessages({ sessionId: "f" });
    expect(all.filter((m) => m.role === "system")).toHaveLength(1);
    const lastRun = await agent.getSessionMessages({
      sessionId: "f",
      lastNRuns: 1,
      skipRoles: ["system", "tool"],
    });
    expect(lastRun.map((m) => m.role)).toEqual(["user", "assistant", "assistant"]);
    const lastThree = await agent.getSessionMessages({
      sessionId: "f",
      limit: 3,
      skipRoles: ["system"],
    });
    expect(lastThree.map((m) => m.role)).toEqual(["assistant", "tool", "assistant"]);
    // A window never starts on a tool result whose call was cut off.
    const lastTwo = await agent.getSessionMessages({
      sessionId: "f",
      limit: 2,
      skipRoles: ["system"],
    });
    expect(lastTwo.map((m) => m.role)).toEqual(["assistant"]);
    expect((await agent.getChatHistory("f", { lastNRuns: 1 })).map((m) => m.content)).toEqual([
      "two",
      "Tool results: ping returned pong.",
    ]);
    expect(await agent.deleteSession("f")).toBe(true);
    expect(await agent.getSession("f")).toBeNull();
  });

  it("gives the model a chat-history tool with readChatHistory", async () => {
    const db = new InMemoryDb();
    const writer = new Agent({ model: new TestModel(), db });
    await writer.run("remember the code 1234", { sessionId: "h" });
    const reader = new Agent({ model: new TestModel(), db, readChatHistory: true });
    const out = await reader.run("what was the code?", { sessionId: "h" });
    expect(out.tools?.[0]?.tool_name).toBe("get_chat_history");
    expect(out.tools?.[0]?.result).toContain("remember the code 1234");
  });

  it("persists nothing without a db and says so when asked for a session", async () => {
    const agent = new Agent({ model: new TestModel() });
    const out = await agent.run("hi");
    expect(out.session_id).toBeTypeOf("string");
    await expect(agent.getSession(out.session_id)).rejects.toBeInstanceOf(ConfigurationError);
  });

  it("stores a run as cancelled when its stream's reader stops early", async () => {
    const db = new InMemoryDb();
    const agent = new Agent({
      model: new TestModel({ text: "a long answer in many pieces", chunkSize: 2 }),
      db,
    });
    const stream = agent.run("go", { sessionId: "early", stream: true });
    for await (const _event of stream) break;
    expect((await agent.getRunOutput(stream.runId, "early"))?.status).toBe("CANCELLED");
  });

  it("stores the events of a run, RunCompleted included, with storeEvents", async () => {
    const db = new InMemoryDb();
    const agent = new Agent({ model: new TestModel(), db, storeEvents: true });
    const out = await agent.run("hi", { sessionId: "ev" });
    const stored = await agent.getRunOutput(out.run_id!, "ev");
    expect(stored?.events?.map((e) => e.event)).toEqual([
      "RunStarted",
      "ModelRequestStarted",
      "ModelRequestCompleted",
      "RunContentCompleted",
      "RunCompleted",
    ]);
  });
});
