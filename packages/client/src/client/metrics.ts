import type { MetricsOptions, RefreshMetricsOptions } from "../client-options.js";
import type { Transport } from "../transport.js";
import type { DayAggregatedMetrics, MetricsResponse } from "../wire/responses.js";
import { type Dict, dbQuery, getJson, sendJson } from "./request.js";

/** A day as the metrics routes take it: `YYYY-MM-DD` (a Date is read in UTC). */
function day(value: Date | string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string") return value;
  return value.toISOString().slice(0, 10);
}

/** `GET /metrics`: daily aggregated metrics, optionally between two days. */
export function getMetrics(http: Transport, options: MetricsOptions): Promise<MetricsResponse> {
  const query = {
    ...dbQuery(options),
    starting_date: day(options.startingDate),
    ending_date: day(options.endingDate),
  };
  return getJson(http, "/metrics", query, options);
}

/** `POST /metrics/refresh`: recomputes the metrics (in the background with `background`). */
export function refreshMetrics(
  http: Transport,
  options: RefreshMetricsOptions,
): Promise<DayAggregatedMetrics[] | Dict> {
  const query = { ...dbQuery(options), background: options.background };
  return sendJson(http, "POST", "/metrics/refresh", undefined, query, options);
}
