import type {
  CancelRunOptions,
  ContinueTeamRunOptions,
  ContinueWorkflowRunOptions,
  RunCallOptions,
  RunLookupOptions,
  TeamRunCallOptions,
} from "../client-options.js";
import { runForm } from "../form.js";
import {
  RemoteTeamRunOutput,
  RemoteWorkflowRunOutput,
  RunOutputBuilder,
  WorkflowOutputBuilder,
} from "../run-output.js";
import { seg } from "../transport.js";
import type { BackgroundRunResponse, RunSchema } from "../types.js";
import { bg, type Dict, type TeamRunStream, type WorkflowRunStream } from "./base.js";
import { ComponentsClient } from "./components.js";

/** Team and workflow runs (a group of {@link AgentOSClient} methods). */
export class RunsClient extends ComponentsClient {
  // Teams

  /** `POST /teams/{id}/runs` without streaming. */
  runTeam(
    teamId: string,
    message: unknown,
    options: TeamRunCallOptions & { background: true },
  ): Promise<BackgroundRunResponse>;
  runTeam(
    teamId: string,
    message: unknown,
    options?: TeamRunCallOptions,
  ): Promise<RemoteTeamRunOutput>;
  runTeam(
    teamId: string,
    message: unknown,
    options: TeamRunCallOptions = {},
  ): Promise<RemoteTeamRunOutput | BackgroundRunResponse> {
    return this.runComponent("teams", teamId, message, options, RemoteTeamRunOutput.fromDict);
  }

  /** `POST /teams/{id}/runs` streamed: the team's events and its members'. */
  runTeamStream(teamId: string, message: unknown, options: TeamRunCallOptions = {}): TeamRunStream {
    const form = runForm(message, true, options, { ...bg(options), monitor: options.monitor });
    return this.openStream(
      `/teams/${seg(teamId)}/runs`,
      form,
      options,
      new RunOutputBuilder("team", new RemoteTeamRunOutput()),
    );
  }

  /** `POST /teams/{id}/runs/{run_id}/continue`: continues a paused team run. */
  continueTeamRun(
    teamId: string,
    runId: string,
    options: ContinueTeamRunOptions = {},
  ): Promise<RemoteTeamRunOutput> {
    const form = runForm(options.input ?? "", false, options, {
      requirements: options.requirements,
    });
    if (options.input === undefined) form.delete("message");
    return this.postForm<Dict>(
      `/teams/${seg(teamId)}/runs/${seg(runId)}/continue`,
      form,
      options,
    ).then(RemoteTeamRunOutput.fromDict);
  }

  /** `POST /teams/{id}/runs/{run_id}/cancel`. */
  async cancelTeamRun(
    teamId: string,
    runId: string,
    options: CancelRunOptions = {},
  ): Promise<void> {
    await this.cancelComponentRun("teams", teamId, runId, options);
  }

  /** `GET /teams/{id}/runs/{run_id}`. */
  async getTeamRun(
    teamId: string,
    runId: string,
    options: RunLookupOptions,
  ): Promise<RemoteTeamRunOutput> {
    return RemoteTeamRunOutput.fromDict(
      await this.getComponentRun("teams", teamId, runId, options),
    );
  }

  /** `GET /teams/{id}/runs`. */
  listTeamRuns(teamId: string, options: RunLookupOptions): Promise<RunSchema[]> {
    return this.listComponentRuns("teams", teamId, options);
  }

  // Workflows

  /** `POST /workflows/{id}/runs` without streaming. */
  runWorkflow(
    workflowId: string,
    message: unknown,
    options: RunCallOptions & { background: true },
  ): Promise<BackgroundRunResponse>;
  runWorkflow(
    workflowId: string,
    message: unknown,
    options?: RunCallOptions,
  ): Promise<RemoteWorkflowRunOutput>;
  runWorkflow(
    workflowId: string,
    message: unknown,
    options: RunCallOptions = {},
  ): Promise<RemoteWorkflowRunOutput | BackgroundRunResponse> {
    return this.runComponent(
      "workflows",
      workflowId,
      message,
      options,
      RemoteWorkflowRunOutput.fromDict,
    );
  }

  /** `POST /workflows/{id}/runs` streamed: the workflow's events and its steps'. */
  runWorkflowStream(
    workflowId: string,
    message: unknown,
    options: RunCallOptions = {},
  ): WorkflowRunStream {
    return this.openStream(
      `/workflows/${seg(workflowId)}/runs`,
      runForm(message, true, options, bg(options)),
      options,
      new WorkflowOutputBuilder(),
    );
  }

  /** `POST /workflows/{id}/runs/{run_id}/continue`: continues a paused workflow run. */
  continueWorkflowRun(
    workflowId: string,
    runId: string,
    options: ContinueWorkflowRunOptions = {},
  ): Promise<RemoteWorkflowRunOutput> {
    const form = runForm("", false, options, { step_requirements: options.stepRequirements });
    form.delete("message");
    return this.postForm<Dict>(
      `/workflows/${seg(workflowId)}/runs/${seg(runId)}/continue`,
      form,
      options,
    ).then(RemoteWorkflowRunOutput.fromDict);
  }

  /** Streamed `continueWorkflowRun`. */
  continueWorkflowRunStream(
    workflowId: string,
    runId: string,
    options: ContinueWorkflowRunOptions = {},
  ): WorkflowRunStream {
    const form = runForm("", true, options, { step_requirements: options.stepRequirements });
    form.delete("message");
    return this.openStream(
      `/workflows/${seg(workflowId)}/runs/${seg(runId)}/continue`,
      form,
      options,
      new WorkflowOutputBuilder(),
    );
  }

  /** `POST /workflows/{id}/runs/{run_id}/cancel`. */
  async cancelWorkflowRun(
    workflowId: string,
    runId: string,
    options: CancelRunOptions = {},
  ): Promise<void> {
    await this.cancelComponentRun("workflows", workflowId, runId, options);
  }

  /** `GET /workflows/{id}/runs/{run_id}`. */
  async getWorkflowRun(
    workflowId: string,
    runId: string,
    options: RunLookupOptions,
  ): Promise<RemoteWorkflowRunOutput> {
    return RemoteWorkflowRunOutput.fromDict(
      await this.getComponentRun("workflows", workflowId, runId, options),
    );
  }

  /** `GET /workflows/{id}/runs`. */
  listWorkflowRuns(workflowId: string, options: RunLookupOptions): Promise<RunSchema[]> {
    return this.listComponentRuns("workflows", workflowId, options);
  }
}
