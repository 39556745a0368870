// Client

export { AgentOSClient } from "./client/agentos-client.js";
export type { AgentRunStream, TeamRunStream, WorkflowRunStream } from "./client/runs.js";
export type {
  AgentOSClientOptions,
  CancelRunOptions,
  ContinueAgentRunOptions,
  ContinueTeamRunOptions,
  ContinueWorkflowRunOptions,
  CreateSessionOptions,
  DbOptions,
  EvalRunInput,
  KnowledgeOptions,
  ListEvalRunsOptions,
  ListMemoriesOptions,
  ListSessionsOptions,
  ListTracesOptions,
  MemoryInput,
  MemoryLookupOptions,
  MetricsOptions,
  PageOptions,
  RefreshMetricsOptions,
  ResumeRunOptions,
  RunCallOptions,
  RunLookupOptions,
  SearchKnowledgeOptions,
  SessionLookupOptions,
  SessionRunsOptions,
  TeamRunCallOptions,
  TraceLookupOptions,
  UpdateKnowledgeOptions,
  UpdateSessionOptions,
  UploadKnowledgeOptions,
} from "./client-options.js";
// Errors
export {
  AgentOSHttpError,
  AgnoClientError,
  type AgnoClientErrorOptions,
  RemoteServerUnavailableError,
} from "./errors.js";
export type { MediaInput, RunRequestOptions, UploadInput } from "./form.js";
// Runs and streams
export type { OutputBuilder } from "./output-builder.js";
// Remote components
export {
  COMPONENT_BRAND,
  type ComponentType,
  REMOTE_COMPONENT,
  type RemoteComponentDescriptor,
} from "./remote/brand.js";
export {
  RemoteAgent,
  type RemoteAgentOptions,
  type RemoteContinueRunOptions,
} from "./remote/remote-agent.js";
export {
  RemoteComponent,
  type RemoteComponentOptions,
  RemoteDb,
  RemoteKnowledge,
} from "./remote/remote-component.js";
export {
  RemoteTeam,
  type RemoteTeamContinueRunOptions,
  type RemoteTeamOptions,
} from "./remote/remote-team.js";
export {
  RemoteWorkflow,
  type RemoteWorkflowContinueRunOptions,
  type RemoteWorkflowOptions,
  type RemoteWorkflowRunOptions,
} from "./remote/remote-workflow.js";
export type { RemoteRunOptions } from "./remote/run-options.js";
export { RemoteRunOutput, RemoteTeamRunOutput, RemoteWorkflowRunOutput } from "./run-output.js";
export { RunStream } from "./run-stream.js";
export { readSse, type SseMessage, SseParser } from "./sse.js";
export type { FetchFunction, QueryParams, RequestOptions } from "./transport.js";
// Wire shapes
export type {
  AgentEventBase,
  AgentEventFields,
  AgentEventName,
  AgentRunEvent,
  RunOutputEvent,
  StepIndex,
  TeamEventBase,
  TeamEventName,
  TeamRunOutputEvent,
  WorkflowEventBase,
  WorkflowEventFields,
  WorkflowEventName,
  WorkflowRunOutputEvent,
  WorkflowStreamEvent,
} from "./wire/events.js";
export {
  type MediaDict,
  type MediaList,
  type Message,
  type RunInputDict,
  type RunMetrics,
  RunStatus,
  type StepOutputDict,
  type ToolCall,
  type ToolCallMetrics,
  type ToolExecution,
  type UserInputField,
} from "./wire/parts.js";
export type {
  AgentResponse,
  AgentSummary,
  BackgroundRunResponse,
  ConfigResponse,
  DayAggregatedMetrics,
  KnowledgeConfig,
  KnowledgeContent,
  KnowledgeContentStatus,
  KnowledgeSearchResult,
  MetricsResponse,
  ModelInfo,
  PaginatedResponse,
  PaginationInfo,
  RunSchema,
  SessionDetail,
  SessionSchema,
  SessionType,
  SortOrder,
  TeamResponse,
  TeamSummary,
  TraceDetail,
  TraceSummary,
  UserMemory,
  UserMemoryStats,
  WorkflowResponse,
  WorkflowSummary,
} from "./wire/responses.js";
export type { RunOutputDict, TeamRunOutputDict, WorkflowRunOutputDict } from "./wire/runs.js";
