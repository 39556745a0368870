import type { AppContext } from "../../env.js";
import { limitsOf } from "../../http/limits.js";
import { Checker, type IntRule } from "../../http/validation.js";

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The highest page number a listing accepts. */
export const MAX_PAGE = 1_000_000;

/** Reads and checks query parameters (snake_case names, as the reference spells them). */
export class QueryParams extends Checker {
  constructor(private readonly c: AppContext) {
    super("query");
  }

  /** A string parameter; absent is undefined. */
  str(name: string): string | undefined {
    return this.c.req.query(name);
  }

  /** An integer parameter, with its default and bounds. */
  int(name: string, defaultValue: number, rule?: IntRule): number;
  int(name: string, defaultValue?: undefined, rule?: IntRule): number | undefined;
  int(name: string, defaultValue?: number, rule: IntRule = {}): number | undefined {
    const raw = this.c.req.query(name);
    if (raw === undefined) return defaultValue;
    return this.asInt([name], raw, rule) ?? defaultValue;
  }

  /** `limit`: 1 to the AgentOS `maxPageSize` (422 outside). */
  pageSize(defaultValue = 20): number {
    return this.int("limit", defaultValue, { ge: 1, le: limitsOf(this.c).maxPageSize });
  }

  /** `page`: 1 to {@link MAX_PAGE} (422 outside). */
  page(): number {
    return this.int("page", 1, { ge: 1, le: MAX_PAGE });
  }

  /** `sort_by`: one of the fields the listing sorts by (422 for any other). */
  sortBy<T extends string>(fields: readonly T[], defaultValue: T): T {
    return this.enumOf("sort_by", fields, defaultValue);
  }

  bool(name: string, defaultValue: boolean): boolean {
    const raw = this.c.req.query(name);
    if (raw === undefined) return defaultValue;
    return this.asBool([name], raw) ?? defaultValue;
  }

  /** One of `values`; absent is `defaultValue`. */
  enumOf<T extends string>(name: string, values: readonly T[], defaultValue: T): T;
  enumOf<T extends string>(name: string, values: readonly T[]): T | undefined;
  enumOf<T extends string>(name: string, values: readonly T[], defaultValue?: T): T | undefined {
    const raw = this.c.req.query(name);
    if (raw === undefined) return defaultValue;
    return this.asEnum([name], raw, values) ?? defaultValue;
  }

  /** A comma-separated list (every occurrence of the parameter), trimmed, empties dropped. */
  list(name: string): string[] | undefined {
    const raw = this.c.req.queries(name);
    if (!raw) return undefined;
    const items = raw.flatMap((v) => v.split(",")).map((v) => v.trim());
    const out = items.filter((v) => v.length > 0);
    return out.length > 0 ? out : undefined;
  }

  /** A calendar date, `YYYY-MM-DD`. */
  date(name: string): string | undefined {
    const raw = this.c.req.query(name);
    if (raw === undefined) return undefined;
    const m = DATE_RE.exec(raw.trim());
    if (m) {
      const d = new Date(`${m[0]}T00:00:00Z`);
      if (!Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === m[0]) return m[0];
    }
    this.fail("date_parsing", [name], "Input should be a valid date in the format YYYY-MM-DD", raw);
    return undefined;
  }
}
