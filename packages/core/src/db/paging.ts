import { AgnoError, errorMarker } from "../errors.js";

/** A listing's `limit` or `page` is not usable: not a whole number, below 1, or too large (HTTP 400). */
export class PaginationError extends AgnoError {
  static override readonly marker = errorMarker("PaginationError");
  /** The option at fault. */
  readonly parameter: "limit" | "page";
  constructor(message: string, options: { parameter: "limit" | "page" }) {
    super(message, { code: "invalid_pagination", status: 400 });
    this.name = "PaginationError";
    this.parameter = options.parameter;
  }
}

/** A validated page: `limit` rows from `offset`, or every row when `limit` is undefined. */
export interface PageWindow {
  limit?: number;
  offset: number;
}

function shown(value: unknown): string {
  return typeof value === "number" ? String(value) : `a ${typeof value}`;
}

function wholeNumber(operation: string, parameter: "limit" | "page", value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
    const hint =
      parameter === "limit"
        ? 'Pass a positive whole number, or leave "limit" out to list every row.'
        : "Pages are numbered from 1.";
    throw new PaginationError(
      `${operation}: "${parameter}" must be a whole number from 1 to ${Number.MAX_SAFE_INTEGER} (got ${shown(value)}). ${hint}`,
      { parameter },
    );
  }
  return value;
}

/**
 * Checks a listing's `limit` and `page` (numbered from 1; ignored without a limit) and returns
 * the rows to read. Throws a {@link PaginationError} naming the operation and the option when
 * either is not a whole number from 1 to `Number.MAX_SAFE_INTEGER`, or when the page starts
 * beyond the largest offset a number can hold exactly.
 */
export function pageWindow(
  operation: string,
  options: { limit?: unknown; page?: unknown },
): PageWindow {
  const page = options.page === undefined ? 1 : wholeNumber(operation, "page", options.page);
  if (options.limit === undefined) return { offset: 0 };
  const limit = wholeNumber(operation, "limit", options.limit);
  const offset = (page - 1) * limit;
  if (!Number.isSafeInteger(offset)) {
    throw new PaginationError(
      `${operation}: "page" ${page} with "limit" ${limit} starts beyond row ${Number.MAX_SAFE_INTEGER}, the last a listing can reach. Pass a smaller page.`,
      { parameter: "page" },
    );
  }
  return { limit, offset };
}
