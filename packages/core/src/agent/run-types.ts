import type { z } from "zod";
import type { MessageInit } from "../messages.js";
import { baseEventName } from "../run/component-kind.js";
import type { RunOutputEvent } from "../run/events.js";
import type { RunOutput } from "../run/run-output.js";
import type { JsonSchema } from "../tools/schema.js";

/** What `run()` accepts: text, an object (validated by `inputSchema`), a message, or messages. */
export type RunInputValue =
  | string
  | Record<string, unknown>
  | MessageInit
  | MessageInit[]
  | unknown[];

/** The content type of an agent's runs, from its output schema. */
export type InferContent<TOutput> = TOutput extends z.ZodType
  ? z.output<TOutput>
  : TOutput extends JsonSchema
    ? Record<string, unknown>
    : string;

/**
 * A streamed run: an async generator of events that also knows its run id, and whose `output`
 * resolves to the run's output once the stream has been read to its end.
 */
export type AgentRunStream = AsyncGenerator<RunOutputEvent, void, unknown> & {
  readonly runId: string;
  readonly output: Promise<RunOutput<any>>;
};

/** Events always streamed, even without `streamEvents` (a component's own; custom events from anyone). */
const ALWAYS_STREAMED = new Set(["RunContent", "RunPaused", "RunError", "RunCancelled"]);

/** True for the events a stream yields without `streamEvents`. */
export function isAlwaysStreamed(event: RunOutputEvent, ownId: string): boolean {
  if (event.event === "CustomEvent") return true;
  const ids = event as { agent_id?: string; team_id?: string };
  const own = ids.agent_id === ownId || ids.team_id === ownId;
  return own && ALWAYS_STREAMED.has(baseEventName(event.event));
}
