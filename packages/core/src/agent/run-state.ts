import { envDebug } from "../logger.js";
import type { Message } from "../messages.js";
import type { Model } from "../models/model.js";
import { resolveModel } from "../models/resolve.js";
import type { ComponentKind } from "../run/component-kind.js";
import { RunContext } from "../run/run-context.js";
import type { RunOutput, RunOutputInit } from "../run/run-output.js";
import { RunStatus } from "../run/status.js";
import type { AgentSession } from "../session/agent-session.js";
import { uuid } from "../utils/ids.js";
import type { Agent } from "./agent.js";
import { buildAdditionalInput, buildSystemMessage, buildUserMessages } from "./context.js";
import type { AgentOptions, RunOptions } from "./options.js";
import { outputSchemaSpec } from "./output-schema.js";
import type { RunState } from "./run-loop.js";
import { historyMessages } from "./storage.js";

/** What building a run's state needs of its agent (or team). */
export interface RunStateHost {
  agent: Agent<any>;
  options: AgentOptions<any>;
  kind: ComponentKind;
  model(): Promise<Model>;
  /** Makes `sessionId` the agent's current session. */
  rememberSession(sessionId: string): void;
  /** The stored session (another user's is refused). */
  loadSession(sessionId: string, userId: string | undefined): Promise<AgentSession | null>;
  createOutput(init: RunOutputInit<any>): RunOutput<any>;
  /** Text the kind puts at the start of the system message (a team's members). */
  preamble(state: RunState): Promise<string | undefined>;
}

/**
 * The state of one run (new, or continued from `resume`): models, session, session state, run
 * context with resolved dependencies, output, tools, and how to build the model's messages.
 */
export async function buildRunState(
  host: RunStateHost,
  runId: string,
  options: RunOptions<any>,
  resume: RunOutput<any> | undefined,
): Promise<RunState> {
  const o = host.options;
  const model = await host.model();
  const [parserModel, outputModel] = await Promise.all([
    o.parserModel ? resolveModel(o.parserModel) : undefined,
    o.outputModel ? resolveModel(o.outputModel) : undefined,
  ]);
  const sessionId = options.sessionId ?? o.sessionId ?? uuid();
  const userId = options.userId ?? o.userId;
  // A member of a team runs in the team's session, which the team stores.
  const storesOwnSession = options.parentRunId === undefined;
  if (storesOwnSession) host.rememberSession(sessionId);
  const session = o.db && storesOwnSession ? await host.loadSession(sessionId, userId) : null;
  const stored = o.overwriteDbSessionState ? {} : (session?.sessionState ?? {});
  const sessionState = structuredClone({
    ...(o.sessionState ?? {}),
    ...stored,
    ...(resume?.session_state ?? {}),
    ...(options.sessionState ?? {}),
  });
  const runContext = new RunContext({
    runId,
    sessionId,
    userId: userId ?? null,
    dependencies: { ...(o.dependencies ?? {}), ...(options.dependencies ?? {}) },
    knowledgeFilters: { ...(o.knowledgeFilters ?? {}), ...(options.knowledgeFilters ?? {}) },
    metadata: { ...(o.metadata ?? {}), ...(options.metadata ?? {}) },
    sessionState,
  });
  for (const [key, value] of Object.entries(runContext.dependencies)) {
    if (typeof value === "function")
      runContext.dependencies[key] = await value({ agent: host.agent, runContext });
  }
  const output =
    resume ??
    host.createOutput({
      run_id: runId,
      session_id: sessionId,
      ...(userId !== undefined ? { user_id: userId } : {}),
      ...(options.parentRunId !== undefined ? { parent_run_id: options.parentRunId } : {}),
    });
  output.model = model.id;
  output.model_provider = model.provider;
  output.status = RunStatus.running;
  if (Object.keys(runContext.metadata).length > 0) output.metadata = runContext.metadata;
  const { tools, toolkits } = host.agent.resolvedTools();
  const schema = options.outputSchema ?? o.outputSchema;
  const state: RunState = {
    agent: host.agent,
    options: o,
    output,
    runContext,
    model,
    tools: new Map(tools.map((t) => [t.name, t])),
    toolDefinitions: tools.map((t) => t.definition),
    ...(o.toolHooks ? { agentToolHooks: o.toolHooks } : {}),
    buildMessages: async () => {
      const spec = state.outputSchema?.spec;
      const wantMemories =
        o.addMemoriesToContext ?? (o.enableUserMemories || o.enableAgenticMemory);
      const memories =
        wantMemories && o.db
          ? await host.agent.memoryManager(model).getUserMemories(userId)
          : undefined;
      const wantSummary = o.addSessionSummaryToContext ?? o.enableSessionSummaries;
      const summary = wantSummary ? session?.summary?.summary : undefined;
      const preamble = await host.preamble(state);
      const system = await buildSystemMessage({
        options: o,
        agent: host.agent,
        runContext,
        toolkits,
        tools,
        ...(memories ? { memories } : {}),
        ...(summary ? { summary } : {}),
        ...(preamble ? { preamble } : {}),
        ...(spec ? { outputSchema: spec } : {}),
        addSessionStateToContext:
          options.addSessionStateToContext ?? o.addSessionStateToContext ?? false,
      });
      const additional = buildAdditionalInput(o.additionalInput);
      if (additional.length > 0) output.additional_input = additional;
      const user = buildUserMessages({
        options: o,
        runInput: output.input!,
        runContext,
        addDependenciesToContext:
          options.addDependenciesToContext ?? o.addDependenciesToContext ?? false,
        sendMedia: o.sendMediaToModel !== false,
      });
      const history =
        session && (options.addHistoryToContext ?? o.addHistoryToContext)
          ? historyMessages(session, o)
          : [];
      return [...(system ? [system] : []), ...additional, ...history, ...user] as Message[];
    },
    signal: new AbortController().signal,
    stream: options.stream ?? false,
    debug: options.debugMode ?? o.debugMode ?? envDebug(),
    startedAt: performance.now(),
    toolCallCount: 0,
    session,
    kind: host.kind,
    storesOwnSession,
  };
  if (parserModel) state.parserModel = parserModel;
  if (outputModel) state.outputModel = outputModel;
  if (schema) {
    state.outputSchema = {
      spec: outputSchemaSpec(schema, parserModel ?? model, {
        ...(o.useJsonMode !== undefined ? { useJsonMode: o.useJsonMode } : {}),
        ...(o.structuredOutputs !== undefined ? { structuredOutputs: o.structuredOutputs } : {}),
      }),
      schema,
      parse: o.parseResponse !== false,
    };
  }
  return state;
}
