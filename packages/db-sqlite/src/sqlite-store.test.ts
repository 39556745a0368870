import { applyQuery, type Row, resolveTableNames, type TableQuery } from "@agno/core";
import { afterAll, describe, expect, it } from "vitest";
import { SqliteConnection } from "./connection.js";
import { SqliteStore } from "./sqlite-store.js";
import { resolveTarget } from "./target.js";

/** A small deterministic PRNG (mulberry32), so a failure reproduces. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const some = <T>(items: readonly T[]): T[] => items.filter(() => next() < 0.4);
  return { next, pick, some };
}

const connection = new SqliteConnection(resolveTarget({ dbFile: ":memory:" }));
const store = new SqliteStore(connection, resolveTableNames());

afterAll(() => connection.close());

describe("SqliteStore.query", () => {
  const r = random(42);
  const names = ["Trip to Paris", "paris again", "Budget_review", "100% done", null];
  const sessions: Row[] = Array.from({ length: 60 }, (_, i) => ({
    session_id: `s${String(i).padStart(2, "0")}`,
    session_type: r.pick(["agent", "team", "workflow"]),
    agent_id: r.pick(["a1", "a2", null]),
    team_id: r.pick(["a1", "t1", null]),
    workflow_id: null,
    user_id: r.pick(["u1", "u2", null]),
    session_data: r.next() < 0.2 ? null : { session_name: r.pick(names) },
    agent_data: null,
    team_data: null,
    workflow_data: null,
    metadata: null,
    runs: [],
    summary: null,
    created_at: 1_700_000_000 + Math.floor(r.next() * 10),
    updated_at: r.next() < 0.2 ? null : 1_700_000_000 + Math.floor(r.next() * 10),
  }));
  const memories: Row[] = Array.from({ length: 60 }, (_, i) => ({
    memory_id: `m${String(i).padStart(2, "0")}`,
    memory: r.pick([
      "Likes hiking",
      "likes CHESS",
      "50% vegan",
      "Works as a nurse",
      'Said "hi_there"',
    ]),
    input: null,
    agent_id: r.pick(["a1", null]),
    team_id: null,
    user_id: r.pick(["u1", "u2"]),
    topics: r.next() < 0.2 ? null : r.some(["x", "y", "z"]),
    feedback: null,
    created_at: 1_700_000_000 + Math.floor(r.next() * 10),
    updated_at: 1_700_000_000 + Math.floor(r.next() * 10),
  }));

  function sessionQuery(): TableQuery {
    const q: TableQuery = {};
    if (r.next() < 0.4) q.eq = { user_id: r.pick(["u1", "u2", null]) };
    if (r.next() < 0.3) q.eq = { ...q.eq, "session_data.session_name": r.pick(names) };
    if (r.next() < 0.3) q.in = { session_type: r.some(["agent", "team", "workflow"]) };
    if (r.next() < 0.3) q.or = [{ agent_id: "a1" }, { team_id: "a1" }];
    if (r.next() < 0.3) q.gte = { created_at: 1_700_000_000 + Math.floor(r.next() * 10) };
    if (r.next() < 0.3) q.lte = { created_at: 1_700_000_000 + Math.floor(r.next() * 10) };
    if (r.next() < 0.4)
      q.contains = {
        columns: ["session_data.session_name"],
        text: r.pick(["PARIS", "_", "%", "budget", ""]),
      };
    if (r.next() < 0.8)
      q.orderBy = {
        column: r.pick(["created_at", "updated_at", "session_id", "agent_id"]),
        direction: r.pick(["asc", "desc"] as const),
      };
    if (r.next() < 0.5) q.limit = Math.floor(r.next() * 8);
    if (r.next() < 0.4) q.offset = Math.floor(r.next() * 20);
    return q;
  }

  function memoryQuery(): TableQuery {
    const q: TableQuery = {};
    if (r.next() < 0.5) q.eq = { user_id: r.pick(["u1", "u2"]) };
    if (r.next() < 0.3) q.eq = { ...q.eq, agent_id: r.pick(["a1", null]) };
    if (r.next() < 0.5) q.anyOf = { column: "topics", values: r.some(["x", "y", "z", "w"]) };
    if (r.next() < 0.5)
      q.contains = { columns: ["memory"], text: r.pick(["likes", "50%", "hi_t", '"hi', "NURSE"]) };
    if (r.next() < 0.8)
      q.orderBy = {
        column: r.pick(["created_at", "updated_at", "memory_id"]),
        direction: r.pick(["asc", "desc"] as const),
      };
    if (r.next() < 0.5) q.limit = Math.floor(r.next() * 8);
    return q;
  }

  it("returns the same rows, order and totals as core's applyQuery", async () => {
    await store.put("sessions", sessions);
    await store.put("memories", memories);
    for (let i = 0; i < 150; i++) {
      for (const [table, rows, q, key] of [
        ["sessions", sessions, sessionQuery(), "session_id"],
        ["memories", memories, memoryQuery(), "memory_id"],
      ] as const) {
        const expected = applyQuery(rows, q);
        const actual = await store.query(table, q);
        const label = `${table} ${JSON.stringify(q)}`;
        expect(actual.total, label).toBe(expected.total);
        expect(
          actual.rows.map((row) => (row as Row)[key]),
          label,
        ).toEqual(expected.rows.map((row) => row[key]));
      }
    }
  });

  it("round-trips rows through put and get", async () => {
    expect(await store.get("sessions", "s07")).toEqual(sessions[7]);
    expect(await store.get("memories", "m03")).toEqual(memories[3]);
  });
});
