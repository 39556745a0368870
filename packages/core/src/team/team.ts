import { Agent } from "../agent/agent.js";
import type {
  AgentOptions,
  ContinueRunOptions,
  OutputSchema,
  RunOptions,
} from "../agent/options.js";
import { pauseRun, type RunState } from "../agent/run-loop.js";
import { ConfigurationError } from "../errors.js";
import { type ComponentKind, TEAM_KIND } from "../run/component-kind.js";
import type { RunOutputEvent } from "../run/events.js";
import type { RunOutput, RunOutputInit } from "../run/run-output.js";
import { TeamRunOutput } from "../run/team-run-output.js";
import { type Tool, type ToolContext, tool } from "../tools/tool.js";
import type { ToolExecution } from "../tools/tool-execution.js";
import {
  DELEGATE_ALL,
  DELEGATE_ONE,
  type Delegation,
  delegate,
  newDelegation,
  resumeMembers,
  settleDelegation,
} from "./delegation.js";

/**
 * What a team needs of a member: an id, a name and role for the leader, and a `run` that streams
 * events. `Agent`, `Team` and remote components satisfy it.
 */
export interface TeamMember {
  readonly id: string;
  readonly name?: string | undefined;
  readonly role?: string | undefined;
  readonly description?: string | undefined;
  run(
    input: any,
    options: RunOptions<any> & { stream: true },
  ): AsyncIterable<RunOutputEvent> & {
    readonly output?: Promise<RunOutput<any>>;
  };
  /** Continues the member's paused run (a member that pauses pauses its team). */
  continueRun?(
    options: ContinueRunOptions & { stream: true },
  ): AsyncIterable<RunOutputEvent> & { readonly output?: Promise<RunOutput<any>> };
  /** The member's tools, listed to the leader when `addMemberToolsToContext` is set. */
  resolvedTools?(): { tools: Array<{ name: string; description?: string | undefined }> };
}

/** Options of `new Team(...)`: the agent options a team shares, plus how it coordinates. */
export interface TeamOptions<TOutput extends OutputSchema | undefined = undefined>
  extends AgentOptions<TOutput> {
  /** Agents or teams (nested) that make up the team. */
  members: TeamMember[];
  /** Return the members' answers as the team's, without the leader rewriting them. @default false */
  respondDirectly?: boolean;
  /** Let the leader write each member's task; false sends the run input as is. @default true */
  determineInputForMembers?: boolean;
  /** Send every task to all members at once. @default false */
  delegateToAllMembers?: boolean;
  /** Show each delegated member the earlier member interactions of this run. @default false */
  shareMemberInteractions?: boolean;
  /** Send the team's recent history to members. @default false */
  addTeamHistoryToMembers?: boolean;
  /** Runs of team history sent to members. @default 3 */
  numTeamHistoryRuns?: number;
  /** Give the leader a tool that describes the members. @default false */
  getMemberInformationTool?: boolean;
  /** List each member's tools in the leader's context. @default false */
  addMemberToolsToContext?: boolean;
  /** Forward the members' own events into the team's stream. @default true */
  streamMemberEvents?: boolean;
  /** Keep the members' outputs on `member_responses`. @default false */
  storeMemberResponses?: boolean;
  /** Print members' responses in printResponse. @default false */
  showMembersResponses?: boolean;
  /** @deprecated use readChatHistory. @default false */
  readTeamHistory?: boolean;
}

export { TeamRunOutput } from "../run/team-run-output.js";

/**
 * A team of agents (or teams) led by a model that delegates through tools: to one member, or to
 * all at once with `delegateToAllMembers`. Teams run, stream, pause, cancel, persist and remember
 * like agents; their events are named `Team*` and carry `team_id`.
 *
 * @example
 * const team = new Team({ name: "Research Team", model, members: [searcher, writer] });
 * const output = await team.run("Write a brief on solid-state batteries");
 */
export class Team<TOutput extends OutputSchema | undefined = undefined> extends Agent<TOutput> {
  readonly members: TeamMember[];
  declare readonly options: TeamOptions<TOutput>;

  constructor(options: TeamOptions<TOutput>) {
    if (!Array.isArray(options?.members)) {
      throw new ConfigurationError(
        `Team "${options?.name ?? "unnamed"}" needs members: pass { members: [agentA, agentB] }.`,
      );
    }
    super(options);
    this.members = options.members;
  }

  protected override get runKind(): ComponentKind {
    return TEAM_KIND;
  }

  protected override createOutput(init: RunOutputInit<any>): RunOutput<any> {
    return new TeamRunOutput<any>({
      ...init,
      team_id: this.id,
      ...(this.name !== undefined ? { team_name: this.name } : {}),
    });
  }

  /** The member a delegation names: by id, name, or name in url form. */
  findMember(ref: string): TeamMember | undefined {
    const wanted = ref.trim().toLowerCase();
    const slug = (s: string) => s.toLowerCase().replace(/[\s_]+/g, "-");
    return this.members.find(
      (m) =>
        m.id.toLowerCase() === wanted ||
        (m.name !== undefined &&
          (m.name.toLowerCase() === wanted || slug(m.name) === slug(wanted))),
    );
  }

  protected override builtinTools(): Tool[] {
    return this.delegationTools(undefined);
  }

  /**
   * The leader's tools. A run gets its own copies, bound to its delegation; the shared ones only
   * describe the tools (discovery, `/config`).
   */
  private delegationTools(delegation: Delegation | undefined): Tool[] {
    const o = this.options;
    const run = (members: TeamMember[], task: string, ctx: ToolContext) => {
      if (!delegation) {
        throw new ConfigurationError(
          `Team "${this.name ?? this.id}": delegation tools run inside a team run.`,
        );
      }
      return delegate(this, delegation, members, task, ctx);
    };
    const tools: Tool[] = [];
    const flags = o.respondDirectly ? { stopAfterToolCall: true, showResult: true } : {};
    if (o.delegateToAllMembers) {
      tools.push(
        tool({
          name: DELEGATE_ALL,
          description:
            "Send a task to every member of the team at once; returns each member's answer.",
          inputSchema: {
            type: "object",
            properties: {
              task: {
                type: "string",
                description: "The task, with everything the members need to know.",
              },
            },
            required: ["task"],
          },
          ...flags,
          execute: (args: Record<string, any>, ctx) =>
            run(this.members, String(args.task ?? ""), ctx),
        }),
      );
    } else {
      tools.push(
        tool({
          name: DELEGATE_ONE,
          description:
            "Give a task to one member of the team and get its answer. Use the member's ID from <team_members>.",
          inputSchema: {
            type: "object",
            properties: {
              member_id: {
                type: "string",
                description: "ID of the member to delegate to.",
                enum: this.members.map((m) => m.id),
              },
              task: {
                type: "string",
                description: "The task, with everything the member needs to know.",
              },
            },
            required: ["member_id", "task"],
          },
          ...flags,
          execute: (args: Record<string, any>, ctx) => {
            const member = this.findMember(String(args.member_id ?? ""));
            if (!member) {
              return `Member "${args.member_id}" is not in the team. Members: ${this.members.map((m) => `${m.id} (${m.name ?? "unnamed"})`).join(", ")}.`;
            }
            return run([member], String(args.task ?? ""), ctx);
          },
        }),
      );
    }
    if (o.getMemberInformationTool) {
      tools.push(
        tool({
          name: "get_member_information",
          description: "Describe the members of the team: ids, names, roles and tools.",
          execute: () => JSON.stringify(this.members.map((m) => memberInfo(m, true))),
        }),
      );
    }
    return tools;
  }

  protected override async systemPreamble(_state: RunState): Promise<string> {
    const o = this.options;
    const members = this.members
      .map((m, i) => {
        const info = memberInfo(m, o.addMemberToolsToContext ?? false);
        const lines = [` - Member ${i + 1}:`, `   - ID: ${info.id}`];
        if (info.name) lines.push(`   - Name: ${info.name}`);
        if (info.role) lines.push(`   - Role: ${info.role}`);
        if (info.description) lines.push(`   - Description: ${info.description}`);
        if (info.tools?.length)
          lines.push(`   - Tools: ${info.tools.map((t) => t.name).join(", ")}`);
        return lines.join("\n");
      })
      .join("\n");
    const how = o.delegateToAllMembers
      ? "Send tasks to all members at once with the delegate_task_to_members tool."
      : "Choose the member best suited to each part of the request and delegate with the delegate_task_to_member tool. Delegate to several members when the request has several parts.";
    const answer = o.respondDirectly
      ? "The members' answers go to the user as they are: do not answer yourself."
      : "Then answer the user from the members' responses.";
    return `You lead a team of AI agents. Coordinate them to complete the user's request.\n\n<team_members>\n${members}\n</team_members>\n\n<how_to_respond>\n${how}\n${answer}\n</how_to_respond>`;
  }

  protected override initRun(state: RunState, resume: RunOutput<any> | undefined): void {
    const delegation = newDelegation(state, resume);
    state.delegation = delegation;
    for (const t of this.delegationTools(delegation)) state.tools.set(t.name, t);
  }

  protected override async *continueBody(
    state: RunState,
    updated: ToolExecution[],
    options: ContinueRunOptions,
  ): AsyncGenerator<RunOutputEvent, void> {
    const delegation = state.delegation;
    const rest = delegation
      ? yield* resumeMembers(this, delegation, state, updated, options)
      : updated;
    if (rest === undefined) {
      // A member paused again: so does the team, with the member's waiting tools.
      yield* pauseRun(state);
      return;
    }
    yield* super.continueBody(state, rest, options);
  }

  protected override completedExtras(output: RunOutput<any>): Record<string, unknown> {
    const members = (output as TeamRunOutput<any>).member_responses ?? [];
    return { member_responses: members.map((m) => m.toDict()) };
  }

  protected override async finishRun(state: RunState): Promise<void> {
    if (state.delegation) {
      await settleDelegation(this, state.delegation, state, state.storesOwnSession);
    }
  }

  /** `{ id, name, description, role, model, members }` for discovery endpoints. */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), members: this.members.map((m) => memberInfo(m, false)) };
  }
}

function memberInfo(
  member: TeamMember,
  withTools: boolean,
): {
  id: string;
  name?: string;
  role?: string;
  description?: string;
  tools?: Array<{ name: string; description?: string }>;
} {
  const info: ReturnType<typeof memberInfo> = { id: member.id };
  if (member.name) info.name = member.name;
  if (member.role) info.role = member.role;
  if (member.description) info.description = member.description;
  if (withTools && member.resolvedTools) {
    info.tools = member.resolvedTools().tools.map((t) => ({
      name: t.name,
      ...(t.description ? { description: t.description } : {}),
    }));
  }
  return info;
}
