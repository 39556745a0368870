import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serviceAvailable, TEST_PG_URL } from "@agno/test-utils";
import { afterAll, describe, expect, it } from "vitest";
import { root, script, tsx } from "./run-script.js";

const dir = mkdtempSync(join(tmpdir(), "agno-cookbook-"));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("cookbook/storage", () => {
  it("persistent-chat-sqlite keeps the conversation across processes", async () => {
    const env = { AGNO_DB_FILE: join(dir, "chat.db"), SESSION_ID: "s1" };
    expect(await script("cookbook/storage/persistent-chat-sqlite.ts", env)).toContain(
      "now holds 2 chat messages (1 runs)",
    );
    const second = await script("cookbook/storage/persistent-chat-sqlite.ts", env);
    expect(second).toContain("now holds 4 chat messages (2 runs)");
    expect(second).toContain("answer: TestModel response to: Message number 2");
  });

  it("persistent-chat-postgres stores the chat in PostgreSQL", async (ctx) => {
    if (!(await serviceAvailable("PostgreSQL", TEST_PG_URL))) return ctx.skip();
    const sessionId = `cookbook-${Date.now()}`;
    const out = await script("cookbook/storage/persistent-chat-postgres.ts", {
      DATABASE_URL: TEST_PG_URL,
      SESSION_ID: sessionId,
    });
    expect(out).toContain(`session ${sessionId} now holds 2 chat messages`);
  });

  it("user-memories creates memories per user", async () => {
    const out = await script("cookbook/storage/user-memories.ts");
    expect(out).toContain("memory: I live in Lyon and I like jazz. [profile]");
    expect(out).toContain("memory: I am a nurse. [profile]");
    expect(out).toContain("memories of another user: 0");
  });

  it("session-summary summarizes the session", async () => {
    const out = await script("cookbook/storage/session-summary.ts");
    expect(out).toContain("[SessionSummaryCompleted]");
    expect(out).toContain("summary: The user is planning a week in Rome in May.");
  });
});

describe("durability", () => {
  it("loses nothing reported complete when the process is killed between runs", async () => {
    const { spawn } = await import("node:child_process");
    const { SqliteDb } = await import("@agno/db-sqlite");
    const file = join(dir, "durable.db");
    const runIds: string[] = [];
    for (const message of ["first", "second"]) {
      const child = spawn(tsx, ["cookbook/test/fixtures/run-then-hang.ts", message], {
        cwd: root,
        env: { ...process.env, AGNO_DB_FILE: file },
      });
      const runId = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          const match = /COMPLETED (\S+)/.exec(out);
          if (match?.[1]) resolve(match[1]);
        });
        child.once("exit", () => reject(new Error(`exited before completing: ${out}`)));
      });
      child.kill("SIGKILL");
      runIds.push(runId);
    }
    const db = new SqliteDb({ dbFile: file });
    const session = await db.getSession("durable");
    expect(session?.runs?.map((r) => r.run_id)).toEqual(runIds);
    expect(session?.runs?.map((r) => r.status)).toEqual(["COMPLETED", "COMPLETED"]);
    await db.close();
  });
});
