import type { ContinueRunOptions, RunOptions } from "../agent/options.js";
import type { RunState } from "../agent/run-loop.js";
import { ToolCallPaused } from "../errors.js";
import type { Audio, File, Image, Video } from "../media/media.js";
import { createMessage, type Message } from "../messages.js";
import { addMetrics, type Metrics } from "../metrics.js";
import type { RunOutputEvent } from "../run/events.js";
import { RunOutput } from "../run/run-output.js";
import { RunStatus } from "../run/status.js";
import { forwardEvent } from "../tools/execute.js";
import type { ToolContext } from "../tools/tool.js";
import { createToolExecution, isPaused, type ToolExecution } from "../tools/tool-execution.js";
import { AsyncQueue } from "../utils/async-queue.js";
import { safeStringify } from "../utils/json.js";
import type { Team, TeamMember, TeamRunOutput } from "./team.js";

/** Names of the leader's delegation tools. */
export const DELEGATE_ONE = "delegate_task_to_member";
export const DELEGATE_ALL = "delegate_task_to_members";

/**
 * One team run's delegations: what the members were given and what they answered. It lives on
 * the run's state (never on the team), and is rebuilt from the stored run when a paused run is
 * continued, so member outputs, metrics and stored member runs survive the pause.
 */
export interface Delegation {
  input: unknown;
  media: { images?: Image[]; audio?: Audio[]; videos?: Video[]; files?: File[] };
  /** Member outputs of this run, in the order they finished (paused ones included). */
  members: RunOutput<any>[];
  /** Run ids of member outputs whose metrics the team's output already counts. */
  counted: Set<string>;
  interactions: Array<{ member: string; task: string; response: string }>;
}

/**
 * The delegation of a run: new, or, for a continued run, seeded with the members of its earlier
 * part (from the paused output, else from its stored member runs).
 */
export function newDelegation(state: RunState, resume: RunOutput | undefined): Delegation {
  const input = state.output.input;
  const delegation: Delegation = {
    input: input?.input_content,
    media: {
      ...(input?.images ? { images: input.images } : {}),
      ...(input?.audio ? { audio: input.audio } : {}),
      ...(input?.videos ? { videos: input.videos } : {}),
      ...(input?.files ? { files: input.files } : {}),
    },
    members: [],
    counted: new Set(),
    interactions: [],
  };
  if (!resume) return delegation;
  const runId = resume.run_id;
  const earlier = asOutputs((resume as Partial<TeamRunOutput<any>>).member_responses);
  const stored = (state.session?.runs ?? []).filter((r) => r.parent_run_id === runId);
  for (const member of earlier.length > 0 ? earlier : stored) {
    delegation.members.push(member);
    if (member.run_id) delegation.counted.add(member.run_id);
  }
  return delegation;
}

function asOutputs(list: unknown): RunOutput<any>[] {
  if (!Array.isArray(list)) return [];
  return list.map((m) =>
    m instanceof RunOutput ? m : RunOutput.fromDict(m as Record<string, unknown>),
  );
}

/** Keeps a member's latest output (a continued member replaces its paused output). */
function record(delegation: Delegation, output: RunOutput<any>): void {
  const index = delegation.members.findIndex((m) => m.run_id === output.run_id);
  if (index >= 0) delegation.members[index] = output;
  else delegation.members.push(output);
}

/** The tools a paused member waits on, tagged with the member (the reference's requirement fields). */
function memberRequirements(member: TeamMember, output: RunOutput<any>): ToolExecution[] {
  return (output.tools ?? []).filter(isPaused).map((t) =>
    Object.assign(
      { ...t },
      {
        member_agent_id: member.id,
        ...(member.name ? { member_agent_name: member.name } : {}),
        member_run_id: output.run_id,
      },
    ),
  );
}

/** The id of the member that made a run (an agent's or a nested team's). */
function memberIdOf(run: RunOutput<any>): string {
  return String(run.agent_id ?? (run as Partial<TeamRunOutput<any>>).team_id ?? "");
}

function contentText(output: RunOutput<any> | undefined, fallback: unknown): string {
  const content = output ? output.content : fallback;
  return typeof content === "string" ? content : safeStringify(content ?? "");
}

/** Reads a member's stream to its end, passing its events on; resolves to its output. */
async function follow(
  team: Team<any>,
  stream: AsyncIterable<RunOutputEvent> & { readonly output?: Promise<RunOutput<any>> },
  emit: (event: RunOutputEvent) => void,
): Promise<{ output: RunOutput<any> | undefined; completed: Record<string, unknown> | undefined }> {
  let completed: Record<string, unknown> | undefined;
  for await (const event of stream) {
    if (team.options.streamMemberEvents !== false) emit(event);
    if (event.event === "RunCompleted" || event.event === "TeamRunCompleted")
      completed = event as unknown as Record<string, unknown>;
  }
  const output = stream.output ? await stream.output.catch(() => undefined) : undefined;
  return { output, completed };
}

/**
 * Runs members on a task in the team's session, forwarding their events; returns their answers
 * for the leader. A member that pauses (its tool waits for a person) pauses the team: the tool
 * call stays open, and the team's output lists the member's waiting tools.
 */
export async function* delegate(
  team: Team<any>,
  delegation: Delegation,
  members: TeamMember[],
  task: string,
  ctx: ToolContext,
): AsyncGenerator<unknown, string> {
  const queue = new AsyncQueue<unknown>();
  const answers = new Array<string>(members.length);
  const waiting: ToolExecution[] = [];
  const runs = Promise.all(
    members.map(async (member, i) => {
      const input = await memberInput(team, delegation, task, ctx);
      const options: RunOptions<any> & { stream: true } = {
        stream: true,
        streamEvents: true,
        parentRunId: ctx.runId,
        sessionId: ctx.sessionId,
        signal: ctx.signal,
        ...(ctx.userId ? { userId: ctx.userId } : {}),
        ...delegation.media,
      };
      const { output, completed } = await follow(team, member.run(input, options), (e) =>
        queue.push(forwardEvent(e)),
      );
      if (output) record(delegation, output);
      if (output?.status === RunStatus.paused) {
        waiting.push(...memberRequirements(member, output));
        return;
      }
      const text = contentText(output, completed?.content);
      answers[i] = text;
      delegation.interactions.push({ member: member.name ?? member.id, task, response: text });
    }),
  ).finally(() => queue.close());
  for await (const item of queue) yield item;
  await runs;
  if (waiting.length > 0) throw new ToolCallPaused(waiting);
  return joinAnswers(members, answers);
}

function joinAnswers(members: readonly TeamMember[], answers: readonly string[]): string {
  if (members.length === 1) return answers[0] ?? "";
  return members.map((m, i) => `${m.name ?? m.id}: ${answers[i] ?? ""}`).join("\n\n");
}

/** The member's input: the task, with team history and earlier interactions when asked. */
async function memberInput(
  team: Team<any>,
  delegation: Delegation,
  task: string,
  ctx: ToolContext,
): Promise<unknown> {
  const o = team.options;
  if (o.determineInputForMembers === false) return delegation.input ?? task;
  let text = task;
  if (o.addTeamHistoryToMembers && o.db) {
    const session = await team
      .getSession(ctx.sessionId, ctx.userId ? { userId: ctx.userId } : {})
      .catch(() => null);
    const history = session?.getChatHistory({ lastNRuns: o.numTeamHistoryRuns ?? 3 }) ?? [];
    if (history.length > 0) {
      text += `\n\n<team_history_context>\n${history.map((m) => `${m.role}: ${m.content}`).join("\n")}\n</team_history_context>`;
    }
  }
  if (o.shareMemberInteractions && delegation.interactions.length > 0) {
    const shared = delegation.interactions
      .map((i) => `Member: ${i.member}\nTask: ${i.task}\nResponse: ${i.response}`)
      .join("\n\n");
    text += `\n\n<member_interaction_context>\n${shared}\n</member_interaction_context>`;
  }
  return text;
}

/** The leader's delegation calls of its last turn that no tool message answers yet. */
function openDelegations(messages: readonly Message[]): Array<{
  id: string;
  name: string;
  args: Record<string, unknown>;
}> {
  const answered = new Set(messages.filter((m) => m.role === "tool").map((m) => m.tool_call_id));
  const last = [...messages].reverse().find((m) => m.role === "assistant" && m.tool_calls?.length);
  return (last?.tool_calls ?? [])
    .filter((c) => !answered.has(c.id))
    .filter((c) => c.function.name === DELEGATE_ONE || c.function.name === DELEGATE_ALL)
    .map((c) => {
      let args: Record<string, unknown> = {};
      try {
        args = JSON.parse(c.function.arguments || "{}") as Record<string, unknown>;
      } catch {
        // answered below as an empty task
      }
      return { id: c.id, name: c.function.name, args };
    });
}

/**
 * Continues the members a paused team run waits on: each paused member run is continued with the
 * answers to its tools (from `updated`), its events forwarded; when every member of an open
 * delegation has answered, the delegation call is answered for the leader. Returns the updates
 * left for the leader's own paused tools, or `undefined` when a member paused again (the team
 * stays paused).
 */
export async function* resumeMembers(
  team: Team<any>,
  delegation: Delegation,
  state: RunState,
  updated: ToolExecution[],
  options: ContinueRunOptions,
): AsyncGenerator<RunOutputEvent, ToolExecution[] | undefined> {
  const output = state.output;
  const byCall = new Map(updated.map((t) => [t.tool_call_id, t]));
  const paused = delegation.members.filter((m) => m.status === RunStatus.paused);
  if (paused.length === 0) return updated;
  const waitingIds = new Set(
    paused.flatMap((m) => (m.tools ?? []).filter(isPaused).map((t) => t.tool_call_id)),
  );
  const queue = new AsyncQueue<RunOutputEvent>();
  const stillWaiting: ToolExecution[] = [];
  const work = Promise.all(
    paused.map(async (run) => {
      const member = team.findMember(memberIdOf(run));
      if (!member?.continueRun) return;
      const answers = (run.tools ?? []).map((t) => ({
        ...t,
        ...(byCall.get(t.tool_call_id) ?? {}),
      }));
      const stream = member.continueRun({
        runOutput: run,
        updatedTools: answers,
        stream: true,
        streamEvents: true,
        sessionId: state.runContext.sessionId,
        ...(options.userId !== undefined ? { userId: options.userId } : {}),
        signal: state.signal,
      });
      const { output: next } = await follow(team, stream, (e) => queue.push(e));
      if (!next) return;
      record(delegation, next);
      if (next.status === RunStatus.paused) stillWaiting.push(...memberRequirements(member, next));
    }),
  ).finally(() => queue.close());
  for await (const event of queue) yield event;
  await work;
  // The member tools are answered (or waiting again): they are no longer the leader's to run.
  output.tools = (output.tools ?? []).filter((t) => !waitingIds.has(t.tool_call_id));
  if (stillWaiting.length > 0) {
    output.tools = [...output.tools, ...stillWaiting];
    return undefined;
  }
  const messages = [...(output.messages ?? [])];
  for (const call of openDelegations(messages)) {
    const named =
      call.name === DELEGATE_ALL
        ? [...team.members]
        : [team.findMember(String(call.args.member_id ?? ""))].filter(
            (m): m is TeamMember => m !== undefined,
          );
    const answers = named.map((m) => {
      const latest = [...delegation.members].reverse().find((r) => memberIdOf(r) === m.id);
      return contentText(latest, "");
    });
    const result = joinAnswers(named, answers);
    const execution = createToolExecution({
      tool_call_id: call.id,
      tool_name: call.name,
      tool_args: call.args,
      result,
    });
    output.tools = [...output.tools, execution];
    messages.push(
      createMessage({
        role: "tool",
        content: result,
        tool_call_id: call.id,
        tool_name: call.name,
        tool_args: call.args,
      }),
    );
  }
  output.messages = messages;
  return updated.filter((t) => !waitingIds.has(t.tool_call_id));
}

/**
 * At the end of a team run (completed, paused, cancelled or failed): the members' metrics added
 * to the team's, `member_responses` set (paused members always, to continue them), and the
 * member runs stored in the team's session, tagged with `parent_run_id`.
 */
export async function settleDelegation(
  team: Team<any>,
  delegation: Delegation,
  state: RunState,
  storesOwnSession: boolean,
): Promise<void> {
  const output = state.output as TeamRunOutput<any>;
  let metrics: Metrics = output.metrics ?? {};
  for (const member of delegation.members) {
    if (!member.run_id || delegation.counted.has(member.run_id)) continue;
    delegation.counted.add(member.run_id);
    const { duration: _d, time_to_first_token: _t, ...tokens } = member.metrics ?? {};
    metrics = addMetrics(metrics, tokens);
  }
  output.metrics = metrics;
  const keepAll = team.options.storeMemberResponses || output.status === RunStatus.paused;
  output.member_responses = keepAll
    ? [...delegation.members]
    : delegation.members.filter((m) => m.status === RunStatus.paused);
  const db = team.options.db;
  if (!db || !output.session_id || !storesOwnSession) return;
  for (const member of delegation.members) {
    await db.upsertSessionRun(
      {
        session_id: output.session_id,
        session_type: "team",
        team_id: team.id,
        ...(output.user_id !== undefined ? { user_id: output.user_id } : {}),
      },
      { ...member.toDict(), parent_run_id: output.run_id },
    );
  }
}
