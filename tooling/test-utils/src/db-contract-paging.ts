import { AgnoError, type ListOptions, PaginationError } from "@agno/core";
import { describe, expect } from "vitest";
import type { ContractSection } from "./db-contract-hostile.js";

const BAD_LIMITS: unknown[] = [
  1e20,
  0,
  -1,
  Number.NaN,
  1.5,
  Number.POSITIVE_INFINITY,
  2 ** 53,
  "10",
  null,
];
const BAD_PAGES: unknown[] = [1e20, 0, -1, Number.NaN, 2.5, Number.NEGATIVE_INFINITY, "2"];

/** Every listing's `limit` and `page` are checked the same way, before any storage call. */
export function pagingSection({ db, test }: ContractSection): void {
  const listings: Array<[string, (o: ListOptions) => Promise<unknown>]> = [
    ["getSessions", (o) => db().getSessions(o)],
    ["getUserMemories", (o) => db().getUserMemories(o)],
    ["getUserMemoryStats", (o) => db().getUserMemoryStats(o)],
    ["getEvalRuns", (o) => db().getEvalRuns(o)],
    ["getKnowledgeContents", (o) => db().getKnowledgeContents(o)],
    ["getTraces", (o) => db().getTraces(o)],
  ];

  const rejects = async (
    operation: string,
    call: Promise<unknown>,
    parameter: "limit" | "page",
    label: string,
  ) => {
    const error = await call.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error, `${operation} with ${label}`).toBeInstanceOf(PaginationError);
    expect(AgnoError.isInstance(error)).toBe(true);
    const e = error as PaginationError;
    expect([e.status, e.code, e.parameter], `${operation} with ${label}`).toEqual([
      400,
      "invalid_pagination",
      parameter,
    ]);
    expect(e.message).toContain(operation);
    expect(e.message).toContain(`"${parameter}"`);
  };

  describe("paging", () => {
    test("rejects an unusable limit or page with a PaginationError naming it", async () => {
      for (const [operation, list] of listings) {
        for (const limit of BAD_LIMITS)
          await rejects(
            operation,
            list({ limit: limit as number }),
            "limit",
            `limit ${String(limit)}`,
          );
        for (const page of BAD_PAGES)
          await rejects(
            operation,
            list({ limit: 10, page: page as number }),
            "page",
            `page ${String(page)}`,
          );
        await rejects(
          operation,
          list({ limit: 2 ** 40, page: 2 ** 20 }),
          "page",
          "an offset past 2^53",
        );
      }
      for (const limit of BAD_LIMITS)
        await rejects(
          "getSpans",
          db().getSpans({ limit: limit as number }),
          "limit",
          `limit ${String(limit)}`,
        );
    });

    test("serves huge but exact limits and pages past the end without a storage error", async () => {
      const user = "paging-user";
      for (const id of ["pg-1", "pg-2", "pg-3"])
        await db().upsertSession({
          session_id: id,
          session_type: "agent",
          user_id: user,
          created_at: 1_700_000_000,
        });
      const all = await db().getSessions({ userId: user, limit: Number.MAX_SAFE_INTEGER });
      expect(all.items.map((s) => s.session_id).sort()).toEqual(["pg-1", "pg-2", "pg-3"]);
      expect(all.total).toBe(3);
      const far = await db().getSessions({ userId: user, limit: 10, page: 1e9 });
      expect(far).toEqual({ items: [], total: 3 });
      const farthest = await db().getSessions({
        userId: user,
        limit: 1,
        page: Number.MAX_SAFE_INTEGER,
      });
      expect(farthest).toEqual({ items: [], total: 3 });
      const second = await db().getSessions({
        userId: user,
        limit: 2,
        page: 2,
        sortBy: "session_id",
        sortOrder: "asc",
      });
      expect(second.items.map((s) => s.session_id)).toEqual(["pg-3"]);
      const stats = await db().getUserMemoryStats({ limit: 5, page: 1e6 });
      expect(stats.items).toEqual([]);
    });
  });
}
