/**
 * A conversation that survives restarts: sessions in a SQLite file, history sent to the model.
 * Run it twice: the second run remembers the first.
 * Run: pnpm tsx cookbook/storage/persistent-chat-sqlite.ts
 */
import { Agent } from "@agno/core";
import { SqliteDb } from "@agno/db-sqlite";
import { pickModel } from "../shared/model.js";

const db = new SqliteDb({ dbFile: process.env.AGNO_DB_FILE ?? "tmp/cookbook.db" });
const agent = new Agent({
  name: "Chat",
  model: await pickModel(),
  db,
  addHistoryToContext: true,
  numHistoryRuns: 3,
});

const sessionId = process.env.SESSION_ID ?? "persistent-chat";
const before = (await agent.getChatHistory(sessionId).catch(() => [])).length;
const output = await agent.run(`Message number ${before / 2 + 1}`, {
  sessionId,
  userId: "cookbook-user",
});
console.log(`answer: ${output.content}`);
const history = await agent.getChatHistory(sessionId);
console.log(
  `session ${sessionId} now holds ${history.length} chat messages (${history.length / 2} runs)`,
);
console.log(`session tokens so far: ${(await agent.getSessionMetrics(sessionId))?.total_tokens}`);
await db.close();
