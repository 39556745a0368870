import type { RunOutputEvent, TeamRunOutputEvent, WorkflowStreamEvent } from "@agno/core";
import type {
  AgentOSClientOptions,
  CancelRunOptions,
  ContinueAgentRunOptions,
  KnowledgeOptions,
  MemoryInput,
  ResumeRunOptions,
  RunCallOptions,
  RunLookupOptions,
  SessionLookupOptions,
} from "../client-options.js";
import { appendField, runForm } from "../form.js";
import type {
  OutputBuilder,
  RemoteRunOutput,
  RemoteTeamRunOutput,
  RemoteWorkflowRunOutput,
} from "../run-output.js";
import { RunStream } from "../run-stream.js";
import { type QueryParams, type RequestOptions, seg, Transport } from "../transport.js";
import type { BackgroundRunResponse, RunSchema } from "../types.js";

export type Dict = Record<string, unknown>;
export type Kind = "agents" | "teams" | "workflows";

/** A streamed agent run. */
export type AgentRunStream = RunStream<RunOutputEvent, RemoteRunOutput>;
/** A streamed team run (the team's events and its members'). */
export type TeamRunStream = RunStream<RunOutputEvent | TeamRunOutputEvent, RemoteTeamRunOutput>;
/** A streamed workflow run (the workflow's events and its steps' agents' and teams'). */
export type WorkflowRunStream = RunStream<WorkflowStreamEvent, RemoteWorkflowRunOutput>;

/** The transport and request plumbing the client's method groups share. */
export class ClientBase {
  /** The AgentOS base URL (without a trailing slash). */
  readonly baseUrl: string;
  /** Seconds a request may take. */
  readonly timeout: number;
  protected readonly http: Transport;

  constructor(options: AgentOSClientOptions) {
    this.http = new Transport({ timeout: 60, ...stripUndefined(options) });
    this.baseUrl = this.http.baseUrl;
    this.timeout = this.http.timeout;
  }

  protected getJson<T>(path: string, query: QueryParams, options: RequestOptions): Promise<T> {
    return this.http.request<T>("GET", path, { ...requestOptions(options), query });
  }

  protected sendJson<T>(
    method: string,
    path: string,
    json: unknown,
    query: QueryParams,
    options: RequestOptions,
  ): Promise<T> {
    return this.http.request<T>(method, path, { ...requestOptions(options), query, json });
  }

  protected postForm<T>(
    path: string,
    form: FormData,
    options: RequestOptions,
    query?: QueryParams,
  ): Promise<T> {
    return this.http.request<T>("POST", path, {
      ...requestOptions(options),
      form,
      ...(query ? { query } : {}),
    });
  }

  protected async runComponent<T>(
    kind: Kind,
    id: string,
    message: unknown,
    options: RunCallOptions & { monitor?: boolean },
    build: (dict: Dict) => T,
  ): Promise<T | BackgroundRunResponse> {
    const form = runForm(message, false, options, { ...bg(options), monitor: options.monitor });
    const body = await this.postForm<Dict>(`/${kind}/${seg(id)}/runs`, form, options);
    if (options.background) return body as BackgroundRunResponse;
    return build(body ?? {});
  }

  protected openStream<TEvent, TOutput>(
    path: string,
    form: FormData,
    options: RequestOptions,
    builder: OutputBuilder<TOutput>,
  ): RunStream<TEvent, TOutput> {
    const open = (signal: AbortSignal) =>
      this.http.open("POST", path, {
        ...requestOptions(options),
        signal,
        form,
        accept: "text/event-stream",
      });
    return new RunStream<TEvent, TOutput>(open, builder, options.signal);
  }

  protected cancelComponentRun(
    kind: Kind,
    id: string,
    runId: string,
    options: CancelRunOptions,
  ): Promise<unknown> {
    return this.http.request("POST", `/${kind}/${seg(id)}/runs/${seg(runId)}/cancel`, {
      ...requestOptions(options),
      query: { session_id: options.sessionId },
    });
  }

  protected getComponentRun(
    kind: Kind,
    id: string,
    runId: string,
    options: RunLookupOptions,
  ): Promise<Dict> {
    return this.getJson(`/${kind}/${seg(id)}/runs/${seg(runId)}`, runQuery(options), options);
  }

  protected listComponentRuns(
    kind: Kind,
    id: string,
    options: RunLookupOptions,
  ): Promise<RunSchema[]> {
    return this.getJson(
      `/${kind}/${seg(id)}/runs`,
      { ...runQuery(options), status: options.status },
      options,
    );
  }
}

export function requestOptions(options: RequestOptions): RequestOptions {
  return stripUndefined({
    headers: options.headers,
    authToken: options.authToken,
    signal: options.signal,
    timeout: options.timeout,
  });
}

export function stripUndefined<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as T;
}

export function bg(options: { background?: boolean }): Dict {
  return options.background ? { background: true } : {};
}

export function continueFields(options: ContinueAgentRunOptions): Dict {
  return {
    tools: options.tools,
    input: options.input,
    continue_from: options.continueFrom,
  };
}

export function resumeForm(options: ResumeRunOptions): FormData {
  const form = new FormData();
  appendField(form, "last_event_index", options.lastEventIndex);
  appendField(form, "session_id", options.sessionId);
  return form;
}

export function dbQuery(options: { dbId?: string; table?: string }): QueryParams {
  return { db_id: options.dbId, table: options.table };
}

export function knowledgeQuery(options: KnowledgeOptions): QueryParams {
  return { db_id: options.dbId, knowledge_id: options.knowledgeId };
}

export function sessionQuery(options: SessionLookupOptions): QueryParams {
  return { ...dbQuery(options), type: options.sessionType, user_id: options.userId };
}

export function pageQuery(options: {
  limit?: number;
  page?: number;
  sortBy?: string;
  sortOrder?: string;
}): QueryParams {
  return {
    limit: options.limit,
    page: options.page,
    sort_by: options.sortBy,
    sort_order: options.sortOrder,
  };
}

export function runQuery(options: RunLookupOptions): QueryParams {
  return {
    session_id: options.sessionId,
    factory_input: options.factoryInput ? JSON.stringify(options.factoryInput) : undefined,
  };
}

export function memoryBody(options: MemoryInput): Dict {
  return stripUndefined({
    memory: options.memory,
    user_id: options.userId,
    topics: options.topics,
  });
}

export function day(value: Date | string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string") return value;
  return value.toISOString().slice(0, 10);
}
