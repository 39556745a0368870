/**
 * The same persistent chat on PostgreSQL. Reads DATABASE_URL (default: the local test database).
 * Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/test pnpm tsx cookbook/storage/persistent-chat-postgres.ts
 */
import { Agent } from "@agno/core";
import { PostgresDb } from "@agno/db-postgres";
import { pickModel } from "../shared/model.js";

const db = new PostgresDb({
  dbUrl: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test",
});
const agent = new Agent({ name: "Chat", model: await pickModel(), db, addHistoryToContext: true });

const sessionId = process.env.SESSION_ID ?? "persistent-chat";
const output = await agent.run("Hello again!", { sessionId, userId: "cookbook-user" });
console.log(`answer: ${output.content}`);
const history = await agent.getChatHistory(sessionId);
console.log(`session ${sessionId} now holds ${history.length} chat messages`);
await db.close();
