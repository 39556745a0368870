import { AGENT_RUNS, type AgentRunStream } from "../client/runs.js";
import type { ContinueAgentRunOptions, ResumeRunOptions } from "../client-options.js";
import type { RemoteRunOutput } from "../run-output.js";
import type { RequestOptions } from "../transport.js";
import type { AgentResponse } from "../wire/responses.js";
import type { RemoteComponentOptions } from "./remote-component.js";
import { RemoteMemberComponent } from "./remote-member.js";
import type { RemoteRunOptions } from "./run-options.js";

/** Options of `new RemoteAgent(...)`. */
export interface RemoteAgentOptions extends RemoteComponentOptions {
  /** Id of the agent on the remote AgentOS. */
  agentId: string;
  /** Seconds a request may take. @default 60 */
  timeout?: number;
}

/** Options of `RemoteAgent.continueRun`. */
export interface RemoteContinueRunOptions extends RequestOptions {
  /** The paused run's output (its `tools` answered), from `run()` or the stream's `output`. */
  runOutput?: { run_id?: string; session_id?: string; tools?: unknown[] };
  /** The paused run's id (with `updatedTools` and `sessionId`). */
  runId?: string;
  /** The paused tools with their answers (complete ToolExecution objects). @default runOutput.tools */
  updatedTools?: unknown[];
  stream?: boolean;
  streamEvents?: boolean;
  userId?: string;
  /** @default runOutput.session_id */
  sessionId?: string;
  factoryInput?: Record<string, unknown>;
}

/**
 * An agent hosted on a remote AgentOS, with the interface of a local `Agent`: a component of
 * `@agno/core`'s contract (`run()` plain or streamed, `continueRun()`, `cancelRun()`, the session
 * methods). It can be a member of a local `Team` and the agent of a workflow `Step`.
 *
 * @example
 * const agent = new RemoteAgent({ baseUrl: "http://localhost:7777", agentId: "assistant" });
 * const output = await agent.run("What is the capital of France?");
 * console.log(output.content);
 */
export class RemoteAgent extends RemoteMemberComponent<AgentResponse, RemoteRunOutput> {
  readonly kind = "agent" as const;
  protected readonly runKind = AGENT_RUNS;

  constructor(options: RemoteAgentOptions) {
    super(options.agentId, options, 60);
  }

  /** The agent's configuration, always fetched fresh (and cached). */
  getAgentConfig(options: RequestOptions = {}): Promise<AgentResponse> {
    return this.refreshConfig(options);
  }

  protected fetchConfig(options: RequestOptions): Promise<AgentResponse> {
    return this.client.getAgent(this.id, options);
  }

  /**
   * Runs the remote agent. Resolves to its output; with `{ stream: true }` returns the stream
   * of its events (with `runId` once known and `output`).
   */
  run(input: unknown, options: RemoteRunOptions & { stream: true }): AgentRunStream;
  run(input: unknown, options?: RemoteRunOptions & { stream?: false }): Promise<RemoteRunOutput>;
  run(input: unknown, options?: RemoteRunOptions): AgentRunStream | Promise<RemoteRunOutput>;
  run(input: unknown, options: RemoteRunOptions = {}): AgentRunStream | Promise<RemoteRunOutput> {
    const wire = this.runOptions(options);
    if (options.stream)
      return this.track(this.client.runAgentStream(this.id, input, wire), wire.sessionId);
    return this.track(this.client.runAgent(this.id, input, wire), wire.sessionId);
  }

  /** Continues a paused run with its answered tools. */
  continueRun(options: RemoteContinueRunOptions & { stream: true }): AgentRunStream;
  continueRun(options: RemoteContinueRunOptions & { stream?: false }): Promise<RemoteRunOutput>;
  continueRun(options: RemoteContinueRunOptions): AgentRunStream | Promise<RemoteRunOutput> {
    const runId = options.runOutput?.run_id ?? options.runId;
    if (!runId) throw new TypeError("continueRun needs { runOutput } or { runId }.");
    const sessionId = options.sessionId ?? options.runOutput?.session_id;
    const tools = (options.updatedTools ?? options.runOutput?.tools ?? []) as Array<
      Record<string, unknown>
    >;
    const wire = this.continueOptions<ContinueAgentRunOptions>({
      ...stripped(options),
      tools,
      ...(sessionId !== undefined ? { sessionId } : {}),
    });
    if (options.stream) return this.client.continueAgentRunStream(this.id, runId, wire);
    return this.client.continueAgentRun(this.id, runId, wire);
  }

  /**
   * `POST .../runs/{run_id}/resume`: the run's events after `lastEventIndex` (all of them when
   * absent), live while the run goes on; reconnects by itself unless `reconnect: false`.
   */
  resumeRun(runId: string, options: ResumeRunOptions = {}): AgentRunStream {
    const wire = this.requestOptions(options);
    return this.track(this.client.resumeAgentRun(this.id, runId, wire), options.sessionId);
  }

  protected sendCancel(
    runId: string,
    options: RequestOptions & { sessionId?: string },
  ): Promise<void> {
    return this.client.cancelAgentRun(this.id, runId, options);
  }
}

function stripped(options: RemoteContinueRunOptions): Record<string, unknown> {
  const { runOutput: _o, runId: _r, updatedTools: _u, stream: _s, ...rest } = options;
  return rest;
}
