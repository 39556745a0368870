import type { BaseDb } from "@agno/core";

/** A registered agent, team or workflow as the data routes see it (no factory is invoked). */
export interface ComponentRef {
  id: string;
  name?: string | undefined;
  /** Its database: the component's, or the factory's. */
  db?: BaseDb | undefined;
  /** True for a factory (built per request). */
  isFactory: boolean;
  /** The prototype itself (an Agent, Team or Workflow); undefined for factories. */
  component?: unknown;
}

/** What the data routers (sessions, memories, evals, metrics, traces, knowledge) get from AgentOS. */
export interface DataRouterContext {
  /** Every database AgentOS knows (its own, its components', its factories'), by id. */
  dbs: ReadonlyMap<string, BaseDb>;
  /** The AgentOS id. */
  osId?: string;
  /** The registered components by id, prototypes and factories (e.g. for evals or filters). */
  components?: {
    agents: ReadonlyMap<string, ComponentRef>;
    teams: ReadonlyMap<string, ComponentRef>;
    workflows: ReadonlyMap<string, ComponentRef>;
  };
  /** Standalone knowledge instances given to AgentOS (`knowledge` option). */
  knowledge?: readonly unknown[];
}
