import { AgnoError } from "@agno/core";
import type { Context } from "hono";
import { publicErrorMessage } from "../errors.js";

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/**
 * The error's text for the caller: with the request's context, an unexpected failure is told
 * without its internals; without one (errors AgentOS made itself), the message as is.
 */
function describe(error: unknown, c: Context | undefined): string {
  if (c) return publicErrorMessage(error, c);
  return error instanceof Error ? error.message : String(error);
}

function errorType(error: unknown): string | undefined {
  if (AgnoError.isInstance(error)) return error.code;
  return error instanceof Error ? error.name : undefined;
}

/**
 * The terminal `RunError` / `TeamRunError` of a stream whose run threw; an unexpected failure is
 * described without its internals (they are logged under the request id).
 */
export function runErrorEvent(
  type: "agent" | "team",
  component: { id: string; name?: string | undefined },
  runId: string,
  sessionId: string,
  error: unknown,
  c?: Context,
): Record<string, unknown> {
  const team = type === "team";
  const event: Record<string, unknown> = {
    created_at: nowSeconds(),
    event: team ? "TeamRunError" : "RunError",
    [team ? "team_id" : "agent_id"]: component.id,
    [team ? "team_name" : "agent_name"]: component.name ?? "",
    run_id: runId,
    session_id: sessionId,
    nested_depth: 0,
    content: describe(error, c),
  };
  const kind = errorType(error);
  if (kind) event.error_type = kind;
  return event;
}

/** The terminal `WorkflowError` of a workflow stream that threw (`error`, not `content`). */
export function workflowErrorEvent(
  workflow: { id: string; name?: string | undefined },
  runId: string,
  sessionId: string,
  error: unknown,
  c?: Context,
): Record<string, unknown> {
  const event: Record<string, unknown> = {
    created_at: nowSeconds(),
    event: "WorkflowError",
    workflow_id: workflow.id,
    ...(workflow.name !== undefined ? { workflow_name: workflow.name } : {}),
    session_id: sessionId,
    run_id: runId,
    nested_depth: 0,
    error: describe(error, c),
  };
  const kind = errorType(error);
  if (kind) event.error_type = kind;
  return event;
}
