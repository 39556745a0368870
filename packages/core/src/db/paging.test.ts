import { describe, expect, it } from "vitest";
import { InMemoryDb } from "./in-memory-db.js";
import { PaginationError, pageWindow } from "./paging.js";

describe("pageWindow", () => {
  it("turns a limit and a page numbered from 1 into an offset", () => {
    expect(pageWindow("list", {})).toEqual({ offset: 0 });
    expect(pageWindow("list", { page: 3 })).toEqual({ offset: 0 });
    expect(pageWindow("list", { limit: 20 })).toEqual({ limit: 20, offset: 0 });
    expect(pageWindow("list", { limit: 20, page: 3 })).toEqual({ limit: 20, offset: 40 });
    expect(pageWindow("list", { limit: 1, page: Number.MAX_SAFE_INTEGER })).toEqual({
      limit: 1,
      offset: Number.MAX_SAFE_INTEGER - 1,
    });
  });

  it("names the operation, the option, the value and the fix", () => {
    expect(() => pageWindow("getSessions", { limit: 1e20 })).toThrow(
      'getSessions: "limit" must be a whole number from 1 to 9007199254740991 (got 100000000000000000000). Pass a positive whole number, or leave "limit" out to list every row.',
    );
    expect(() => pageWindow("getSessions", { limit: 10, page: 0 })).toThrow(
      'getSessions: "page" must be a whole number from 1 to 9007199254740991 (got 0). Pages are numbered from 1.',
    );
    expect(() => pageWindow("getTraces", { limit: "5" })).toThrow(/"limit" .* \(got a string\)/);
    expect(() => pageWindow("getTraces", { limit: 2 ** 40, page: 2 ** 20 })).toThrow(
      'getTraces: "page" 1048576 with "limit" 1099511627776 starts beyond row 9007199254740991, the last a listing can reach. Pass a smaller page.',
    );
  });

  it("is an HTTP 400 error that survives duplicate installs", () => {
    const error = (() => {
      try {
        pageWindow("getSessions", { limit: Number.NaN });
      } catch (e) {
        return e as PaginationError;
      }
    })();
    expect(error).toBeInstanceOf(PaginationError);
    expect(PaginationError.isInstance(error)).toBe(true);
    expect([error?.name, error?.code, error?.status, error?.parameter]).toEqual([
      "PaginationError",
      "invalid_pagination",
      400,
      "limit",
    ]);
  });

  it("is applied by BaseDb before the store is asked", async () => {
    const db = new InMemoryDb();
    await expect(db.getSessions({ limit: -1 })).rejects.toThrow(PaginationError);
    await expect(db.getUserMemoryStats({ limit: 5, page: 1.5 })).rejects.toThrow(/"page"/);
    await expect(db.getSpans({ limit: 0 })).rejects.toThrow(/getSpans: "limit"/);
  });
});
