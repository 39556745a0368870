/**
 * Memories about a user, created after each run and shown to the model in later sessions.
 * Offline, a FunctionModel plays the memory model: it stores what the user says about themself.
 * Run: pnpm tsx cookbook/storage/user-memories.ts
 */
import { Agent, FunctionModel, InMemoryDb, MemoryManager } from "@agno/core";
import { pickModel } from "../shared/model.js";

const offlineMemoryModel = new FunctionModel((messages) => {
  const last = messages.at(-1);
  if (last?.role === "tool") return "Done.";
  const text = last?.content ?? "";
  if (!/\bI (am|like|live)\b/.test(text)) return "Nothing to remember.";
  return {
    content: null,
    toolCalls: [
      {
        id: "m1",
        type: "function",
        function: {
          name: "add_memory",
          arguments: JSON.stringify({ memory: text, topics: ["profile"] }),
        },
      },
    ],
  };
});

const db = new InMemoryDb();
const agent = new Agent({
  name: "Assistant",
  model: await pickModel(),
  db,
  enableUserMemories: true,
  memoryManager: new MemoryManager({
    model: process.env.OPENAI_API_KEY ? undefined : offlineMemoryModel,
  }),
});

await agent.run("I live in Lyon and I like jazz.", { userId: "ada", sessionId: "monday" });
await agent.run("I am a nurse.", { userId: "ada", sessionId: "tuesday" });
for (const m of await agent.getUserMemories("ada"))
  console.log(`memory: ${m.memory} [${m.topics?.join(", ")}]`);
console.log(`memories of another user: ${(await agent.getUserMemories("bob")).length}`);
