import type { QueryParams, RequestOptions, Transport } from "../transport.js";

/** A JSON object. */
export type Dict = Record<string, unknown>;

/** The per-call options of a call's options (the rest are the call's own fields). */
export function requestOptions(options: RequestOptions): RequestOptions {
  return stripUndefined({
    headers: options.headers,
    authToken: options.authToken,
    signal: options.signal,
    timeout: options.timeout,
  });
}

/** A copy without the `undefined` values. */
export function stripUndefined<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as T;
}

/** `GET path?query`: the JSON answer. */
export function getJson<T>(
  http: Transport,
  path: string,
  query: QueryParams,
  options: RequestOptions,
): Promise<T> {
  return http.request<T>("GET", path, { ...requestOptions(options), query });
}

/** A request with a JSON body (none when `json` is undefined): the JSON answer. */
export function sendJson<T>(
  http: Transport,
  method: string,
  path: string,
  json: unknown,
  query: QueryParams,
  options: RequestOptions,
): Promise<T> {
  return http.request<T>(method, path, { ...requestOptions(options), query, json });
}

/** A request with a multipart form body (`POST` unless told): the JSON answer. */
export function sendForm<T>(
  http: Transport,
  path: string,
  form: FormData,
  options: RequestOptions,
  query?: QueryParams,
  method = "POST",
): Promise<T> {
  return http.request<T>(method, path, {
    ...requestOptions(options),
    form,
    ...(query ? { query } : {}),
  });
}

/** `db_id` and `table` of the data routes. */
export function dbQuery(options: { dbId?: string; table?: string }): QueryParams {
  return { db_id: options.dbId, table: options.table };
}

/** Paging and order of the list routes. */
export function pageQuery(options: {
  limit?: number;
  page?: number;
  sortBy?: string;
  sortOrder?: string;
}): QueryParams {
  return {
    limit: options.limit,
    page: options.page,
    sort_by: options.sortBy,
    sort_order: options.sortOrder,
  };
}
