import type { z } from "zod";
import type { BaseDb } from "../db/base-db.js";
import type { Audio, File, Image, Video } from "../media/media.js";
import type { MemoryManager } from "../memory/memory-manager.js";
import type { SessionSummaryManager } from "../memory/session-summary.js";
import type { Message, MessageInit } from "../messages.js";
import type { Model, ToolChoice } from "../models/model.js";
import type { RunEventName } from "../run/events.js";
import type { RunContext } from "../run/run-context.js";
import type { RunInput, RunOutput } from "../run/run-output.js";
import type { JsonSchema } from "../tools/schema.js";
import type { Tool, ToolFunction, ToolHook } from "../tools/tool.js";
import type { ToolExecution } from "../tools/tool-execution.js";
import type { Toolkit } from "../tools/toolkit.js";
import type { Agent } from "./agent.js";

/** Anything accepted in `tools`: a tool, a toolkit, a named function, or a raw JSON function definition. */
export type ToolLike = Tool<any, any> | Toolkit | ToolFunction | ToolDefinitionDict;

/** A raw function definition (OpenAI shape). The model may call it; the run pauses for its result. */
export interface ToolDefinitionDict {
  type: "function";
  function: { name: string; description?: string; parameters?: JsonSchema };
}

/** Parameters offered to a run hook; declare (destructure) the ones you need. */
export interface RunHookParams {
  agent: Agent<any>;
  /** Pre-hooks: the run's input. */
  run_input: RunInput;
  /** Post-hooks: the run's output. */
  run_output: RunOutput;
  runContext: RunContext;
  session: unknown;
  session_state: Record<string, unknown>;
  dependencies: Record<string, unknown>;
  metadata: Record<string, unknown>;
  user_id: string | null;
  debug_mode: boolean;
}

/** A pre- or post-hook: receives an object with the parameters of {@link RunHookParams}. */
export type RunHook =
  | ((params: RunHookParams) => unknown)
  | { check: (params: RunHookParams) => unknown; name?: string };

/** What instruction and system-message functions receive. */
export interface ContextFunctionParams {
  agent: Agent<any>;
  runContext: RunContext;
  sessionState: Record<string, unknown>;
  dependencies: Record<string, unknown>;
}

/** An output schema: zod (parsed and typed) or a JSON Schema object. */
export type OutputSchema = z.ZodType | JsonSchema;

/** Options of `new Agent(...)`. Options marked "storage" take effect with a `db`. */
export interface AgentOptions<TOutput extends OutputSchema | undefined = undefined> {
  /** Model to use: a Model, or a string such as `"openai:gpt-4o"`. */
  model?: Model | string;
  /** Agent name. */
  name?: string;
  /** Agent id. @default a random UUID */
  id?: string;
  /** Default user id for runs. */
  userId?: string;
  /** Default session id for runs (a new one per run when omitted). */
  sessionId?: string;
  /** Default session state. */
  sessionState?: Record<string, unknown>;
  /** Add the session state to the system message. @default false */
  addSessionStateToContext?: boolean;
  /** Give the model a tool to update the session state. @default false */
  enableAgenticState?: boolean;
  /** Storage: overwrite the stored session state with the run's. @default false */
  overwriteDbSessionState?: boolean;
  /** Storage: cache the session in memory. @default false */
  cacheSession?: boolean;
  /** Storage: let the model search previous sessions. @default false */
  searchSessionHistory?: boolean;
  /** Storage: how many past sessions to search. */
  numHistorySessions?: number;
  /** Values for tools and prompt functions; functions are resolved at run start. */
  dependencies?: Record<string, unknown>;
  /** Add the dependencies to the user message. @default false */
  addDependenciesToContext?: boolean;
  /** Database for sessions, memories and metrics. */
  db?: BaseDb;
  /** Storage: memory manager (one is made from the agent's model and db when needed). */
  memoryManager?: MemoryManager;
  /** Storage: tools for the model to manage user memories. @default false */
  enableAgenticMemory?: boolean;
  /** Storage: create or update user memories after each run. @default false */
  enableUserMemories?: boolean;
  /** Storage: add user memories to the context. */
  addMemoriesToContext?: boolean;
  /** Storage: create or update session summaries after each run. @default false */
  enableSessionSummaries?: boolean;
  /** Storage: add the session summary to the context. */
  addSessionSummaryToContext?: boolean;
  /** Storage: session summary manager (one is made from the agent's model when needed). */
  sessionSummaryManager?: SessionSummaryManager;
  /** Compress tool results to save context space. @default false */
  compressToolResults?: boolean;
  /** Compression manager for tool results. */
  compressionManager?: unknown;
  /** Storage: add the session's chat history to the messages. @default false */
  addHistoryToContext?: boolean;
  /** Storage: number of past runs in the history. */
  numHistoryRuns?: number;
  /** Storage: number of past messages in the history. */
  numHistoryMessages?: number;
  /** Knowledge base. */
  knowledge?: unknown;
  knowledgeFilters?: Record<string, unknown>;
  enableAgenticKnowledgeFilters?: boolean;
  /** @default false */
  addKnowledgeToContext?: boolean;
  knowledgeRetriever?: (...args: any[]) => unknown;
  /** @default "json" */
  referencesFormat?: "json" | "yaml";
  /** Metadata stored with this agent's runs. */
  metadata?: Record<string, unknown>;
  /** Tools the model may call. */
  tools?: ToolLike[];
  /** Maximum tool calls in one run; further calls are answered with an error. */
  toolCallLimit?: number;
  /** Which tool, if any, the model must call. */
  toolChoice?: ToolChoice;
  /** Storage: keep only the last N tool calls from history. */
  maxToolCallsFromHistory?: number;
  /** Middleware around every tool call. */
  toolHooks?: ToolHook[];
  /** Run before the model is called; may throw `InputCheckError`. */
  preHooks?: RunHook[];
  /** Run after the output is produced; may throw `OutputCheckError`. */
  postHooks?: RunHook[];
  /** Reasoning (step-by-step thinking before answering). @default false */
  reasoning?: boolean;
  reasoningModel?: Model | string;
  reasoningAgent?: unknown;
  /** @default 1 */
  reasoningMinSteps?: number;
  /** @default 10 */
  reasoningMaxSteps?: number;
  /** Storage: add a tool to read the chat history. @default false */
  readChatHistory?: boolean;
  /** @default true */
  searchKnowledge?: boolean;
  /** @default false */
  updateKnowledge?: boolean;
  /** Storage: add a tool to read the tool-call history. @default false */
  readToolCallHistory?: boolean;
  /** Send images, audio, video and files to the model; when false they reach tools only. @default true */
  sendMediaToModel?: boolean;
  /** @default true */
  storeMedia?: boolean;
  /** @default true */
  storeToolMessages?: boolean;
  /** @default true */
  storeHistoryMessages?: boolean;
  /** Replace the built system message. */
  systemMessage?: string | Message | ((params: ContextFunctionParams) => string | Promise<string>);
  /** @default "system" */
  systemMessageRole?: string;
  /** An introduction message for new sessions. */
  introduction?: string;
  /** Build the system message from the options; false sends none. @default true */
  buildContext?: boolean;
  /** Added at the start of the system message. */
  description?: string;
  /** Instructions: a string, a list, or a function returning either. */
  instructions?:
    | string
    | string[]
    | ((params: ContextFunctionParams) => string | string[] | Promise<string | string[]>);
  /** The expected output, added to the system message. */
  expectedOutput?: string;
  /** Added at the end of the system message. */
  additionalContext?: string;
  /** Ask for markdown output. @default false */
  markdown?: boolean;
  /** @default false */
  addNameToContext?: boolean;
  /** @default false */
  addDatetimeToContext?: boolean;
  /** Add the approximate location (from the machine's time zone). @default false */
  addLocationToContext?: boolean;
  /** Time zone for the datetime, e.g. `"Etc/UTC"`. */
  timezoneIdentifier?: string;
  /** Fill `{key}` placeholders in instructions from session state, dependencies and metadata. @default true */
  resolveInContext?: boolean;
  /** Messages added after the system message, before the user message. */
  additionalInput?: Array<string | MessageInit | Record<string, unknown>>;
  /** @default "user" */
  userMessageRole?: string;
  /** @default true */
  buildUserContext?: boolean;
  /** Retries of a failed run. @default 0 */
  retries?: number;
  /** Seconds between run retries. @default 1 */
  delayBetweenRetries?: number;
  /** Double the delay after each retry. @default false */
  exponentialBackoff?: boolean;
  /** Validates the run input; invalid input fails with `InputValidationError`. */
  inputSchema?: z.ZodType;
  /** Structured output: the content becomes the parsed object. */
  outputSchema?: TOutput;
  /** A second model that turns the answer into the output schema. */
  parserModel?: Model | string;
  parserModelPrompt?: string;
  /** A second model that writes the final answer from the run's messages. */
  outputModel?: Model | string;
  outputModelPrompt?: string;
  /** Parse the answer into the output schema. @default true */
  parseResponse?: boolean;
  /** Use the model's native structured outputs when it has them. */
  structuredOutputs?: boolean;
  /** Ask for a JSON object (JSON mode) rather than a schema. @default false */
  useJsonMode?: boolean;
  /** Write each answer to this file; `{name}`, `{session_id}`, `{user_id}`, `{run_id}` are filled. */
  saveResponseToFile?: string;
  /** Default of `printResponse`'s `stream`. */
  stream?: boolean;
  /** Default of `streamEvents` for streamed runs. @default false */
  streamEvents?: boolean;
  /** Keep the run's events on `RunOutput.events`. @default false */
  storeEvents?: boolean;
  /** Events not kept by `storeEvents`. @default ["RunContent"] */
  eventsToSkip?: RunEventName[];
  /** Role of this agent in a team. */
  role?: string;
  /** Log messages, tool calls and metrics (also `AGNO_DEBUG=true`). @default false */
  debugMode?: boolean;
  /** @default 1 */
  debugLevel?: 1 | 2;
  /** @default true */
  telemetry?: boolean;
}

/** Options of one run. */
export interface RunOptions<TOutput extends OutputSchema | undefined = OutputSchema | undefined> {
  /** Stream events instead of resolving to the output. */
  stream?: boolean;
  /** With `stream`, also yield tool, hook and lifecycle events. */
  streamEvents?: boolean;
  userId?: string;
  sessionId?: string;
  /** Use this run id (for example to cancel the run later). @default a random UUID */
  runId?: string;
  sessionState?: Record<string, unknown>;
  images?: Image[];
  audio?: Audio[];
  videos?: Video[];
  files?: File[];
  retries?: number;
  knowledgeFilters?: Record<string, unknown>;
  addHistoryToContext?: boolean;
  addDependenciesToContext?: boolean;
  addSessionStateToContext?: boolean;
  dependencies?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  outputSchema?: TOutput;
  debugMode?: boolean;
  /** Cancels the run when aborted. */
  signal?: AbortSignal;
  /** The run this one is part of (a team's run, for its members). */
  parentRunId?: string;
}

/** Options of `agent.continueRun(...)`. */
export interface ContinueRunOptions {
  /** The paused run's output (from `run()` or the `RunPaused` event). */
  runOutput?: RunOutput;
  /** The paused run's id (needs a `db` to load it). */
  runId?: string;
  /** The paused tools with their answers (confirmed, user input values, or result). */
  updatedTools?: ToolExecution[];
  stream?: boolean;
  streamEvents?: boolean;
  userId?: string;
  sessionId?: string;
  retries?: number;
  knowledgeFilters?: Record<string, unknown>;
  dependencies?: Record<string, unknown>;
  debugMode?: boolean;
  signal?: AbortSignal;
}

/** Options of `agent.printResponse(...)`. */
export interface PrintResponseOptions extends Omit<RunOptions, "stream" | "streamEvents"> {
  /** Print the answer as it streams. @default the agent's `stream`, else false */
  stream?: boolean;
  /** Render markdown (headings, bold, lists) for the terminal. @default the agent's `markdown` */
  markdown?: boolean;
  /** Print the input message first. @default true */
  showMessage?: boolean;
  /** Print reasoning content. @default false */
  showReasoning?: boolean;
  /** Print every tool call as it happens. @default true */
  showToolCalls?: boolean;
  /** Where to write. @default process.stdout */
  output?: { write(chunk: string): unknown; isTTY?: boolean };
}
