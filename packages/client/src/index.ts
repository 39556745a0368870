// Client

export { AgentOSClient } from "./client/agentos-client.js";
export type { AgentRunStream, TeamRunStream, WorkflowRunStream } from "./client/base.js";
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
export {
  RemoteAgent,
  type RemoteAgentOptions,
  type RemoteContinueRunOptions,
} from "./remote/remote-agent.js";
// Remote components
export {
  REMOTE_COMPONENT,
  RemoteComponent,
  type RemoteComponentDescriptor,
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
// Runs and streams
export {
  type OutputBuilder,
  RemoteRunOutput,
  RemoteTeamRunOutput,
  RemoteWorkflowRunOutput,
} from "./run-output.js";
export { RunStream } from "./run-stream.js";
export { readSse, type SseMessage, SseParser } from "./sse.js";
export type { FetchFunction, QueryParams, RequestOptions } from "./transport.js";
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
} from "./types.js";
