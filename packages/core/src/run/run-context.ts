/** Fields of a {@link RunContext}. */
export interface RunContextInit {
  runId: string;
  sessionId: string;
  userId?: string | null;
  dependencies?: Record<string, unknown>;
  knowledgeFilters?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  sessionState?: Record<string, unknown>;
}

/**
 * What tools, hooks and instruction functions know about the run they are part of. Tools may
 * change `sessionState` in place; the run keeps the changes. The spec's snake_case names
 * (`run_id`, `session_state`...) are available as aliases.
 */
export class RunContext {
  readonly runId: string;
  readonly sessionId: string;
  readonly userId: string | null;
  dependencies: Record<string, unknown>;
  knowledgeFilters: Record<string, unknown>;
  metadata: Record<string, unknown>;
  sessionState: Record<string, unknown>;

  constructor(init: RunContextInit) {
    this.runId = init.runId;
    this.sessionId = init.sessionId;
    this.userId = init.userId ?? null;
    this.dependencies = init.dependencies ?? {};
    this.knowledgeFilters = init.knowledgeFilters ?? {};
    this.metadata = init.metadata ?? {};
    this.sessionState = init.sessionState ?? {};
  }

  get run_id(): string {
    return this.runId;
  }
  get session_id(): string {
    return this.sessionId;
  }
  get user_id(): string | null {
    return this.userId;
  }
  get knowledge_filters(): Record<string, unknown> {
    return this.knowledgeFilters;
  }
  get session_state(): Record<string, unknown> {
    return this.sessionState;
  }
}
