// Agent

export {
  BaseFactory,
  type BaseFactoryOptions,
  createRequestContext,
  FactoryContextRequired,
  FactoryError,
  type FactoryFn,
  FactoryPermissionError,
  FactoryValidationError,
  isFactory,
  type RequestContext,
  type RequestContextOptions,
  type TrustedContext,
} from "@agno/factory";
export {
  Agent,
  type AgentRunStream,
  type InferContent,
  type RunInputValue,
} from "./agent/agent.js";
export type {
  AgentOptions,
  ContextFunctionParams,
  ContinueRunOptions,
  OutputSchema,
  PrintResponseOptions,
  RunHook,
  RunHookParams,
  RunOptions,
  ToolDefinitionDict,
  ToolLike,
} from "./agent/options.js";
export { SessionAccessError } from "./agent/storage.js";
export {
  COMPONENT_BRAND,
  type Component,
  type ComponentContinueOptions,
  type ComponentRunOptions,
  type ComponentRunOutput,
  type ComponentRunStream,
  type ComponentSessions,
  type ComponentType,
  componentKind,
  isComponent,
} from "./component.js";
// Storage
export {
  BaseDb,
  resolveTableNames,
  type SessionPatch,
  StorageError,
  type TableNames,
} from "./db/base-db.js";
export { InMemoryDb, type InMemoryDbOptions } from "./db/in-memory-db.js";
export {
  type MigratableDb,
  MigrationManager,
  type MigrationTableType,
  SCHEMA_VERSIONS,
} from "./db/migrations.js";
export { PaginationError } from "./db/paging.js";
export {
  applyQuery,
  type ColumnDef,
  type ColumnKind,
  isMalformed,
  type MalformedRow,
  malformedRow,
  type Row,
  readPath,
  TABLES,
  type TableDef,
  type TableQuery,
  type TableStore,
  type TableType,
} from "./db/tables.js";
export {
  escapeJsonText,
  escapeText,
  TEXT_ESCAPE,
  unescapeJsonText,
  unescapeText,
} from "./db/text-escape.js";
export type {
  EvalFilter,
  EvalRunRecord,
  KnowledgeContentRecord,
  ListOptions,
  MemoryFilter,
  MetricsRecord,
  Page,
  SchemaVersionRecord,
  SessionFilter,
  SessionRecord,
  SessionSummaryRecord,
  SessionType,
  SortOrder,
  SpanRecord,
  TraceFilter,
  TraceRecord,
  UserMemory,
  UserMemoryStats,
} from "./db/types.js";
// Errors
export {
  AgentRunException,
  type AgentRunExceptionOptions,
  AgnoError,
  ConfigurationError,
  errorMarker,
  InputCheckError,
  InputValidationError,
  ModelProviderError,
  OutputCheckError,
  OutputParseError,
  RetryAgentRun,
  RunCancelledError,
  StopAgentRun,
} from "./errors.js";
// Factories (re-exported from @agno/factory so user code needs one import)
export { AgentFactory, TeamFactory, WorkflowFactory } from "./factories.js";
// Logging
export { getLogger, type Logger, setLogger } from "./logger.js";
export {
  Audio,
  File,
  Image,
  Media,
  type MediaDict,
  type MediaOptions,
  type RunMedia,
  Video,
} from "./media/media.js";
export {
  MemoryManager,
  type MemoryManagerOptions,
  type UserMemoryInput,
} from "./memory/memory-manager.js";
export {
  countTextTokens,
  type MemoryOptimizationStrategy,
  type MemoryOptimizationStrategyType,
  SummarizeStrategy,
} from "./memory/optimization.js";
export {
  type SessionSummary,
  SessionSummaryManager,
  type SessionSummaryManagerOptions,
} from "./memory/session-summary.js";
// Messages, media, metrics
export {
  createMessage,
  type Message,
  type MessageInit,
  type MessageRole,
  type ToolCall,
} from "./messages.js";
export { addMetrics, type Metrics, metricsToDict, sumMetrics } from "./metrics.js";
export {
  FunctionModel,
  type FunctionModelInfo,
  type FunctionModelOptions,
  type ModelFunction,
  type StreamModelFunction,
} from "./models/function-model.js";
// Models
export {
  isModel,
  Model,
  type ModelOptions,
  type ModelRequest,
  type ModelResponse,
  type ModelResponseDelta,
  type OutputSchemaSpec,
  type ToolChoice,
  type ToolDefinition,
  type Usage,
} from "./models/model.js";
export {
  type ModelProviderFactory,
  parseModelString,
  registerModelPackage,
  registerModelProvider,
  resolveModel,
} from "./models/resolve.js";
export { sampleFromSchema } from "./models/schema-sample.js";
export { TestModel, type TestModelOptions } from "./models/test-model.js";
export { cancelRun } from "./run/cancellation.js";
export {
  type BaseAgentRunEvent,
  CustomEvent,
  type CustomEventData,
  type RunCancelledEvent,
  type RunCompletedEvent,
  type RunContentCompletedEvent,
  type RunContentEvent,
  type RunContinuedEvent,
  type RunErrorEvent,
  RunEvent,
  type RunEventName,
  type RunOutputEvent,
  type RunPausedEvent,
  type RunStartedEvent,
  TeamRunEvent,
  type TeamRunOutputEvent,
  type ToolCallCompletedEvent,
  type ToolCallErrorEvent,
  type ToolCallStartedEvent,
} from "./run/events.js";
// Runs and events
export { RunContext, type RunContextInit } from "./run/run-context.js";
export {
  type RunInput,
  type RunInputDict,
  RunOutput,
  type RunOutputInit,
} from "./run/run-output.js";
export { RunStatus } from "./run/status.js";
// Sessions and memory
export { AgentSession, type GetMessagesOptions, TeamSession } from "./session/agent-session.js";
// Teams
export { Team, type TeamMember, type TeamOptions, TeamRunOutput } from "./team/team.js";
export { type JsonSchema, toJsonSchema } from "./tools/schema.js";
// Tools
export {
  Tool,
  type ToolArgs,
  type ToolCallHook,
  type ToolCallHookParams,
  type ToolContext,
  type ToolFlags,
  type ToolFunction,
  type ToolHook,
  type ToolHookParams,
  type ToolOptions,
  type ToolResult,
  tool,
  toolFromFunction,
} from "./tools/tool.js";
export {
  createToolExecution,
  type ToolCallMetrics,
  type ToolExecution,
  type UserInputField,
} from "./tools/tool-execution.js";
export { Toolkit, type ToolkitOptions } from "./tools/toolkit.js";
export { Condition, type ConditionEvaluator, type ConditionOptions } from "./workflow/condition.js";
export { WorkflowRunContext, type WorkflowStep } from "./workflow/context.js";
export { StepExecutionError, StepTimeoutError } from "./workflow/errors.js";
export {
  type BaseWorkflowRunOutputEvent,
  type ConditionExecutionCompletedEvent,
  type ConditionExecutionStartedEvent,
  type LoopExecutionCompletedEvent,
  type LoopExecutionStartedEvent,
  type LoopIterationCompletedEvent,
  type LoopIterationStartedEvent,
  type ParallelExecutionCompletedEvent,
  type ParallelExecutionStartedEvent,
  type RouterExecutionCompletedEvent,
  type RouterExecutionStartedEvent,
  type StepCompletedEvent,
  type StepErrorEvent,
  type StepOutputEvent,
  type StepStartedEvent,
  type StepsExecutionCompletedEvent,
  type StepsExecutionStartedEvent,
  type WorkflowCancelledEvent,
  type WorkflowCompletedEvent,
  type WorkflowCustomEvent,
  type WorkflowErrorEvent,
  WorkflowRunEvent,
  type WorkflowRunEventName,
  type WorkflowRunOutputEvent,
  type WorkflowStartedEvent,
  type WorkflowStreamEvent,
} from "./workflow/events.js";
export type { RunnableExecutor } from "./workflow/executor.js";
export { Loop, type LoopEndCondition, type LoopOptions } from "./workflow/loop.js";
export type { StepLike } from "./workflow/normalize.js";
export { Parallel, type ParallelOptions } from "./workflow/parallel.js";
export {
  Router,
  type RouterOptions,
  type RouterSelection,
  type RouterSelector,
} from "./workflow/router.js";
export { WorkflowRunOutput, type WorkflowRunOutputInit } from "./workflow/run-output.js";
export { type WorkflowChatInteraction, WorkflowSession } from "./workflow/session.js";
export { Step, type StepExecutor, type StepOptions } from "./workflow/step.js";
export { Steps, type StepsOptions } from "./workflow/steps.js";
export {
  type ExecutorRunOutput,
  type ExecutorType,
  type StepIndex,
  StepInput,
  type StepInputInit,
  type StepMetrics,
  StepOutput,
  type StepOutputInit,
  StepType,
  WorkflowExecutionInput,
  type WorkflowMetrics,
} from "./workflow/types.js";
// Workflows
export {
  type CustomWorkflowFunction,
  Workflow,
  type WorkflowOptions,
  type WorkflowPrintOptions,
  type WorkflowRunOptions,
  type WorkflowRunStream,
  type WorkflowSteps,
} from "./workflow/workflow.js";
