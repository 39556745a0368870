import { RunOutput } from "../run/run-output.js";
import {
  asyncIteratorOf,
  type ExecutionContext,
  isEventLike,
  isPromiseLike,
  isStreamLike,
  raceAbort,
  tagCustomEvent,
} from "./context.js";
import type { WorkflowStreamEvent } from "./events.js";
import { asText, StepOutput } from "./types.js";

/**
 * Runs a custom workflow function: awaits its result, or iterates the (async) generator it
 * returns, forwarding events (agents' tagged with the run, custom events as workflow events) and
 * gathering text. Returns the run's content.
 */
export async function* runCustomFunction(
  call: () => unknown,
  ctx: ExecutionContext,
): AsyncGenerator<WorkflowStreamEvent, unknown> {
  let result = call();
  if (isPromiseLike(result)) result = await raceAbort(result, ctx.signal);
  if (!isStreamLike(result)) return unwrapContent(result);
  const iterator = asyncIteratorOf(result);
  let text = "";
  let structured: unknown;
  try {
    for (;;) {
      const next = await raceAbort(iterator.next(), ctx.signal);
      if (next.done) {
        if (next.value !== undefined) structured = unwrapContent(next.value);
        break;
      }
      const item = next.value;
      if (item instanceof StepOutput || item instanceof RunOutput) {
        structured = item.content;
      } else if (isEventLike(item)) {
        if (item.event === "RunContent" || item.event === "TeamRunContent") {
          if (typeof item.content === "string") text += item.content;
          else if (item.content !== undefined) structured = item.content;
        }
        if (item.event === "CustomEvent" && !("agent_id" in item)) yield tagCustomEvent(item, ctx);
        else if ("workflow_id" in item && item.run_id === ctx.runId)
          yield item as WorkflowStreamEvent;
        else yield tagWorkflow(item, ctx);
      } else if (item !== undefined && item !== null) {
        text += asText(item);
      }
    }
  } finally {
    await iterator.return?.();
  }
  return structured ?? text;
}

function unwrapContent(value: unknown): unknown {
  if (value instanceof StepOutput || value instanceof RunOutput) return value.content;
  return value;
}

/** An agent or team event yielded by a custom workflow function, tagged with the workflow run. */
function tagWorkflow(event: Record<string, unknown>, ctx: ExecutionContext): WorkflowStreamEvent {
  return {
    ...event,
    workflow_id: event.workflow_id ?? ctx.workflowId,
    workflow_run_id: event.workflow_run_id ?? ctx.runId,
  } as unknown as WorkflowStreamEvent;
}
