import { WORKFLOW_RUNS, type WorkflowRunStream } from "../client/runs.js";
import type { ResumeRunOptions } from "../client-options.js";
import type { RunRequestOptions } from "../form.js";
import type { RemoteWorkflowRunOutput } from "../run-output.js";
import type { RequestOptions } from "../transport.js";
import type { WorkflowResponse } from "../wire/responses.js";
import { RemoteComponent, type RemoteComponentOptions } from "./remote-component.js";
import type { RemoteRunOptions } from "./run-options.js";

/** Options of `new RemoteWorkflow(...)`. */
export interface RemoteWorkflowOptions extends RemoteComponentOptions {
  /** Id of the workflow on the remote AgentOS. */
  workflowId: string;
  /** Seconds a request may take. @default 300 */
  timeout?: number;
}

/** Options of `RemoteWorkflow.run`. */
export interface RemoteWorkflowRunOptions extends RemoteRunOptions {
  /** Extra data for the workflow's steps (`additional_data`). */
  additionalData?: Record<string, unknown>;
}

/** Options of `RemoteWorkflow.continueRun`. */
export interface RemoteWorkflowContinueRunOptions extends RunRequestOptions {
  runId: string;
  /** The resolved step requirements. */
  stepRequirements?: Array<Record<string, unknown>>;
  stream?: boolean;
}

/**
 * A workflow hosted on a remote AgentOS, with the interface of a local `Workflow`: a component of
 * `@agno/core`'s contract (`run()` plain or streamed, `continueRun()`, `cancelRun()`, the session
 * methods).
 *
 * @example
 * const workflow = new RemoteWorkflow({ baseUrl: "http://localhost:7777", workflowId: "qa" });
 * const output = await workflow.run("What are the benefits of Python?");
 * console.log(output.status, output.content);
 */
export class RemoteWorkflow extends RemoteComponent<WorkflowResponse, RemoteWorkflowRunOutput> {
  readonly kind = "workflow" as const;
  protected readonly runKind = WORKFLOW_RUNS;

  constructor(options: RemoteWorkflowOptions) {
    super(options.workflowId, options, 300);
  }

  /** The workflow's steps, from the remote configuration. */
  get steps(): WorkflowResponse["steps"] {
    return this.cachedConfig?.steps;
  }

  /** The workflow's configuration, always fetched fresh (and cached). */
  getWorkflowConfig(options: RequestOptions = {}): Promise<WorkflowResponse> {
    return this.refreshConfig(options);
  }

  protected fetchConfig(options: RequestOptions): Promise<WorkflowResponse> {
    return this.client.getWorkflow(this.id, options);
  }

  /** Runs the remote workflow; with `{ stream: true }` returns the stream of its events. */
  run(input: unknown, options: RemoteWorkflowRunOptions & { stream: true }): WorkflowRunStream;
  run(
    input: unknown,
    options?: RemoteWorkflowRunOptions & { stream?: false },
  ): Promise<RemoteWorkflowRunOutput>;
  run(
    input: unknown,
    options?: RemoteWorkflowRunOptions,
  ): WorkflowRunStream | Promise<RemoteWorkflowRunOutput>;
  run(
    input: unknown,
    options: RemoteWorkflowRunOptions = {},
  ): WorkflowRunStream | Promise<RemoteWorkflowRunOutput> {
    const wire = this.runOptions(
      options,
      options.additionalData !== undefined
        ? { additional_data: options.additionalData }
        : undefined,
    );
    if (options.stream)
      return this.track(this.client.runWorkflowStream(this.id, input, wire), wire.sessionId);
    return this.track(this.client.runWorkflow(this.id, input, wire), wire.sessionId);
  }

  /** Continues a paused workflow run with its resolved step requirements. */
  continueRun(options: RemoteWorkflowContinueRunOptions & { stream: true }): WorkflowRunStream;
  continueRun(
    options: RemoteWorkflowContinueRunOptions & { stream?: false },
  ): Promise<RemoteWorkflowRunOutput>;
  continueRun(
    options: RemoteWorkflowContinueRunOptions,
  ): WorkflowRunStream | Promise<RemoteWorkflowRunOutput> {
    const { runId, stream, ...rest } = options;
    const wire = this.continueOptions(rest);
    if (stream) return this.client.continueWorkflowRunStream(this.id, runId, wire);
    return this.client.continueWorkflowRun(this.id, runId, wire);
  }

  /**
   * `POST .../runs/{run_id}/resume`: the run's events after `lastEventIndex` (all of them when
   * absent), live while the run goes on; reconnects by itself unless `reconnect: false`.
   */
  resumeRun(runId: string, options: ResumeRunOptions = {}): WorkflowRunStream {
    const wire = this.requestOptions(options);
    return this.track(this.client.resumeWorkflowRun(this.id, runId, wire), options.sessionId);
  }

  protected sendCancel(
    runId: string,
    options: RequestOptions & { sessionId?: string },
  ): Promise<void> {
    return this.client.cancelWorkflowRun(this.id, runId, options);
  }
}
