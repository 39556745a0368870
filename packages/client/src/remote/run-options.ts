import type { RunRequestOptions } from "../form.js";

/**
 * Options of `RemoteAgent.run` / `RemoteTeam.run` (the local `run` options, sent as the
 * AgentOS's form fields), plus `stream`.
 */
export interface RemoteRunOptions extends RunRequestOptions {
  /** Stream events instead of resolving to the output. @default false */
  stream?: boolean;
  /** Ignored: the remote AgentOS names its runs (read `stream.runId` or `output.run_id`). */
  runId?: string;
  /** Ignored: the parent run lives in this process, not on the remote AgentOS. */
  parentRunId?: string;
}

/** Picks the wire options of a run out of a local `run` call's options. */
export function wireOptions(
  options: RemoteRunOptions,
  defaults: { authToken?: string; factoryInput?: Record<string, unknown> },
): RunRequestOptions {
  const {
    stream: _stream,
    runId: _runId,
    parentRunId: _parentRunId,
    ...rest
  } = options as RemoteRunOptions & Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of WIRE_KEYS) if (rest[key] !== undefined) out[key] = rest[key];
  // A local schema object (zod, Standard Schema) is not JSON Schema: the remote cannot use it.
  const schema = out.outputSchema as Record<string, unknown> | undefined;
  if (schema && typeof schema === "object" && "~standard" in schema) delete out.outputSchema;
  if (out.authToken === undefined && defaults.authToken !== undefined)
    out.authToken = defaults.authToken;
  if (out.factoryInput === undefined && defaults.factoryInput !== undefined)
    out.factoryInput = defaults.factoryInput;
  return out as RunRequestOptions;
}

/** The options a run sends; anything else a local caller passes (debugMode...) stays local. */
const WIRE_KEYS = [
  "headers",
  "authToken",
  "signal",
  "timeout",
  "sessionId",
  "userId",
  "sessionState",
  "dependencies",
  "metadata",
  "knowledgeFilters",
  "outputSchema",
  "streamEvents",
  "addHistoryToContext",
  "addDependenciesToContext",
  "addSessionStateToContext",
  "retries",
  "images",
  "audio",
  "videos",
  "files",
  "factoryInput",
  "version",
  "extraFields",
] as const;
