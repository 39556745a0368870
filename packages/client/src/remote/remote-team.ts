import type { TeamRunStream } from "../client/base.js";
import type { RemoteTeamRunOutput } from "../run-output.js";
import type { RequestOptions } from "../transport.js";
import type { TeamResponse } from "../types.js";
import { type RemoteComponentOptions, RemoteMemberComponent } from "./remote-component.js";
import type { RemoteRunOptions } from "./run-options.js";

/** Options of `new RemoteTeam(...)`. */
export interface RemoteTeamOptions extends RemoteComponentOptions {
  /** Id of the team on the remote AgentOS. */
  teamId: string;
  /** Seconds a request may take. @default 300 */
  timeout?: number;
}

/** Options of `RemoteTeam.continueRun`. */
export interface RemoteTeamContinueRunOptions extends RequestOptions {
  runId: string;
  sessionId: string;
  /** The resolved requirements (RunRequirement dicts). */
  requirements?: Array<Record<string, unknown>>;
  userId?: string;
  factoryInput?: Record<string, unknown>;
}

/**
 * A team hosted on a remote AgentOS, with the interface of a local `Team`: `run()` (plain or
 * streamed) and `cancelRun()`. It can be a member of a local `Team`.
 *
 * @example
 * const team = new RemoteTeam({ baseUrl: "http://localhost:7777", teamId: "research-team" });
 * for await (const event of team.run("Research AI trends", { stream: true })) {
 *   if (event.event === "TeamRunContent") process.stdout.write(String(event.content ?? ""));
 * }
 */
export class RemoteTeam extends RemoteMemberComponent<TeamResponse> {
  protected readonly componentType = "team" as const;

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
    if (options.stream) return this.client.runTeamStream(this.id, input, wire);
    return this.client.runTeam(this.id, input, wire);
  }

  /** Continues a paused team run with its resolved requirements. */
  continueRun(options: RemoteTeamContinueRunOptions): Promise<RemoteTeamRunOutput> {
    const { runId, ...rest } = options;
    return this.client.continueTeamRun(this.id, runId, this.continueOptions(rest));
  }

  protected sendCancel(
    runId: string,
    options: RequestOptions & { sessionId?: string },
  ): Promise<void> {
    return this.client.cancelTeamRun(this.id, runId, options);
  }
}
