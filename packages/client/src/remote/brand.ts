/** The three kinds of runnable components. */
export type ComponentType = "agent" | "team" | "workflow";

/**
 * The key of the brand every component carries, holding its kind: `Symbol.for("agno.component")`,
 * the brand of `Component` in `@agno/core`, so that `isComponent` and `componentKind` of any copy
 * of core recognise remote components without this package importing it.
 */
export const COMPONENT_BRAND = Symbol.for("agno.component");

/**
 * The key of the descriptor a remote component exposes for AgentOS's gateway (`Symbol.for`, so
 * that `@agno/os` finds it without importing this package): `{ type, id, baseUrl, timeout,
 * headers, authToken }`.
 */
export const REMOTE_COMPONENT = Symbol.for("agno.remote");

/** What a remote component tells AgentOS's gateway about itself. */
export interface RemoteComponentDescriptor {
  type: ComponentType;
  id: string;
  baseUrl: string;
  /** Seconds a request may take. */
  timeout: number;
  headers: Record<string, string>;
  authToken?: string;
}
