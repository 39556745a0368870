import { describe, expect, it } from "vitest";
import {
  FunctionModel,
  InMemoryDb,
  MemoryManager,
  type Message,
  SummarizeStrategy,
} from "../index.js";

function setup() {
  const db = new InMemoryDb();
  const seen: Message[][] = [];
  const model = new FunctionModel((messages: Message[]) => {
    seen.push(messages);
    return "Ann likes tea and lives in Lyon.";
  });
  return { db, seen, manager: new MemoryManager({ db, model }) };
}

describe("MemoryManager.optimizeMemories", () => {
  it("summarizes a user's memories into one and stores it in their place", async () => {
    const { db, seen, manager } = setup();
    await manager.addUserMemory({ memory: "Ann likes tea", topics: ["drinks"] }, "ann");
    await manager.addUserMemory({ memory: "Ann lives in Lyon", topics: ["home"] }, "ann");
    await manager.addUserMemory({ memory: "Bob likes coffee" }, "bob");
    const optimized = await manager.optimizeMemories({ userId: "ann" });
    expect(optimized).toEqual([
      expect.objectContaining({
        memory: "Ann likes tea and lives in Lyon.",
        user_id: "ann",
        topics: expect.arrayContaining(["drinks", "home"]),
      }),
    ]);
    expect(String(seen[0]?.at(-1)?.content)).toContain("Memory 1:");
    const stored = (await db.getUserMemories({ userId: "ann" })).items;
    expect(stored.map((m) => m.memory)).toEqual(["Ann likes tea and lives in Lyon."]);
    expect((await db.getUserMemories({ userId: "bob" })).items).toHaveLength(1);
  });

  it("previews without storing when apply is false, and counts tokens", async () => {
    const { db, manager } = setup();
    await manager.addUserMemory({ memory: "Ann likes tea" }, "ann");
    await manager.addUserMemory({ memory: "Ann likes green tea most of all" }, "ann");
    const preview = await manager.optimizeMemories({ userId: "ann", apply: false });
    expect(preview).toHaveLength(1);
    expect((await db.getUserMemories({ userId: "ann" })).items).toHaveLength(2);
    const strategy = new SummarizeStrategy();
    expect(strategy.countTokens(preview)).toBeLessThan(
      strategy.countTokens((await db.getUserMemories({ userId: "ann" })).items),
    );
    expect(await manager.optimizeMemories({ userId: "nobody" })).toEqual([]);
  });
});
