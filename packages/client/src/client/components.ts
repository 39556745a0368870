import type {
  CancelRunOptions,
  ContinueAgentRunOptions,
  ResumeRunOptions,
  RunCallOptions,
  RunLookupOptions,
} from "../client-options.js";
import { type RunRequestOptions, runForm } from "../form.js";
import { RemoteRunOutput, RunOutputBuilder } from "../run-output.js";
import { type RequestOptions, seg } from "../transport.js";
import type {
  AgentResponse,
  BackgroundRunResponse,
  ConfigResponse,
  RunSchema,
  TeamResponse,
  WorkflowResponse,
  WorkflowSummary,
} from "../types.js";
import {
  type AgentRunStream,
  bg,
  ClientBase,
  continueFields,
  type Dict,
  resumeForm,
} from "./base.js";

/** Discovery and agent runs (the first group of {@link AgentOSClient} methods). */
export class ComponentsClient extends ClientBase {
  // Discovery

  /** `GET /config`: the AgentOS's id, name, agents, teams, workflows, databases and interfaces. */
  getConfig(options: RequestOptions = {}): Promise<ConfigResponse> {
    return this.getJson("/config", {}, options);
  }

  /** `GET /health`. */
  getHealth(options: RequestOptions = {}): Promise<{ status: string; [key: string]: unknown }> {
    return this.getJson("/health", {}, options);
  }

  /** `GET /models`: the models the AgentOS's agents and teams use. */
  getModels(options: RequestOptions = {}): Promise<Array<{ id: string; provider: string }>> {
    return this.getJson("/models", {}, options);
  }

  /** `GET /agents`. */
  listAgents(options: RequestOptions = {}): Promise<AgentResponse[]> {
    return this.getJson("/agents", {}, options);
  }

  /** `GET /agents/{id}`: the agent's configuration (404 when unknown). */
  getAgent(agentId: string, options: RequestOptions = {}): Promise<AgentResponse> {
    return this.getJson(`/agents/${seg(agentId)}`, {}, options);
  }

  /** `GET /teams`. */
  listTeams(options: RequestOptions = {}): Promise<TeamResponse[]> {
    return this.getJson("/teams", {}, options);
  }

  /** `GET /teams/{id}`. */
  getTeam(teamId: string, options: RequestOptions = {}): Promise<TeamResponse> {
    return this.getJson(`/teams/${seg(teamId)}`, {}, options);
  }

  /** `GET /workflows`. */
  listWorkflows(options: RequestOptions = {}): Promise<WorkflowSummary[]> {
    return this.getJson("/workflows", {}, options);
  }

  /** `GET /workflows/{id}`. */
  getWorkflow(
    workflowId: string,
    options: RequestOptions & { version?: number } = {},
  ): Promise<WorkflowResponse> {
    return this.getJson(`/workflows/${seg(workflowId)}`, { version: options.version }, options);
  }

  // Agents

  /**
   * `POST /agents/{id}/runs` without streaming: resolves to the run's output. Model errors are
   * not HTTP errors: the output has `status: "ERROR"`. With `background: true`, resolves to the
   * server's `{ run_id, session_id, status }` at once.
   */
  runAgent(
    agentId: string,
    message: unknown,
    options: RunCallOptions & { background: true },
  ): Promise<BackgroundRunResponse>;
  runAgent(agentId: string, message: unknown, options?: RunCallOptions): Promise<RemoteRunOutput>;
  runAgent(
    agentId: string,
    message: unknown,
    options: RunCallOptions = {},
  ): Promise<RemoteRunOutput | BackgroundRunResponse> {
    return this.runComponent("agents", agentId, message, options, RemoteRunOutput.fromDict);
  }

  /** `POST /agents/{id}/runs` streamed: the run's events as they happen. */
  runAgentStream(
    agentId: string,
    message: unknown,
    options: RunRequestOptions & { background?: boolean } = {},
  ): AgentRunStream {
    return this.openStream(
      `/agents/${seg(agentId)}/runs`,
      runForm(message, true, options, bg(options)),
      options,
      new RunOutputBuilder("agent", new RemoteRunOutput()),
    );
  }

  /** `POST /agents/{id}/runs/{run_id}/continue`: continues a paused run. */
  continueAgentRun(
    agentId: string,
    runId: string,
    options: ContinueAgentRunOptions = {},
  ): Promise<RemoteRunOutput> {
    const form = runForm(options.input ?? "", false, options, continueFields(options));
    form.delete("message");
    return this.postForm<Dict>(
      `/agents/${seg(agentId)}/runs/${seg(runId)}/continue`,
      form,
      options,
    ).then(RemoteRunOutput.fromDict);
  }

  /** Streamed `continueAgentRun`. */
  continueAgentRunStream(
    agentId: string,
    runId: string,
    options: ContinueAgentRunOptions = {},
  ): AgentRunStream {
    const form = runForm(options.input ?? "", true, options, continueFields(options));
    form.delete("message");
    return this.openStream(
      `/agents/${seg(agentId)}/runs/${seg(runId)}/continue`,
      form,
      options,
      new RunOutputBuilder("agent", new RemoteRunOutput()),
    );
  }

  /** `POST /agents/{id}/runs/{run_id}/cancel`. */
  async cancelAgentRun(
    agentId: string,
    runId: string,
    options: CancelRunOptions = {},
  ): Promise<void> {
    await this.cancelComponentRun("agents", agentId, runId, options);
  }

  /** `GET /agents/{id}/runs/{run_id}`: a stored run, in full. */
  async getAgentRun(
    agentId: string,
    runId: string,
    options: RunLookupOptions,
  ): Promise<RemoteRunOutput> {
    return RemoteRunOutput.fromDict(await this.getComponentRun("agents", agentId, runId, options));
  }

  /** `GET /agents/{id}/runs`: the agent's runs in a session. */
  listAgentRuns(agentId: string, options: RunLookupOptions): Promise<RunSchema[]> {
    return this.listComponentRuns("agents", agentId, options);
  }

  /** `POST /agents/{id}/runs/{run_id}/resume`: reconnects to a background streamed run. */
  resumeAgentRun(agentId: string, runId: string, options: ResumeRunOptions = {}): AgentRunStream {
    return this.openStream(
      `/agents/${seg(agentId)}/runs/${seg(runId)}/resume`,
      resumeForm(options),
      options,
      new RunOutputBuilder("agent", new RemoteRunOutput()),
    );
  }
}
