import {
  type Agent,
  type AgentOptions,
  type BaseDb,
  type Model,
  parseModelString,
  type Team,
  type TeamOptions,
  type Workflow,
} from "@agno/core";
import { type ComponentFactory, type Entry, localKind } from "../registry.js";
import { compact, schemaToJson, section } from "./json.js";

/** `{name, model, provider}` of a model or model string (AgentResponse's `model`). */
export function modelInfo(
  model: Model | string | undefined,
): { name: string; model: string; provider: string } | undefined {
  if (!model) return undefined;
  if (typeof model === "string") {
    try {
      const { provider, modelId } = parseModelString(model);
      return { name: model, model: modelId, provider };
    } catch {
      return { name: model, model, provider: "" };
    }
  }
  return { name: model.name, model: model.id, provider: model.provider };
}

/** `{id, provider}` of a model (summaries and `/models`). */
export function modelRef(
  model: Model | string | undefined,
): { id: string; provider: string } | undefined {
  const info = modelInfo(model);
  return info ? { id: info.model, provider: info.provider } : undefined;
}

function toolsSection(agent: Agent<any>): Record<string, unknown> | undefined {
  let tools: Array<Record<string, unknown>> = [];
  try {
    tools = agent.resolvedTools().tools.map((t) => {
      const d = t.definition;
      return compact({ name: d.name, description: d.description, parameters: d.parameters });
    });
  } catch {
    tools = [];
  }
  const o = agent.options;
  return section({
    tools: tools.length > 0 ? tools : undefined,
    tool_call_limit: o.toolCallLimit,
    tool_choice: o.toolChoice,
  });
}

function dbTable(db: BaseDb | undefined, table: "sessions" | "memories"): string | undefined {
  return db?.tables?.[table];
}

function instructionsOf(o: AgentOptions<any>): string | string[] | undefined {
  return typeof o.instructions === "string" || Array.isArray(o.instructions)
    ? o.instructions
    : undefined;
}

function commonAgentFields(agent: Agent<any>): Record<string, unknown> {
  const o = agent.options;
  return {
    id: agent.id,
    name: agent.name,
    db_id: o.db?.id,
    description: agent.description,
    role: agent.role,
    is_factory: false,
    model: modelInfo(agent.model),
    tools: toolsSection(agent),
    sessions: section({
      session_table: o.db ? dbTable(o.db, "sessions") : undefined,
      add_history_to_context: o.addHistoryToContext || undefined,
      num_history_runs: o.numHistoryRuns,
      num_history_messages: o.numHistoryMessages,
      enable_session_summaries: o.enableSessionSummaries || undefined,
      cache_session: o.cacheSession || undefined,
    }),
    memory: section({
      enable_agentic_memory: o.enableAgenticMemory || undefined,
      enable_user_memories: o.enableUserMemories || undefined,
      add_memories_to_context: o.addMemoriesToContext,
      memory_table:
        o.enableAgenticMemory || o.enableUserMemories ? dbTable(o.db, "memories") : undefined,
    }),
    reasoning: section({
      reasoning: o.reasoning || undefined,
      reasoning_min_steps: o.reasoning ? o.reasoningMinSteps : undefined,
      reasoning_max_steps: o.reasoning ? o.reasoningMaxSteps : undefined,
    }),
    system_message: section({
      description: o.description,
      instructions: instructionsOf(o),
      expected_output: o.expectedOutput,
      additional_context: o.additionalContext,
      markdown: o.markdown || undefined,
      add_name_to_context: o.addNameToContext || undefined,
      add_datetime_to_context: o.addDatetimeToContext || undefined,
      timezone_identifier: o.timezoneIdentifier,
    }),
    introduction: o.introduction,
    streaming: section({ stream: o.stream, stream_events: o.streamEvents }),
    metadata: o.metadata,
    input_schema: o.inputSchema ? schemaToJson(o.inputSchema) : undefined,
  };
}

/** AgentResponse of `GET /agents` and `GET /agents/{id}` (set values only). */
export function agentResponse(agent: Agent<any>): Record<string, unknown> {
  return compact({ ...commonAgentFields(agent), is_component: false });
}

/** The team's coordination mode, in the reference's words. */
export function teamMode(team: Team<any>): string {
  const o = team.options as TeamOptions<any>;
  if (o.respondDirectly) return "route";
  if (o.delegateToAllMembers) return "collaborate";
  return "coordinate";
}

/** TeamResponse: the agent fields, `mode` and the nested `members`. */
export function teamResponse(team: Team<any>): Record<string, unknown> {
  const members = team.members.map((m) => {
    const kind = localKind(m);
    if (kind === "team") return teamResponse(m as Team<any>);
    if (kind === "agent") return agentResponse(m as Agent<any>);
    return compact({ id: m.id, name: m.name, role: m.role, description: m.description });
  });
  return compact({
    ...commonAgentFields(team),
    mode: teamMode(team),
    members,
    is_component: false,
  });
}

/** WorkflowResponse of `GET /workflows/{id}`. */
export function workflowResponse(workflow: Workflow): Record<string, unknown> {
  const o = workflow.options;
  return compact({
    id: workflow.id,
    name: workflow.name,
    db_id: o.db?.id,
    description: workflow.description,
    input_schema: o.inputSchema ? schemaToJson(o.inputSchema) : undefined,
    steps: workflow.workflowData().steps,
    metadata: o.metadata,
    is_factory: false,
    is_component: false,
  });
}

/** The factory's input JSON Schema, or undefined without an input schema. */
export function factoryInputSchema(factory: ComponentFactory<unknown>): unknown {
  return factory.inputSchema ? schemaToJson(factory.inputSchema) : undefined;
}

/** Detail and list entry of a factory: its metadata, never invoking it. */
export function factoryResponse(factory: ComponentFactory<unknown>): Record<string, unknown> {
  const schema = factoryInputSchema(factory);
  return compact({
    id: factory.id,
    name: factory.name,
    description: factory.description,
    db_id: factory.db?.id,
    is_factory: true,
    input_schema: schema,
    factory_input_schema: schema,
    is_component: false,
  });
}

/** `GET /agents` / `GET /agents/{id}` entry for any registered agent. */
export function agentEntryResponse(entry: Entry<Agent<any>>): Record<string, unknown> {
  return entry.factory ? factoryResponse(entry.factory) : agentResponse(entry.component);
}

export function teamEntryResponse(entry: Entry<Team<any>>): Record<string, unknown> {
  return entry.factory ? factoryResponse(entry.factory) : teamResponse(entry.component);
}

export function workflowEntryResponse(entry: Entry<Workflow>): Record<string, unknown> {
  return entry.factory ? factoryResponse(entry.factory) : workflowResponse(entry.component);
}

/** WorkflowSummary (`GET /workflows`, `/config`). */
export function workflowSummary(entry: Entry<Workflow>): Record<string, unknown> {
  if (entry.factory) {
    return compact({
      id: entry.id,
      name: entry.factory.name,
      description: entry.factory.description,
      db_id: entry.factory.db?.id,
      is_factory: true,
      factory_input_schema: factoryInputSchema(entry.factory),
      is_component: false,
    });
  }
  const w = entry.component;
  return compact({
    id: w.id,
    name: w.name,
    description: w.description,
    db_id: w.options.db?.id,
    is_factory: false,
    is_component: false,
  });
}

/** AgentSummary of `/config` (factories as plain summaries, as the reference). */
export function agentSummary(entry: Entry<Agent<any>>): Record<string, unknown> {
  if (entry.factory) return plainFactorySummary(entry.factory);
  const a = entry.component;
  return compact({
    id: a.id,
    name: a.name,
    description: a.description,
    db_id: a.options.db?.id,
    model: modelRef(a.model),
    metadata: a.options.metadata,
  });
}

/** TeamSummary of `/config`. */
export function teamSummary(entry: Entry<Team<any>>): Record<string, unknown> {
  if (entry.factory) return plainFactorySummary(entry.factory);
  const t = entry.component;
  return compact({
    id: t.id,
    name: t.name,
    description: t.description,
    db_id: t.options.db?.id,
    mode: teamMode(t),
    model: modelRef(t.model),
  });
}

function plainFactorySummary(factory: ComponentFactory<unknown>): Record<string, unknown> {
  return compact({
    id: factory.id,
    name: factory.name,
    description: factory.description,
    db_id: factory.db?.id,
  });
}
