import { RunCancelledError } from "../errors.js";
import type { Message } from "../messages.js";
import type { Model, OutputSchemaSpec, ToolDefinition } from "../models/model.js";
import type { ComponentKind } from "../run/component-kind.js";
import type { RunEventName, RunOutputEvent } from "../run/events.js";
import type { RunContext } from "../run/run-context.js";
import type { RunOutput, RunRequirement } from "../run/run-output.js";
import { RunStatus } from "../run/status.js";
import type { AgentSession } from "../session/agent-session.js";
import type { Delegation } from "../team/delegation.js";
import type { Tool, ToolHook } from "../tools/tool.js";
import type { ToolExecution } from "../tools/tool-execution.js";
import { uuid } from "../utils/ids.js";
import type { Agent } from "./agent.js";
import type { AgentOptions } from "./options.js";
import type { OutputSchemaLike } from "./output-schema.js";

/** Everything one run needs, prepared by the Agent. */
export interface RunState {
  agent: Agent<any>;
  options: AgentOptions<any>;
  output: RunOutput;
  runContext: RunContext;
  model: Model;
  parserModel?: Model;
  outputModel?: Model;
  tools: Map<string, Tool>;
  toolDefinitions: ToolDefinition[];
  agentToolHooks?: ToolHook[];
  outputSchema?: { spec: OutputSchemaSpec; schema: OutputSchemaLike; parse: boolean };
  /** Builds the messages sent to the model (system, additional input, user). Called after pre-hooks. */
  buildMessages: () => Promise<Message[]>;
  signal: AbortSignal;
  stream: boolean;
  debug: boolean;
  /** `performance.now()` at the start of the run. */
  startedAt: number;
  toolCallCount: number;
  firstTokenAt?: number;
  /** The stored session this run belongs to (null without a db or for a new session). */
  session?: AgentSession | null;
  /** Agent or team: event names, id fields, session type. */
  kind: ComponentKind;
  /**
   * False for a run that is part of a parent's run (a team member's): it neither loads nor stores
   * a session of its own; the parent stores it in the parent's session.
   */
  storesOwnSession: boolean;
  /** A team run's delegations to its members. */
  delegation?: Delegation;
}

/** Reason text of a cancelled run. */
export function cancelReason(state: RunState): string {
  const reason = state.signal.reason;
  return typeof reason === "string" ? reason : `Run ${state.output.run_id} was cancelled`;
}

export function throwIfCancelled(state: RunState): void {
  if (state.signal.aborted)
    throw new RunCancelledError(state.output.run_id ?? "", cancelReason(state));
}

/** Builds an event with the run's base attributes, in the wire's key order. */
export function makeEvent<E extends RunOutputEvent>(
  state: RunState,
  event: E["event"],
  extra: Record<string, unknown> = {},
): E {
  const o = state.output as RunOutput & Record<string, unknown>;
  const kind = state.kind;
  const base: Record<string, unknown> = {
    created_at: Math.floor(Date.now() / 1000),
    event: kind.eventName(event as RunEventName),
    [kind.idKey]: (o[kind.idKey] as string | undefined) ?? "",
    [kind.nameKey]: (o[kind.nameKey] as string | undefined) ?? "",
    run_id: o.run_id,
    session_id: o.session_id,
  };
  if (o.parent_run_id) base.parent_run_id = o.parent_run_id;
  if (o.workflow_id) base.workflow_id = o.workflow_id;
  base.nested_depth = 0;
  // An agent's RunContent tells a workflow agent's apart: always false here (the reference's field).
  const fields =
    event === "RunContent" && kind.type === "agent"
      ? {
          ...("content" in extra ? { content: extra.content } : {}),
          workflow_agent: false,
          ...extra,
        }
      : extra;
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) base[k] = v;
  return base as E;
}

const PAUSED_CONTENT = {
  confirmation: "I have tools to execute, but I need confirmation.",
  user_input: "I have tools to execute, but I need user input.",
  external: "I have tools to execute, but it needs external execution.",
};

/**
 * The run's `RunPaused`: its tools, and a requirement (the reference's RunRequirement dict) for
 * each tool still waiting, also kept on the output.
 */
export function pausedEvent(state: RunState): RunOutputEvent {
  const output = state.output;
  output.requirements = requirementsOf(output.activeRequirements);
  return makeEvent(state, "RunPaused", {
    tools: output.tools,
    requirements: output.requirements,
    content: output.content,
  });
}

/** A requirement for each waiting tool, with its member's identity when a team member waits. */
function requirementsOf(tools: ToolExecution[]): RunRequirement[] {
  const created = new Date().toISOString();
  return tools.map((t) => {
    const member = t as ToolExecution & Partial<Record<MemberKey, string>>;
    return {
      id: uuid(),
      created_at: created,
      ...(member.member_agent_id ? { member_agent_id: member.member_agent_id } : {}),
      ...(member.member_agent_name ? { member_agent_name: member.member_agent_name } : {}),
      ...(member.member_run_id ? { member_run_id: member.member_run_id } : {}),
      execute_pre_hooks: true,
      tool_execution: t,
      ...(t.user_input_schema ? { user_input_schema: t.user_input_schema } : {}),
    };
  });
}

type MemberKey = "member_agent_id" | "member_agent_name" | "member_run_id";

/** Pauses the run on the tools it waits for (already on `output.tools`): `RunPaused` ends it. */
export async function* pauseRun(state: RunState): AsyncGenerator<RunOutputEvent, void> {
  const output = state.output;
  output.status = RunStatus.paused;
  output.content = pausedContent(output.activeRequirements);
  yield pausedEvent(state);
}

export function pausedContent(tools: ToolExecution[]): string {
  const kinds = new Set<keyof typeof PAUSED_CONTENT>();
  for (const t of tools) {
    if (t.requires_confirmation && t.confirmed === null) kinds.add("confirmation");
    if (t.requires_user_input && !t.answered) kinds.add("user_input");
    if (t.external_execution_required && t.result === null) kinds.add("external");
  }
  if (kinds.size === 1) return PAUSED_CONTENT[[...kinds][0] as keyof typeof PAUSED_CONTENT];
  const needs = [
    kinds.has("confirmation") ? "confirmation" : undefined,
    kinds.has("user_input") ? "user input" : undefined,
    kinds.has("external") ? "external execution" : undefined,
  ].filter(Boolean);
  return `I have tools to execute, but I need ${needs.join(" and ")}.`;
}
