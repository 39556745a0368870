import { COMPONENT_BRAND, type Component } from "../component.js";
import type { BaseDb } from "../db/base-db.js";
import type { SessionRecord, SessionSummaryRecord, UserMemory } from "../db/types.js";
import { ConfigurationError } from "../errors.js";
import { log } from "../logger.js";
import { MemoryManager } from "../memory/memory-manager.js";
import { SessionSummaryManager } from "../memory/session-summary.js";
import { createMessage, type Message } from "../messages.js";
import type { Metrics } from "../metrics.js";
import type { Model } from "../models/model.js";
import { resolveModel } from "../models/resolve.js";
import { cancelRun as cancelRegisteredRun } from "../run/cancellation.js";
import { AGENT_KIND, type ComponentKind } from "../run/component-kind.js";
import type { RunOutputEvent } from "../run/events.js";
import { drain, streamView } from "../run/lifecycle.js";
import { RunOutput, type RunOutputInit } from "../run/run-output.js";
import { RunStatus } from "../run/status.js";
import { validateRunInput } from "../run/validate-input.js";
import { type AgentSession, sessionFromRecord } from "../session/agent-session.js";
import { SessionComponent } from "../session/session-component.js";
import type { Tool } from "../tools/tool.js";
import type { ToolExecution } from "../tools/tool-execution.js";
import type { Toolkit } from "../tools/toolkit.js";
import { uuid } from "../utils/ids.js";
import { type AgentRunHost, executeAgentRun } from "./agent-run.js";
import { resolveAgentTools } from "./agent-tools.js";
import type {
  AgentOptions,
  ContinueRunOptions,
  OutputSchema,
  PrintResponseOptions,
  RunOptions,
  ToolLike,
} from "./options.js";
import { printRun } from "./print.js";
import { continueLoop, makeEvent, modelLoop, type RunState, runPreHooks } from "./run-loop.js";
import { buildRunState } from "./run-state.js";
import {
  type AgentRunStream,
  type InferContent,
  isAlwaysStreamed,
  type RunInputValue,
} from "./run-types.js";
import { forkStoredSession } from "./session-fork.js";
import { loadAgentSession, newSession, persistRun } from "./storage.js";

export type { AgentRunStream, InferContent, RunInputValue } from "./run-types.js";

/**
 * An agent: a model that uses tools in a loop, guided by instructions.
 *
 * @example
 * const agent = new Agent({ model: new TestModel(), instructions: "Be brief.", tools: [getWeather] });
 * const output = await agent.run("What's the weather in Paris?");
 * console.log(output.content);
 */
export class Agent<TOutput extends OutputSchema | undefined = undefined>
  extends SessionComponent<AgentSession, RunOutput<InferContent<TOutput>>, Message>
  implements Component
{
  /** The options this agent was built with (never mutated). */
  readonly options: AgentOptions<TOutput>;
  #tools: ToolLike[] | undefined;
  #flatTools?: { tools: Tool[]; toolkits: Toolkit[] };
  #model?: Model;
  #name: string | undefined;
  #lastSessionId: string | undefined;
  #sessionCache: Map<string, AgentSession> | undefined;
  #memoryManager: MemoryManager | undefined;
  #summaryManager: SessionSummaryManager | undefined;

  constructor(options: AgentOptions<TOutput> = {}) {
    super(options.id, options.name);
    this.options = options;
    this.#name = options.name;
    this.#tools = options.tools;
  }

  get name(): string | undefined {
    return this.#name;
  }
  get description(): string | undefined {
    return this.options.description;
  }
  get role(): string | undefined {
    return this.options.role;
  }
  /** The model as configured: a Model, a model string, or undefined. */
  get model(): Model | string | undefined {
    return this.#model ?? this.options.model;
  }
  /** The tools as configured. */
  get tools(): readonly ToolLike[] {
    return this.#tools ?? [];
  }

  /** Agent or team: event names, id fields and session type of this component's runs. */
  protected get runKind(): ComponentKind {
    return AGENT_KIND;
  }

  /** The component kind (`"agent"`, or `"team"` for a Team). */
  get kind(): "agent" | "team" {
    return this.runKind.type;
  }

  get [COMPONENT_BRAND](): "agent" | "team" {
    return this.runKind.type;
  }

  /** The database its sessions, memories and runs are stored in. */
  get db(): BaseDb | undefined {
    return this.options.db;
  }

  /** A new output for a run of this component. */
  protected createOutput(init: RunOutputInit<any>): RunOutput<any> {
    return new RunOutput<any>({
      ...init,
      agent_id: this.id,
      ...(this.name !== undefined ? { agent_name: this.name } : {}),
    });
  }

  /** Tools this kind of component adds to the configured ones (a team's delegation tools). */
  protected builtinTools(): Tool[] {
    return [];
  }

  /** Text placed before the instructions in the system message (a team's member list). */
  protected async systemPreamble(_state: RunState): Promise<string | undefined> {
    return undefined;
  }

  /** Called when a run ends (any status), before it is stored. */
  protected async finishRun(_state: RunState): Promise<void> {}

  /** Called once a run's state is built (new or continued), before the run starts. */
  protected initRun(_state: RunState, _resume: RunOutput<any> | undefined): void {}

  /** The body of a continued run: answers its paused tools, then goes on with the model. */
  protected continueBody(
    state: RunState,
    updated: ToolExecution[],
    _options: ContinueRunOptions,
  ): AsyncGenerator<RunOutputEvent, void> {
    return continueLoop(state, updated);
  }

  /** Extra attributes of the run's completed event (a team adds its members' responses). */
  protected completedExtras(_output: RunOutput<any>): Record<string, unknown> {
    return {};
  }

  /** Adds a tool (or toolkit) for the next runs. */
  addTool(t: ToolLike): void {
    this.#tools = [...(this.#tools ?? []), t];
    this.#flatTools = undefined;
  }

  /** Replaces the tools for the next runs. */
  setTools(tools: ToolLike[]): void {
    this.#tools = [...tools];
    this.#flatTools = undefined;
  }

  /** The tools the model sees, flattened from toolkits (computed once per tool set). */
  resolvedTools(): { tools: Tool[]; toolkits: Toolkit[] } {
    this.#flatTools ??= resolveAgentTools({
      label: `Agent "${this.name ?? this.id}"`,
      configured: this.#tools ?? [],
      builtin: this.builtinTools(),
      options: this.options,
      agentId: () => this.id,
      memoryManager: () => this.memoryManager(),
      kind: this.runKind,
    });
    return this.#flatTools;
  }

  private async resolveAgentModel(): Promise<Model> {
    if (this.#model) return this.#model;
    const configured = this.options.model;
    if (configured === undefined || configured === null) {
      throw new ConfigurationError(
        `Agent "${this.name ?? this.id}" has no model. Pass { model } or a model string such as "openai:gpt-4o".`,
      );
    }
    this.#model = await resolveModel(configured);
    return this.#model;
  }

  /**
   * Runs the agent. Resolves to the run's output; with `{ stream: true }` returns an async
   * generator of events instead (content only, or every event with `streamEvents: true`).
   */
  run(input: RunInputValue, options: RunOptions<TOutput> & { stream: true }): AgentRunStream;
  run(
    input: RunInputValue,
    options?: RunOptions<TOutput> & { stream?: false },
  ): Promise<RunOutput<InferContent<TOutput>>>;
  run<TRunOutput extends OutputSchema>(
    input: RunInputValue,
    options: RunOptions<TRunOutput> & { stream?: false; outputSchema: TRunOutput },
  ): Promise<RunOutput<InferContent<TRunOutput>>>;
  run(input: RunInputValue, options?: RunOptions<any>): AgentRunStream | Promise<RunOutput<any>>;
  run(
    input: RunInputValue,
    options: RunOptions<any> = {},
  ): AgentRunStream | Promise<RunOutput<any>> {
    const runId = options.runId ?? uuid();
    const events = this.newRun(runId, input, options);
    if (options.stream)
      return this.streamView(
        runId,
        events,
        options.streamEvents ?? this.options.streamEvents ?? false,
      );
    return drain(events);
  }

  /**
   * Continues a paused run with the answers to its paused tools. Pass the paused `runOutput`
   * (with its `tools` updated, or `updatedTools`).
   */
  continueRun(options: ContinueRunOptions & { stream: true }): AgentRunStream;
  continueRun(
    options: ContinueRunOptions & { stream?: false },
  ): Promise<RunOutput<InferContent<TOutput>>>;
  continueRun(options: ContinueRunOptions): AgentRunStream | Promise<RunOutput<any>> {
    const runId = options.runOutput?.run_id ?? options.runId ?? uuid();
    const runOptions: RunOptions<any> = {
      ...(options.userId !== undefined ? { userId: options.userId } : {}),
      ...(options.sessionId !== undefined ? { sessionId: options.sessionId } : {}),
      ...(options.retries !== undefined ? { retries: options.retries } : {}),
      ...(options.dependencies !== undefined ? { dependencies: options.dependencies } : {}),
      ...(options.knowledgeFilters !== undefined
        ? { knowledgeFilters: options.knowledgeFilters }
        : {}),
      ...(options.debugMode !== undefined ? { debugMode: options.debugMode } : {}),
      ...(options.signal !== undefined ? { signal: options.signal } : {}),
      stream: options.stream ?? false,
    };
    let updated: ToolExecution[] = [];
    const events = executeAgentRun(
      this.runHost,
      runId,
      runOptions,
      (state) => this.continueBody(state, updated, options),
      async () => {
        const paused = options.runOutput ?? (await this.findRun(runId, options));
        updated = options.updatedTools ?? paused.tools ?? [];
        return this.prepareContinue(runId, paused, runOptions);
      },
    );
    if (options.stream) {
      return this.streamView(
        runId,
        events,
        options.streamEvents ?? this.options.streamEvents ?? false,
      );
    }
    return drain(events);
  }

  /** Loads a stored run to continue it. */
  private async findRun(runId: string, options: ContinueRunOptions): Promise<RunOutput<any>> {
    if (!options.runId) {
      throw new ConfigurationError(
        "continueRun needs { runOutput } (the paused run's output) or { runId } with a db.",
      );
    }
    if (!this.options.db) {
      throw new ConfigurationError(
        `Continuing run "${runId}" by id needs the agent to have a db that stores the run; pass { runOutput } instead.`,
      );
    }
    const sessionId = this.sessionIdOr(options.sessionId);
    const session = await this.loadSession(sessionId, options.userId ?? this.options.userId, true);
    const run = session?.getRun(runId);
    if (!run)
      throw new ConfigurationError(`Run "${runId}" was not found in session "${sessionId}".`);
    return run;
  }

  /** Cancels a running run (of any agent in this process). Returns true when it was running. */
  cancelRun(runId: string): boolean {
    return cancelRegisteredRun(runId);
  }

  /** Runs the agent and prints a readable answer to the terminal, streamed as it arrives. */
  async printResponse(
    input: RunInputValue,
    options: PrintResponseOptions = {},
  ): Promise<RunOutput<InferContent<TOutput>>> {
    const { stream, markdown, showMessage, showReasoning, showToolCalls, output, ...runOptions } =
      options;
    const runId = runOptions.runId ?? uuid();
    const streamOptions: RunOptions<any> = {
      ...runOptions,
      runId,
      stream: true,
      streamEvents: true,
    };
    let finished: RunOutput<any> | undefined;
    const events = this.streamView(runId, this.newRun(runId, input, streamOptions), true, (out) => {
      finished = out;
    });
    return printRun(events, {
      input,
      stream: stream ?? this.options.stream ?? false,
      markdown: markdown ?? this.options.markdown ?? false,
      showMessage: showMessage ?? true,
      showReasoning: showReasoning ?? false,
      showToolCalls: showToolCalls ?? true,
      out: output ?? process.stdout,
      ownId: this.id,
      collect: () => finished,
    }) as Promise<RunOutput<InferContent<TOutput>>>;
  }

  private streamView(
    runId: string,
    events: AsyncGenerator<RunOutputEvent, RunOutput<any>>,
    all: boolean,
    onDone?: (output: RunOutput<any>) => void,
  ): AgentRunStream {
    const ownId = this.id;
    return streamView(runId, events, (e) => all || isAlwaysStreamed(e, ownId), onDone);
  }

  /** Prepares a new run's state (validates input, resolves the model, tools, dependencies). */
  private async prepare(
    runId: string,
    input: RunInputValue,
    options: RunOptions<any>,
  ): Promise<RunState> {
    const inputContent = await validateRunInput(input, this.options.inputSchema, {
      kind: "agent",
      name: this.name ?? this.id,
    });
    const state = await this.baseState(runId, options, undefined);
    state.output.input = {
      input_content: inputContent,
      ...(options.images?.length ? { images: options.images } : {}),
      ...(options.audio?.length ? { audio: options.audio } : {}),
      ...(options.videos?.length ? { videos: options.videos } : {}),
      ...(options.files?.length ? { files: options.files } : {}),
    };
    this.initRun(state, undefined);
    return state;
  }

  private async prepareContinue(
    runId: string,
    paused: RunOutput<any>,
    options: RunOptions<any>,
  ): Promise<RunState> {
    if (paused.status !== RunStatus.paused) {
      throw new ConfigurationError(
        `Run "${runId}" is not paused (status ${paused.status}); only paused runs can be continued.`,
      );
    }
    const state = await this.baseState(
      runId,
      {
        ...options,
        sessionId: options.sessionId ?? paused.session_id,
        ...(paused.user_id ? { userId: options.userId ?? paused.user_id } : {}),
      },
      paused,
    );
    this.initRun(state, paused);
    return state;
  }

  private baseState(
    runId: string,
    options: RunOptions<any>,
    resume: RunOutput<any> | undefined,
  ): Promise<RunState> {
    return buildRunState(
      {
        agent: this,
        options: this.options,
        kind: this.runKind,
        model: () => this.resolveAgentModel(),
        rememberSession: (sessionId) => {
          this.#lastSessionId = sessionId;
        },
        loadSession: (sessionId, userId) => this.loadSession(sessionId, userId, true),
        createOutput: (init) => this.createOutput(init),
        preamble: (state) => this.systemPreamble(state),
      },
      runId,
      options,
      resume,
    );
  }

  /** A new run's events, through the run lifecycle. */
  private newRun(
    runId: string,
    input: RunInputValue,
    options: RunOptions<any>,
  ): AsyncGenerator<RunOutputEvent, RunOutput<any>> {
    return executeAgentRun(
      this.runHost,
      runId,
      options,
      (state) => this.newRunBody(state),
      () => this.prepare(runId, input, options),
    );
  }

  private async *newRunBody(state: RunState): AsyncGenerator<RunOutputEvent, void> {
    yield makeEvent(state, "RunStarted", {
      model: state.model.id,
      model_provider: state.model.provider,
    });
    yield* runPreHooks(state);
    const messages = await state.buildMessages();
    if (state.debug) for (const m of messages) log.debug(`${m.role}: ${m.content ?? ""}`);
    yield* modelLoop(state, messages);
  }

  /** What the run lifecycle needs of this agent. */
  private get runHost(): AgentRunHost {
    return {
      options: this.options,
      id: this.id,
      label: () => this.name ?? this.id,
      finishRun: (state) => this.finishRun(state),
      persist: (state, quiet) => this.persist(state, quiet),
      completedExtras: (output) => this.completedExtras(output),
      memoryManager: (model) => this.memoryManager(model),
      summaryManager: (model) => {
        this.#summaryManager ??= (
          this.options.sessionSummaryManager ?? new SessionSummaryManager()
        ).withDefaults(model);
        return this.#summaryManager;
      },
    };
  }

  /** The memory manager in use (the agent's, or one on its model and db). */
  memoryManager(model?: Model): MemoryManager {
    this.#memoryManager ??= this.options.memoryManager ?? new MemoryManager();
    return this.#memoryManager.withDefaults(this.options.db, model ?? this.#model);
  }

  // Sessions

  protected async loadSession(
    sessionId: string,
    userId: string | undefined,
    strict: boolean,
  ): Promise<AgentSession | null> {
    const db = this.options.db;
    if (!db) return null;
    const cached = this.#sessionCache?.get(sessionId);
    if (cached && (!cached.user_id || userId === undefined || cached.user_id === userId))
      return cached;
    return loadAgentSession(db, sessionId, userId, strict, this.runKind);
  }

  /** Stores the run in its session; failures of a completed run surface as the run's error. */
  private async persist(state: RunState, quiet = false): Promise<void> {
    const db = this.options.db;
    if (!db || !state.storesOwnSession) return;
    try {
      const session = await persistRun(db, {
        output: state.output,
        options: this.options,
        agentId: this.id,
        agentName: this.name,
        model: state.model,
        sessionState: state.runContext.sessionState,
        kind: this.runKind,
      });
      state.session = session;
      if (session && this.options.cacheSession) {
        this.#sessionCache ??= new Map();
        this.#sessionCache.set(session.session_id, session);
      }
    } catch (error) {
      if (!quiet) throw error;
      log.error(`Could not store run ${state.output.run_id}: ${(error as Error).message}`);
    }
  }

  protected get componentLabel(): string {
    return `Agent "${this.name ?? this.id}"`;
  }
  protected get sessionDb(): BaseDb | undefined {
    return this.options.db;
  }
  protected get currentSessionId(): string | undefined {
    return this.#lastSessionId ?? this.options.sessionId;
  }
  protected get defaultUserId(): string | undefined {
    return this.options.userId;
  }
  protected sessionFromStored(record: SessionRecord): AgentSession {
    return sessionFromRecord(record);
  }
  protected blankSession(sessionId: string): AgentSession {
    return newSession(sessionId, this.id, this.options.userId, this.runKind);
  }
  protected chatHistoryOf(session: AgentSession, lastNRuns?: number): Message[] {
    return session.getChatHistory(lastNRuns !== undefined ? { lastNRuns } : {});
  }
  protected metricsOf(session: AgentSession): Metrics | null {
    return (session.session_data.session_metrics as Metrics | undefined) ?? null;
  }
  protected override sessionChanged(sessionId: string, session: AgentSession | null): void {
    if (!this.#sessionCache) return;
    if (session) this.#sessionCache.set(sessionId, session);
    else this.#sessionCache.delete(sessionId);
  }

  /** A short name made by the model from the conversation. */
  protected async generateSessionName(session: AgentSession | null): Promise<string> {
    const model = await this.resolveAgentModel();
    const conversation = (session?.getChatHistory() ?? [])
      .slice(0, 6)
      .map((m) => `${m.role}: ${m.content}`)
      .join("\n");
    const response = await model.response({
      messages: [
        createMessage({
          role: "system",
          content:
            "Name this conversation in at most five words. Answer with the name only, no quotes.",
        }),
        createMessage({ role: "user", content: conversation || "An empty conversation." }),
      ],
    });
    const name =
      (response.content ?? "")
        .trim()
        .replace(/^["']|["']$/g, "")
        .split("\n")[0] ?? "";
    return name.length > 60
      ? `${name.slice(0, 59)}…`
      : name || `Session ${(session?.session_id ?? "").slice(0, 8)}`;
  }

  /** Copies a session into a new, independent one (see `forkStoredSession`); returns its id. */
  async forkSession(options: { sourceSessionId?: string; userId?: string } = {}): Promise<string> {
    const sourceId = this.sessionIdOr(options.sourceSessionId);
    const userId = options.userId ?? this.options.userId;
    // Another user's session reads as missing: the answer does not tell the two apart.
    const source = await this.loadSession(sourceId, userId, false);
    return forkStoredSession(this.requireDb("forkSession"), sourceId, source, userId);
  }

  /** Renames the agent, and its data in the session. */
  async rename(name: string, sessionId?: string): Promise<void> {
    this.#name = name;
    const session = await this.getSession(sessionId);
    if (session) {
      const key = this.runKind.dataKey;
      session[key] = { ...(session[key] ?? {}), name };
      await this.saveSession(session);
    }
  }

  /** The session's summary. */
  async getSessionSummary(sessionId?: string): Promise<SessionSummaryRecord | null> {
    return (await this.getSession(sessionId))?.getSessionSummary() ?? null;
  }

  /** The user's memories. */
  async getUserMemories(userId?: string): Promise<UserMemory[]> {
    const id = userId ?? this.options.userId;
    const db = this.requireDb("getUserMemories");
    return (await db.getUserMemories(id !== undefined ? { userId: id } : {})).items;
  }

  /** `{ id, name, description, role, model }` for discovery endpoints. */
  toJSON(): Record<string, unknown> {
    const model = this.model;
    return {
      id: this.id,
      ...(this.name !== undefined ? { name: this.name } : {}),
      ...(this.description !== undefined ? { description: this.description } : {}),
      ...(this.role !== undefined ? { role: this.role } : {}),
      ...(model !== undefined ? { model: typeof model === "string" ? model : model.toJSON() } : {}),
    };
  }
}
