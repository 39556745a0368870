import { type ExecutionContext, WorkflowRunContext } from "./context.js";
import type { Prepared } from "./options.js";
import type { Workflow } from "./workflow.js";

/** What the steps of one workflow run share: ids, the run, its context, and what to emit and store. */
export function executionContext(
  workflow: Workflow,
  p: Prepared,
  runId: string,
  signal: AbortSignal,
  mode: { stream: boolean; streamEvents: boolean },
  debug: boolean,
): ExecutionContext {
  const o = workflow.options;
  const storeEvents = o.storeEvents ?? false;
  const streamExecutorEvents = o.streamExecutorEvents ?? true;
  const runContext = new WorkflowRunContext({
    runId,
    sessionId: p.sessionId,
    userId: p.userId ?? null,
    metadata: p.output.metadata ?? {},
    sessionState: p.sessionState,
    workflowId: workflow.id,
    ...(workflow.name !== undefined ? { workflowName: workflow.name } : {}),
    signal,
  });
  return {
    workflowId: workflow.id,
    workflowName: workflow.name,
    runId,
    sessionId: p.sessionId,
    userId: p.userId,
    run: p.output,
    runContext,
    signal,
    emit: mode.streamEvents || storeEvents,
    streamExecutorEvents,
    streamExecutors: streamExecutorEvents && (mode.stream || storeEvents),
    storeExecutorOutputs: o.storeExecutorOutputs ?? true,
    session: p.session,
    addWorkflowHistoryToSteps: o.addWorkflowHistoryToSteps ?? false,
    numHistoryRuns: o.numHistoryRuns,
    db: o.db,
    debug,
  };
}
