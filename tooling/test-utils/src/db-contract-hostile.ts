import {
  type BaseDb,
  type SessionRecord,
  StorageError,
  TEXT_ESCAPE,
  type UserMemory,
} from "@agno/core";
import { describe, expect } from "vitest";
import {
  containsCodePoints,
  HOSTILE_STRINGS,
  hostileSeed,
  hostileStrings,
  shown,
} from "./hostile-strings.js";

/** What the contract's sections get from the suite. */
export interface ContractSection {
  db: () => BaseDb;
  test: (title: string, fn: () => Promise<void>) => void;
  /** From {@link DbHarness.indexedTextLimit}. */
  indexedTextLimit?: { maxChars: number; reason: string };
}

const LONG = 10_000;
const now = () => Math.floor(Date.now() / 1000);

/**
 * Free text of every kind must come back exactly, and searches must match it exactly: NUL, lone
 * surrogates, the escape character, RTL marks, emoji and 10,000-character strings, in text
 * columns, JSON values and JSON keys, as ids, owners and filter values.
 */
export function hostileStringSection({ db, test, indexedTextLimit }: ContractSection): void {
  const seed = hostileSeed();
  // Tests drawing strings while they run use generators of their own (seed + n), so a test run
  // alone (vitest -t) sees the same strings.
  const gen = hostileStrings(seed);
  const random = Array.from({ length: 30 }, () => gen.next(40));
  const long = [gen.string(LONG), gen.string(LONG)];
  const values = [...new Set([...HOSTILE_STRINGS, ...random, ...long])];
  /** A value for an indexed column (ids, owners), within what the adapter can index. */
  const indexed = (v: string) =>
    indexedTextLimit && v.length > indexedTextLimit.maxChars
      ? v.slice(0, indexedTextLimit.maxChars)
      : v;
  /** Distinct ids: hostile strings as they are, random ones behind a prefix of their own. */
  const ids = (prefix: string) =>
    values.map((v, i) => indexed(i < HOSTILE_STRINGS.length ? v : `${prefix}${i}:${v}`));
  const why = (what: string, v: string) => `${what} ${shown(v)} (seed ${seed})`;

  // Dozens of strings through every field: slow on a loaded machine, so each test gets more time.
  describe("hostile strings", { timeout: 120_000 }, () => {
    test("round-trips hostile strings in every session field, JSON keys included", async () => {
      const sessionIds = ids("s");
      const users = ids("u");
      expect(new Set(sessionIds).size).toBe(values.length);
      const expected = values.map(
        (v, i): SessionRecord => ({
          session_id: sessionIds[i]!,
          session_type: "agent",
          agent_id: indexed(`hs-agent:${v}`),
          user_id: users[i]!,
          session_data: { session_name: v, [v]: v, nested: { [v]: [v, { [v]: v }] } },
          agent_data: { name: v },
          metadata: { [v]: v, plain: "x" },
          runs: [
            {
              run_id: v,
              status: "COMPLETED",
              content: v,
              messages: [{ role: "user", content: v }],
              [v]: { [v]: v },
            },
          ],
          summary: { summary: v, topics: [v] },
          created_at: now(),
        }),
      );
      for (const s of expected) expect(await db().upsertSession(s)).not.toBeNull();
      for (const [i, v] of values.entries()) {
        const s = expected[i]!;
        const loaded = await db().getSession(s.session_id);
        expect(loaded?.session_id, why("session_id of", v)).toBe(s.session_id);
        for (const field of [
          "user_id",
          "agent_id",
          "session_data",
          "agent_data",
          "metadata",
          "runs",
          "summary",
        ] as const)
          expect(loaded?.[field], why(`${field} of`, v)).toEqual(s[field]);
        const owned = await db().getSession(s.session_id, { userId: s.user_id! });
        expect(owned?.session_id, why("session of its owner", v)).toBe(s.session_id);
        const mine = await db().getSessions({ userId: s.user_id! });
        expect(
          mine.items.map((x) => x.session_id),
          why("sessions of user", v),
        ).toEqual([s.session_id]);
        const byAgent = await db().getSessions({ componentId: s.agent_id!, userId: s.user_id! });
        expect(byAgent.total, why("sessions of agent", v)).toBe(1);
      }
      expect(await db().deleteSessions(sessionIds)).toBe(values.length);
      expect(await db().getSession(sessionIds[0]!)).toBeNull();
    });

    test("appends runs, renames and deletes sessions with hostile ids", async () => {
      for (const v of HOSTILE_STRINGS) {
        const key = { session_id: `run:${v}`, session_type: "agent" as const, user_id: `u:${v}` };
        await db().upsertSessionRun(key, { run_id: `${v}1`, content: v });
        await db().upsertSessionRun(key, { run_id: `${v}2`, content: v });
        const renamed = await db().renameSession(key.session_id, `${v}!`, { userId: key.user_id });
        expect(renamed?.session_data?.session_name, why("renamed", v)).toBe(`${v}!`);
        await db().updateSessionFields(key.session_id, { metadata: { [v]: [v] } });
        const loaded = await db().getSession(key.session_id, { userId: key.user_id });
        expect(
          loaded?.runs?.map((r) => [r.run_id, r.content]),
          why("runs of", v),
        ).toEqual([
          [`${v}1`, v],
          [`${v}2`, v],
        ]);
        expect(loaded?.metadata, why("metadata of", v)).toEqual({ [v]: [v] });
        expect(await db().deleteSession(key.session_id, { userId: key.user_id })).toBe(true);
        expect(await db().getSession(key.session_id), why("deleted", v)).toBeNull();
      }
    });

    if (indexedTextLimit) {
      test(`rejects a ${LONG}-character key it cannot index (${indexedTextLimit.reason})`, async () => {
        const id = hostileStrings(seed + 1).string(LONG);
        const error = await db()
          .upsertSession({ session_id: id, session_type: "agent", created_at: now() })
          .catch((e: unknown) => e);
        expect(error, why("key", id)).toBeInstanceOf(StorageError);
        expect((error as Error).message).toMatch(/upsertSession/);
        expect(await db().getSession(id)).toBeNull();
      });
    }

    test("round-trips hostile memories and finds them by user, topic and exact content", async () => {
      const memoryIds = ids("m");
      const users = ids("mu");
      for (const [i, v] of values.entries()) {
        const memory: UserMemory = {
          memory_id: memoryIds[i]!,
          memory: v,
          topics: [v, "plain"],
          input: v,
          user_id: users[i]!,
          agent_id: v,
          team_id: v,
          feedback: v,
          created_at: now(),
        };
        await db().upsertUserMemory(memory);
        const loaded = await db().getUserMemory(memory.memory_id, { userId: memory.user_id! });
        for (const field of [
          "memory_id",
          "memory",
          "topics",
          "input",
          "user_id",
          "agent_id",
          "team_id",
          "feedback",
        ] as const)
          expect(loaded?.[field], why(`${field} of`, v)).toEqual(memory[field]);
        const only = [memory.memory_id];
        const byUser = await db().getUserMemories({ userId: memory.user_id! });
        expect(
          byUser.items.map((m) => m.memory_id),
          why("memories of user", v),
        ).toEqual(only);
        const byTopic = await db().getUserMemories({ userId: memory.user_id!, topics: [v] });
        expect(
          byTopic.items.map((m) => m.memory_id),
          why("memories on topic", v),
        ).toEqual(only);
        if (v.length <= 200) {
          const byText = await db().getUserMemories({ userId: memory.user_id!, searchContent: v });
          expect(
            byText.items.map((m) => m.memory_id),
            why("memories containing", v),
          ).toEqual(only);
        }
        expect(await db().getAllMemoryTopics({ userId: memory.user_id! })).toEqual(
          [v, "plain"].sort(),
        );
        const stats = await db().getUserMemoryStats({ userId: memory.user_id! });
        expect(stats.items.map((s) => [s.user_id, s.total_memories])).toEqual([
          [memory.user_id, 1],
        ]);
      }
      expect(await db().deleteUserMemories(memoryIds)).toBe(values.length);
    });

    test("searches session names and memories by substrings holding NUL, escapes and wildcards", async () => {
      const user = "hostile-search";
      const names: Record<string, string> = {
        nul: "trip\u0000paris",
        plain: "trip paris",
        digits: "x\ue001\ue001y",
        escape: `a${TEXT_ESCAPE}b`,
        wild: "100%_off\\",
        high: "\ud800 lone",
        low: "\udc00 lone",
        emoji: "😀 smile",
        rtl: "\u202eRTL",
        long: `${"z".repeat(9_000)}needle\u0000${"7".repeat(993)}`,
      };
      for (const [id, name] of Object.entries(names)) {
        await db().upsertSession({
          session_id: `search-${id}`,
          session_type: "agent",
          user_id: user,
          session_data: { session_name: name },
          created_at: now(),
        });
        await db().upsertUserMemory({
          memory_id: `search-${id}`,
          memory: name,
          user_id: user,
          created_at: now(),
        });
      }
      const cases: Array<[string, string[]]> = [
        ["\u0000", ["long", "nul"]],
        ["\u0000paris", ["nul"]],
        ["s\u0000", []],
        ["\ue001", ["digits"]],
        [TEXT_ESCAPE, ["escape"]],
        ["%", ["wild"]],
        ["_", ["wild"]],
        ["\\", ["wild"]],
        ["%_", ["wild"]],
        ["\ud800", ["high"]],
        ["\udc00", ["low"]],
        ["😀", ["emoji"]],
        ["\u202e", ["rtl"]],
        ["NEEDLE\u0000", ["long"]],
        ["trip", ["nul", "plain"]],
      ];
      for (const [needle, expected] of cases) {
        const ids = expected.map((id) => `search-${id}`).sort();
        const sessions = await db().getSessions({ userId: user, sessionName: needle });
        expect(
          sessions.items.map((s) => s.session_id).sort(),
          why("session names containing", needle),
        ).toEqual(ids);
        const memories = await db().getUserMemories({ userId: user, searchContent: needle });
        expect(
          memories.items.map((m) => m.memory_id).sort(),
          why("memories containing", needle),
        ).toEqual(ids);
      }
    });

    test("finds exactly the random texts containing random substrings", async () => {
      const user = "hostile-random-search";
      const local = hostileStrings(seed + 2);
      const texts = Array.from({ length: 20 }, () => local.next(60));
      for (const [i, text] of texts.entries()) {
        await db().upsertUserMemory({
          memory_id: `random-search-${i}`,
          memory: text,
          user_id: user,
          created_at: now(),
        });
        await db().upsertSession({
          session_id: `random-search-${i}`,
          session_type: "agent",
          user_id: user,
          session_data: { session_name: text },
          created_at: now(),
        });
      }
      for (let n = 0; n < 25; n++) {
        const needle = randomNeedle(texts[local.int(texts.length)]!, local.int);
        if (needle === undefined) continue;
        const expected = texts
          .map((text, i) => (containsCodePoints(text, needle) ? `random-search-${i}` : null))
          .filter((id): id is string => id !== null)
          .sort();
        const memories = await db().getUserMemories({ userId: user, searchContent: needle });
        expect(
          memories.items.map((m) => m.memory_id).sort(),
          why("memories containing", needle),
        ).toEqual(expected);
        const sessions = await db().getSessions({ userId: user, sessionName: needle });
        expect(
          sessions.items.map((s) => s.session_id).sort(),
          why("session names containing", needle),
        ).toEqual(expected);
      }
    });

    test("round-trips hostile text in knowledge, eval and trace records", async () => {
      for (const [i, v] of values.entries()) {
        const id = indexed(i < HOSTILE_STRINGS.length ? v : `k${i}:${v}`);
        await db().upsertKnowledgeContent({
          id,
          name: v,
          description: v,
          metadata: { [v]: v },
          status_message: v,
        });
        expect(await db().getKnowledgeContent(id), why("knowledge", v)).toMatchObject({
          id,
          name: v,
          description: v,
          metadata: { [v]: v },
          status_message: v,
        });
        await db().createEvalRun({
          run_id: id,
          eval_type: "accuracy",
          eval_data: { [v]: v },
          eval_input: { input: v },
          name: v,
          agent_id: v,
          created_at: now(),
        });
        expect(await db().getEvalRun(id), why("eval run", v)).toMatchObject({
          run_id: id,
          eval_data: { [v]: v },
          eval_input: { input: v },
          name: v,
        });
        expect(
          (await db().getEvalRuns({ agentId: v })).items.map((e) => e.run_id),
          why("eval runs of agent", v),
        ).toEqual([id]);
        await db().upsertTrace({
          trace_id: id,
          name: v,
          status: "OK",
          start_time: "2024-01-01T00:00:00.000Z",
          end_time: "2024-01-01T00:00:01.000Z",
          duration_ms: 1000,
          run_id: indexed(`run:${v}`),
          created_at: "2024-01-01T00:00:01.000Z",
        });
        expect((await db().getTrace({ runId: indexed(`run:${v}`) }))?.name, why("trace", v)).toBe(
          v,
        );
      }
      expect(await db().deleteEvalRuns(ids("k"))).toBe(values.length);
    });
  });
}

/**
 * A substring of `text` that a database compares as the same code points: it neither starts with
 * a low surrogate nor ends with a high one (those could be halves of pairs elsewhere).
 */
function randomNeedle(text: string, int: (n: number) => number): string | undefined {
  const start = int(text.length);
  const needle = text.slice(start, start + 1 + int(6));
  const first = needle.charCodeAt(0);
  const last = needle.charCodeAt(needle.length - 1);
  if (first >= 0xdc00 && first <= 0xdfff) return undefined;
  if (last >= 0xd800 && last <= 0xdbff) return undefined;
  return needle;
}
