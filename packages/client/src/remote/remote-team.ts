import { TEAM_RUNS, type TeamRunStream } from "../client/runs.js";
import type { ContinueTeamRunOptions, ResumeRunOptions } from "../client-options.js";
import type { RemoteTeamRunOutput } from "../run-output.js";
import type { RequestOptions } from "../transport.js";
import type { TeamResponse } from "../wire/responses.js";
import type { RemoteComponentOptions } from "./remote-component.js";
import { RemoteMemberComponent } from "./remote-member.js";
import type { RemoteRunOptions } from "./run-options.js";

/** Options of `new RemoteTeam(...)`. */
export interface RemoteTeamOptions extends RemoteComponentOptions {
  /** Id of the team on the remote AgentOS. */
  teamId: string;
  /** Seconds a request may take. @default 300 */
  timeout?: number;
}

/** Options of `RemoteTeam.continueRun`: a paused run, and its answers. */
export interface RemoteTeamContinueRunOptions extends RequestOptions {
  /** The paused run's output (its `tools` answered), from `run()` or the stream's `output`. */
  runOutput?: { run_id?: string; session_id?: string; tools?: unknown[] };
  /** The paused run's id. @default runOutput.run_id */
  runId?: string;
  /** The session of the paused run. @default runOutput.session_id */
  sessionId?: string;
  /** The resolved requirements (RunRequirement dicts). @default one per answered tool */
  requirements?: Array<Record<string, unknown>>;
  /** The paused tools with their answers (complete ToolExecution objects). @default runOutput.tools */
  updatedTools?: unknown[];
  stream?: boolean;
  streamEvents?: boolean;
  userId?: string;
  factoryInput?: Record<string, unknown>;
}

/**
 * A team hosted on a remote AgentOS, with the interface of a local `Team`: a component of
 * `@agno/core`'s contract (`run()` plain or streamed, `continueRun()`, `cancelRun()`, the session
 * methods). It can be a member of a local `Team`.
 *
 * @example
 * const team = new RemoteTeam({ baseUrl: "http://localhost:7777", teamId: "research-team" });
 * for await (const event of team.run("Research AI trends", { stream: true })) {
 *   if (event.event === "TeamRunContent") process.stdout.write(String(event.content ?? ""));
 * }
 */
export class RemoteTeam extends RemoteMemberComponent<TeamResponse, RemoteTeamRunOutput> {
  readonly kind = "team" as const;
  protected readonly runKind = TEAM_RUNS;

  constructor(options: RemoteTeamOptions) {
    super(options.teamId, options, 300);
  }

  /** The team's members, from the remote configuration. */
  get members(): TeamResponse["members"] {
    return this.cachedConfig?.members;
  }

  /** The team's configuration, always fetched fresh (and cached). */
  getTeamConfig(options: RequestOptions = {}): Promise<TeamResponse> {
    return this.refreshConfig(options);
  }

  protected fetchConfig(options: RequestOptions): Promise<TeamResponse> {
    return this.client.getTeam(this.id, options);
  }

  /**
   * Runs the remote team. Resolves to its output; with `{ stream: true }` returns the stream of
   * its events (the team's `Team*` events and its members' events).
   */
  run(input: unknown, options: RemoteRunOptions & { stream: true }): TeamRunStream;
  run(
    input: unknown,
    options?: RemoteRunOptions & { stream?: false },
  ): Promise<RemoteTeamRunOutput>;
  run(input: unknown, options?: RemoteRunOptions): TeamRunStream | Promise<RemoteTeamRunOutput>;
  run(
    input: unknown,
    options: RemoteRunOptions = {},
  ): TeamRunStream | Promise<RemoteTeamRunOutput> {
    const wire = this.runOptions(options);
    if (options.stream)
      return this.track(this.client.runTeamStream(this.id, input, wire), wire.sessionId);
    return this.track(this.client.runTeam(this.id, input, wire), wire.sessionId);
  }

  /**
   * Continues a paused team run with its resolved requirements (or its answered tools, sent as
   * requirements). Resolves to the output; with `{ stream: true }` returns the stream.
   */
  continueRun(options: RemoteTeamContinueRunOptions & { stream: true }): TeamRunStream;
  continueRun(
    options: RemoteTeamContinueRunOptions & { stream?: false },
  ): Promise<RemoteTeamRunOutput>;
  continueRun(options: RemoteTeamContinueRunOptions): TeamRunStream | Promise<RemoteTeamRunOutput>;
  continueRun(options: RemoteTeamContinueRunOptions): TeamRunStream | Promise<RemoteTeamRunOutput> {
    const {
      runOutput,
      runId = runOutput?.run_id,
      updatedTools,
      requirements,
      stream,
      ...rest
    } = options;
    if (!runId) throw new TypeError("continueRun needs { runOutput } or { runId }.");
    const sessionId = rest.sessionId ?? runOutput?.session_id;
    const tools = updatedTools ?? runOutput?.tools;
    const answers = requirements ?? tools?.map((tool) => ({ tool_execution: tool }));
    const wire = this.continueOptions<ContinueTeamRunOptions>({
      ...rest,
      ...(sessionId !== undefined ? { sessionId } : {}),
      ...(answers !== undefined ? { requirements: answers } : {}),
    });
    if (stream) return this.client.continueTeamRunStream(this.id, runId, wire);
    return this.client.continueTeamRun(this.id, runId, wire);
  }

  /**
   * `POST .../runs/{run_id}/resume`: the run's events after `lastEventIndex` (all of them when
   * absent), live while the run goes on; reconnects by itself unless `reconnect: false`.
   */
  resumeRun(runId: string, options: ResumeRunOptions = {}): TeamRunStream {
    const wire = this.requestOptions(options);
    return this.track(this.client.resumeTeamRun(this.id, runId, wire), options.sessionId);
  }

  protected sendCancel(
    runId: string,
    options: RequestOptions & { sessionId?: string },
  ): Promise<void> {
    return this.client.cancelTeamRun(this.id, runId, options);
  }
}
