import { SessionAccessError } from "../agent/storage.js";
import type { BaseDb } from "../db/base-db.js";
import { ConfigurationError } from "../errors.js";
import type { WorkflowRunOutput } from "./run-output.js";
import { WorkflowSession } from "./session.js";

/**
 * Loads a workflow session. Another user's session is never returned: reading it throws
 * {@link SessionAccessError} when `strict`, else resolves to null. So is a session of another
 * kind (an agent's or a team's), which a workflow run must not write into.
 */
export async function loadWorkflowSession(
  db: BaseDb,
  sessionId: string,
  userId: string | undefined,
  strict: boolean,
): Promise<WorkflowSession | null> {
  const record = await db.getSession(sessionId);
  if (!record) return null;
  if (record.user_id && userId !== undefined && record.user_id !== userId) {
    if (strict) throw new SessionAccessError(sessionId);
    return null;
  }
  if (record.session_type !== "workflow") {
    if (strict) {
      throw new ConfigurationError(
        `Session "${sessionId}" is an ${record.session_type} session, not a workflow session. Use another sessionId for the workflow.`,
      );
    }
    return null;
  }
  return new WorkflowSession(record);
}

/** What {@link persistWorkflowRun} stores with the run. */
export interface PersistRunArgs {
  output: WorkflowRunOutput;
  workflowId: string;
  workflowData: Record<string, unknown>;
  sessionState: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}

/** Stores one run in its workflow session, atomically (creating the session when needed). */
export async function persistWorkflowRun(
  db: BaseDb,
  args: PersistRunArgs,
): Promise<WorkflowSession> {
  const { output } = args;
  const sessionId = output.session_id ?? "";
  const saved = await db.upsertSessionRun(
    {
      session_id: sessionId,
      session_type: "workflow",
      workflow_id: args.workflowId,
      ...(output.user_id !== undefined ? { user_id: output.user_id } : {}),
      session_data: { session_state: args.sessionState },
      workflow_data: args.workflowData,
      ...(args.metadata ? { metadata: args.metadata } : {}),
    },
    output.toDict(),
  );
  if (!saved) throw new SessionAccessError(sessionId);
  return new WorkflowSession(saved);
}
