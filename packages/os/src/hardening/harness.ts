// Test harness of the hardening suites (not part of the public API): an AgentOS with JWT
// authorization on a real database, served on a real socket, and two users' tokens.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Agent, type BaseDb, Step, Team, TestModel, tool, Workflow } from "@agno/core";
import { PostgresDb } from "@agno/db-postgres";
import { SqliteDb } from "@agno/db-sqlite";
import { serviceAvailable, TEST_PG_URL } from "@agno/test-utils";
import { SignJWT } from "jose";
import { afterAll, beforeAll } from "vitest";
import { AgentOS } from "../agent-os.js";
import type { AgentOSServer } from "../options.js";
import { serveOnLoopback } from "../test-helpers.js";

export const SECRET = "a-hardening-secret-of-at-least-32-bytes!";

const SCOPES = [
  "agents:read",
  "agents:run",
  "teams:read",
  "teams:run",
  "workflows:read",
  "workflows:run",
  "sessions:read",
  "sessions:write",
  "sessions:delete",
  "memories:read",
  "memories:write",
  "memories:delete",
];

export async function token(sub: string, scopes: string[] = SCOPES): Promise<string> {
  return new SignJWT({ sub, scopes })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(new TextEncoder().encode(SECRET));
}

/** A database the suites run on: made fresh, dropped afterwards. */
export interface DbUnderTest {
  name: string;
  available: () => Promise<boolean>;
  create: () => BaseDb;
  cleanup: () => Promise<void>;
}

export function sqliteUnderTest(): DbUnderTest {
  const dir = mkdtempSync(join(tmpdir(), "agno-hardening-"));
  return {
    name: "SQLite",
    available: async () => true,
    create: () => new SqliteDb({ dbFile: join(dir, "agno.db") }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function postgresUnderTest(): DbUnderTest {
  const schema = `agno_hardening_${randomBytes(5).toString("hex")}`;
  let db: PostgresDb | undefined;
  return {
    name: "PostgreSQL",
    available: () => serviceAvailable("PostgreSQL", TEST_PG_URL),
    create: () => {
      db = new PostgresDb({ dbUrl: TEST_PG_URL, dbSchema: schema });
      return db;
    },
    cleanup: async () => {
      if (!db) return;
      // The suite's own database: its client drops the schema it made.
      const sql = (db as unknown as { client: { unsafe(q: string): Promise<unknown> } }).client;
      await sql.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await db.close();
    },
  };
}

const deleteRecords = tool({
  name: "delete_records",
  description: "Delete a customer's records.",
  inputSchema: { type: "object", properties: { customer_id: { type: "string" } } },
  requiresConfirmation: true,
  execute: (args: Record<string, unknown>) => `Deleted records of ${String(args.customer_id)}`,
});

const slowModel = (text: string) => new TestModel({ latencyMs: 25, chunkSize: 2, text });

/** The AgentOS of the suites: a slow agent, team and workflow (so runs can be cancelled midway). */
export function hardenedOs(db: BaseDb): AgentOS {
  return new AgentOS({
    id: "hardened-os",
    db,
    agents: [
      new Agent({ id: "slow", model: slowModel("a slow and steady answer, word by word"), db }),
      new Agent({ id: "echo", model: new TestModel({ text: "ok" }), db }),
      new Agent({ id: "guarded", model: new TestModel(), tools: [deleteRecords], db }),
    ],
    teams: [
      new Team({
        id: "slow-team",
        model: new TestModel({
          callTools: false,
          latencyMs: 25,
          chunkSize: 2,
          text: "a slow team answer, word by word",
        }),
        members: [new Agent({ id: "member", model: new TestModel() })],
        db,
      }),
    ],
    workflows: [
      new Workflow({
        id: "slow-flow",
        db,
        steps: [
          new Step({
            name: "think",
            agent: new Agent({ id: "thinker", model: slowModel("thinking slowly, word by word") }),
          }),
        ],
      }),
    ],
    authorization: true,
    authorizationConfig: { verificationKeys: [SECRET], algorithm: "HS256" },
  });
}

/** A started server and a `call` helper that sends a user's token. */
export interface Served {
  os: AgentOS;
  server: AgentOSServer;
  call(path: string, init?: RequestInit & { as?: string }): Promise<Response>;
}

export async function serve(db: BaseDb): Promise<Served> {
  const os = hardenedOs(db);
  const server = await serveOnLoopback(os);
  const tokens = new Map<string, string>();
  return {
    os,
    server,
    async call(path, init = {}) {
      const headers = new Headers(init.headers);
      if (init.as) {
        if (!tokens.has(init.as)) tokens.set(init.as, await token(init.as));
        headers.set("authorization", `Bearer ${tokens.get(init.as)}`);
      }
      return fetch(`${server.url}${path}`, { ...init, headers });
    },
  };
}

/** Reads SSE frames from a streaming answer as they come. */
export function sseReader(res: Response) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  return {
    async next(): Promise<Record<string, unknown> | undefined> {
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame.split("\n").find((l) => l.startsWith("data: "));
          if (data) return JSON.parse(data.slice(6)) as Record<string, unknown>;
          continue;
        }
        const { done, value } = await reader.read();
        if (done) return undefined;
        buffer += decoder.decode(value, { stream: true });
      }
    },
    async rest(): Promise<Array<Record<string, unknown>>> {
      const out: Array<Record<string, unknown>> = [];
      for (let e = await this.next(); e; e = await this.next()) out.push(e);
      return out;
    },
  };
}

/**
 * Serves the hardened AgentOS on `target` for the enclosing `describe` (started before its tests,
 * stopped and cleaned after). `served()` is undefined when the database is not available here.
 */
export function servedOn(target: DbUnderTest): () => Served | undefined {
  let served: Served | undefined;
  beforeAll(async () => {
    if (await target.available()) served = await serve(target.create());
  });
  afterAll(async () => {
    if (!served) return;
    await served.server.close();
    await target.cleanup();
  });
  return () => served;
}
