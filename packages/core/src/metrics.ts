/**
 * Usage metrics of a message, a run or a session. Serialized as-is (snake_case); token counts
 * that are zero may be absent.
 */
export interface Metrics {
  input_tokens?: number;
  output_tokens?: number;
  total_tokens?: number;
  audio_input_tokens?: number;
  audio_output_tokens?: number;
  audio_total_tokens?: number;
  cache_read_tokens?: number;
  cache_write_tokens?: number;
  reasoning_tokens?: number;
  /** Cost in USD when the provider reports it. */
  cost?: number;
  /** Wall time in seconds. */
  duration?: number;
  /** Seconds from the request to the first streamed token. */
  time_to_first_token?: number;
  /** Anything provider-specific. */
  provider_metrics?: Record<string, unknown>;
  additional_metrics?: Record<string, unknown>;
}

const SUMMED = [
  "input_tokens",
  "output_tokens",
  "total_tokens",
  "audio_input_tokens",
  "audio_output_tokens",
  "audio_total_tokens",
  "cache_read_tokens",
  "cache_write_tokens",
  "reasoning_tokens",
  "cost",
] as const;

/** Adds `b`'s counters into a copy of `a`. Durations are not summed; the first time_to_first_token wins. */
export function addMetrics(a: Metrics | undefined, b: Metrics | undefined): Metrics {
  const out: Metrics = { ...(a ?? {}) };
  if (!b) return out;
  for (const key of SUMMED) {
    const v = b[key];
    if (typeof v === "number" && v !== 0) out[key] = (out[key] ?? 0) + v;
  }
  if (out.time_to_first_token === undefined && b.time_to_first_token !== undefined) {
    out.time_to_first_token = b.time_to_first_token;
  }
  return out;
}

/** Sums a list of metrics, including durations (used for session totals). */
export function sumMetrics(list: Array<Metrics | undefined>): Metrics {
  let out: Metrics = {};
  let duration = 0;
  for (const m of list) {
    out = addMetrics(out, m);
    duration += m?.duration ?? 0;
  }
  if (duration > 0) out.duration = duration;
  return out;
}

/** Fills total_tokens from input and output when the provider did not. */
export function normalizeMetrics(m: Metrics): Metrics {
  const out = { ...m };
  if (
    out.total_tokens === undefined &&
    (out.input_tokens !== undefined || out.output_tokens !== undefined)
  ) {
    out.total_tokens = (out.input_tokens ?? 0) + (out.output_tokens ?? 0);
  }
  if (
    out.audio_total_tokens === undefined &&
    (out.audio_input_tokens !== undefined || out.audio_output_tokens !== undefined)
  ) {
    out.audio_total_tokens = (out.audio_input_tokens ?? 0) + (out.audio_output_tokens ?? 0);
  }
  return out;
}

/** The serialized form: zero and empty values dropped, as the wire format does. */
export function metricsToDict(m: Metrics | undefined): Metrics | undefined {
  if (!m) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m)) {
    if (v === undefined || v === null || v === 0) continue;
    if (typeof v === "object" && Object.keys(v).length === 0) continue;
    out[k] = v;
  }
  return out as Metrics;
}
