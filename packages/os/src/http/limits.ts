import { ConfigurationError } from "@agno/core";
import type { Context } from "hono";
import { httpError } from "../errors.js";

/**
 * What one request may carry. Every breach answers a 4xx whose `detail` names the field, the
 * limit and the option that sets it; nothing is stored or run.
 */
export interface AgentOSLimits {
  /** Bytes of a request body, enforced before the body is read (413). @default 10 MiB */
  maxBodyBytes: number;
  /** Bytes of one uploaded file (413). @default 10 MiB */
  maxFileBytes: number;
  /** Uploaded files in one request (413). @default 20 */
  maxFiles: number;
  /** Fields (files included) in one form or JSON body (413). @default 100 */
  maxFormFields: number;
  /** Characters of a run's `message` (413). @default 100,000 */
  maxMessageChars: number;
  /** Nesting depth of a JSON body or JSON form field (`session_state`, `metadata`...) (422). @default 64 */
  maxJsonDepth: number;
  /** Bytes of one JSON form field (`session_state`, `metadata`, `dependencies`...) (413). @default 1 MiB */
  maxJsonFieldBytes: number;
  /** Largest `limit` a listing accepts (422 above). @default 1000 */
  maxPageSize: number;
}

const MIB = 1024 * 1024;

/** The limits AgentOS applies when none are configured. */
export const DEFAULT_LIMITS: Readonly<AgentOSLimits> = Object.freeze({
  maxBodyBytes: 10 * MIB,
  maxFileBytes: 10 * MIB,
  maxFiles: 20,
  maxFormFields: 100,
  maxMessageChars: 100_000,
  maxJsonDepth: 64,
  maxJsonFieldBytes: MIB,
  maxPageSize: 1000,
});

/** The configured limits over the defaults; a limit that is not a positive integer fails at once. */
export function resolveLimits(options: Partial<AgentOSLimits> = {}): Readonly<AgentOSLimits> {
  const out = { ...DEFAULT_LIMITS };
  for (const [name, value] of Object.entries(options)) {
    if (!(name in DEFAULT_LIMITS)) {
      throw new ConfigurationError(
        `AgentOS limits: unknown limit "${name}". Known limits: ${Object.keys(DEFAULT_LIMITS).join(", ")}.`,
      );
    }
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
      throw new ConfigurationError(
        `AgentOS limits: ${name} must be a positive integer, got ${String(value)}.`,
      );
    }
    out[name as keyof AgentOSLimits] = value;
  }
  return Object.freeze(out);
}

/** The limits of this request (set by AgentOS's first middleware), else the defaults. */
export function limitsOf(c: Context): Readonly<AgentOSLimits> {
  return (c.get("limits") as AgentOSLimits | undefined) ?? DEFAULT_LIMITS;
}

/** `10 MiB`, `512 KiB`, `300 bytes`. */
export function formatBytes(n: number): string {
  if (n >= MIB && n % MIB === 0) return `${n / MIB} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

/** 413 naming what is too large, its limit and the option that raises it. */
export function tooLarge(what: string, limit: string, option: keyof AgentOSLimits) {
  return httpError(
    413,
    `${what} exceeds the limit of ${limit}. Send less, or raise limits.${option} on AgentOS.`,
  );
}

/**
 * The nesting depth of a JSON text (arrays and objects), counted without parsing it, so that a
 * pathological document is refused before it is parsed or cloned.
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \ */) i++;
      else if (ch === 34 /* " */) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 123 /* { */ || ch === 91 /* [ */) {
      depth++;
      if (depth > max) max = depth;
    } else if (ch === 125 /* } */ || ch === 93 /* ] */) depth--;
  }
  return max;
}

/** 422 when a JSON text nests deeper than the limit; `what` names the field or the body. */
export function checkJsonDepth(what: string, text: string, limits: AgentOSLimits): void {
  if (text.length <= limits.maxJsonDepth) return;
  if (jsonDepth(text) > limits.maxJsonDepth) {
    throw httpError(
      422,
      `${what} nests deeper than ${limits.maxJsonDepth} levels. Flatten it, or raise limits.maxJsonDepth on AgentOS.`,
    );
  }
}

/** Checks a JSON form field's text: its size and its depth. */
export function checkJsonField(name: string, text: string, limits: AgentOSLimits): void {
  // UTF-8 takes at most 3 bytes per UTF-16 unit: most texts are decided without measuring.
  if (text.length * 3 > limits.maxJsonFieldBytes) {
    const bytes = Buffer.byteLength(text, "utf8");
    if (bytes > limits.maxJsonFieldBytes) {
      throw tooLarge(
        `The "${name}" field (${formatBytes(bytes)})`,
        formatBytes(limits.maxJsonFieldBytes),
        "maxJsonFieldBytes",
      );
    }
  }
  checkJsonDepth(`The "${name}" field`, text, limits);
}
