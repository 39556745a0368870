import { describe, expect, it } from "vitest";
import {
  Agent,
  FunctionModel,
  InMemoryDb,
  MemoryManager,
  type Message,
  type ModelResponse,
  type RunOutputEvent,
  SessionSummaryManager,
  TestModel,
} from "../index.js";

/** A memory model: stores the user's message as a memory once, then answers. */
function rememberingModel(): FunctionModel {
  return new FunctionModel((messages: Message[]): ModelResponse | string => {
    const last = messages.at(-1)!;
    if (last.role === "tool") return "Saved.";
    const system = messages[0]?.content ?? "";
    if (system.includes("You manage long-term memories")) {
      const text = last.content ?? "";
      if (text.startsWith("Forget")) {
        const id = /- ([0-9a-f-]{36}): /.exec(system)?.[1] ?? "none";
        return {
          content: null,
          toolCalls: [
            {
              id: "d",
              type: "function",
              function: { name: "delete_memory", arguments: JSON.stringify({ memory_id: id }) },
            },
          ],
        };
      }
      return {
        content: null,
        toolCalls: [
          {
            id: "a",
            type: "function",
            function: {
              name: "add_memory",
              arguments: JSON.stringify({ memory: `User said: ${text}`, topics: ["profile"] }),
            },
          },
        ],
      };
    }
    return `Hello! ${system.includes("<memories_from_previous_interactions>") ? "I remember you." : "Nice to meet you."}`;
  });
}

describe("MemoryManager", () => {
  it("does user memory CRUD on its db", async () => {
    const manager = new MemoryManager({ db: new InMemoryDb() });
    const id = await manager.addUserMemory({ memory: "Likes tea", topics: ["drinks"] }, "ada");
    expect(await manager.getUserMemory(id, "ada")).toMatchObject({
      memory: "Likes tea",
      topics: ["drinks"],
      user_id: "ada",
    });
    await manager.replaceUserMemory(id, { memory: "Likes green tea" }, "ada");
    expect((await manager.getUserMemories("ada")).map((m) => m.memory)).toEqual([
      "Likes green tea",
    ]);
    expect(await manager.getUserMemories("bob")).toEqual([]);
    await manager.deleteUserMemory(id, "ada");
    expect(await manager.getUserMemories("ada")).toEqual([]);
  });

  it("creates memories from messages and carries out memory tasks with its model", async () => {
    const manager = new MemoryManager({ db: new InMemoryDb(), model: rememberingModel() });
    await manager.createUserMemories({ message: "I live in Lyon", userId: "ada" });
    expect((await manager.getUserMemories("ada")).map((m) => m.memory)).toEqual([
      "User said: I live in Lyon",
    ]);
    await manager.updateMemoryTask({ task: "Forget where I live", userId: "ada" });
    expect(await manager.getUserMemories("ada")).toEqual([]);
  });

  it("searches memories by recency, age, or with the model", async () => {
    const db = new InMemoryDb();
    const manager = new MemoryManager({ db, model: new TestModel() });
    for (const [i, text] of ["first", "second", "third"].entries()) {
      await db.upsertUserMemory({
        memory_id: `m${i}`,
        memory: text,
        user_id: "u",
        created_at: 1000 + i,
      });
      await new Promise((r) => setTimeout(r, 5));
    }
    const last = await manager.searchUserMemories({
      retrievalMethod: "last_n",
      limit: 2,
      userId: "u",
    });
    expect(last).toHaveLength(2);
    const first = await manager.searchUserMemories({
      retrievalMethod: "first_n",
      limit: 1,
      userId: "u",
    });
    expect(first).toHaveLength(1);
    const picked = new MemoryManager({
      db,
      model: new TestModel({ output: { memory_ids: ["m1"] } }),
    });
    expect(
      (
        await picked.searchUserMemories({
          retrievalMethod: "agentic",
          query: "second?",
          userId: "u",
        })
      ).map((m) => m.memory),
    ).toEqual(["second"]);
  });
});

describe("Agent memories and summaries", () => {
  it("creates user memories after each run with enableUserMemories and shows them next time", async () => {
    const db = new InMemoryDb();
    const model = rememberingModel();
    const agent = new Agent({ model, db, enableUserMemories: true });
    const events: RunOutputEvent[] = [];
    for await (const e of agent.run("I am a nurse", {
      userId: "ada",
      stream: true,
      streamEvents: true,
    }))
      events.push(e);
    const names = events.map((e) => e.event);
    expect(names.indexOf("MemoryUpdateStarted")).toBeGreaterThan(
      names.indexOf("RunContentCompleted"),
    );
    expect(names.indexOf("MemoryUpdateCompleted")).toBeLessThan(names.indexOf("RunCompleted"));
    expect((await agent.getUserMemories("ada")).map((m) => m.memory)).toEqual([
      "User said: I am a nurse",
    ]);
    const second = await agent.run("Hi again", { userId: "ada" });
    expect(second.content).toBe("Hello! I remember you.");
    expect(await agent.getUserMemories("bob")).toEqual([]);
  });

  it("gives the model a memory tool with enableAgenticMemory", async () => {
    const db = new InMemoryDb();
    const memoryModel = rememberingModel();
    const agent = new Agent({
      model: new TestModel({
        toolArgs: { update_user_memory: { task: "Remember that I like jazz" } },
      }),
      db,
      enableAgenticMemory: true,
      memoryManager: new MemoryManager({ model: memoryModel }),
    });
    const out = await agent.run("I like jazz", { userId: "kim" });
    expect(out.tools?.[0]?.tool_name).toBe("update_user_memory");
    expect((await agent.getUserMemories("kim")).map((m) => m.memory)).toEqual([
      "User said: Remember that I like jazz",
    ]);
  });

  it("summarizes the session with enableSessionSummaries and adds the summary to the context", async () => {
    const db = new InMemoryDb();
    const model = new TestModel({
      output: { summary: "The user planned a trip to Rome.", topics: ["travel"] },
    });
    const agent = new Agent({ model, db, enableSessionSummaries: true });
    const events: RunOutputEvent[] = [];
    for await (const e of agent.run("Plan my trip to Rome", {
      sessionId: "sum",
      stream: true,
      streamEvents: true,
    }))
      events.push(e);
    const done = events.find((e) => e.event === "SessionSummaryCompleted") as
      | Record<string, unknown>
      | undefined;
    expect(done?.session_summary).toMatchObject({
      summary: "The user planned a trip to Rome.",
      topics: ["travel"],
    });
    expect(await agent.getSessionSummary("sum")).toMatchObject({
      summary: "The user planned a trip to Rome.",
    });
    await agent.run("And the hotel?", { sessionId: "sum" });
    const system = model.requests.find((r) =>
      r.messages[0]?.content?.includes("<summary_of_previous_interactions>"),
    );
    expect(system?.messages[0]?.content).toContain("The user planned a trip to Rome.");
  });

  it("writes summaries on demand with SessionSummaryManager", async () => {
    const db = new InMemoryDb();
    const agent = new Agent({ model: new TestModel(), db });
    await agent.run("hello", { sessionId: "s" });
    const session = await agent.getSession("s");
    const manager = new SessionSummaryManager({
      model: new TestModel({ output: { summary: "Greetings.", topics: [] } }),
    });
    expect(await manager.createSessionSummary(session!)).toMatchObject({
      summary: "Greetings.",
      topics: [],
    });
    expect(manager.summariesUpdated).toBe(true);
    expect(manager.summaryRequestMessage).toBe("Provide the summary of the conversation.");
  });
});
