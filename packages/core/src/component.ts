import type { BaseDb } from "./db/base-db.js";

/** The three kinds of runnable components. */
export type ComponentType = "agent" | "team" | "workflow";

/**
 * The brand of every component: a property keyed by this registered symbol, holding its kind.
 * `Symbol.for` makes it the same symbol in every copy of the package, so a component made by one
 * install is recognised by another (and by `@agno/client`'s remote components, which carry it too).
 */
export const COMPONENT_BRAND: unique symbol = Symbol.for("agno.component") as never;

/** Options every component's `run` takes (each kind accepts more). */
export interface ComponentRunOptions {
  stream?: boolean;
  streamEvents?: boolean;
  sessionId?: string;
  userId?: string;
  runId?: string;
  signal?: AbortSignal;
  [option: string]: unknown;
}

/** Options every component's `continueRun` takes (each kind accepts more). */
export interface ComponentContinueOptions {
  runId?: string;
  sessionId?: string;
  userId?: string;
  stream?: boolean;
  streamEvents?: boolean;
  signal?: AbortSignal;
  [option: string]: unknown;
}

/** A run's answer as every kind gives it: a serializable output with an id and a status. */
export interface ComponentRunOutput {
  readonly run_id?: string | undefined;
  readonly session_id?: string | undefined;
  readonly status?: string | undefined;
  toDict(): Record<string, unknown>;
}

/** A run's stream of events (serializable, each with an `event` name). */
export type ComponentRunStream = AsyncIterable<{ readonly event: string }> & {
  /** The run's output, once the stream ended. */
  readonly output?: Promise<ComponentRunOutput>;
  /** The run's id, known from the first event on. */
  readonly runId?: string | undefined;
};

/**
 * The session methods every component has: its sessions, their state and name, their runs. The
 * session is the component's current one when `sessionId` is left out.
 */
export interface ComponentSessions {
  getSession(sessionId?: string, options?: { userId?: string }): Promise<unknown | null>;
  deleteSession(sessionId: string, options?: { userId?: string }): Promise<boolean>;
  getSessionState(sessionId?: string): Promise<Record<string, unknown>>;
  updateSessionState(
    updates: Record<string, unknown>,
    sessionId?: string,
  ): Promise<Record<string, unknown>>;
  getSessionName(sessionId?: string): Promise<string | undefined>;
  getRunOutput(runId: string, sessionId?: string): Promise<ComponentRunOutput | null>;
  getLastRunOutput(sessionId?: string): Promise<ComponentRunOutput | null>;
  getChatHistory(sessionId?: string): Promise<unknown[]>;
}

/**
 * What every runnable component is: an agent, a team, a workflow, or a remote one served by
 * another AgentOS. AgentOS serves components through this contract only, and teams and workflows
 * run their members and steps through it.
 */
export interface Component extends ComponentSessions {
  readonly [COMPONENT_BRAND]: ComponentType;
  readonly kind: ComponentType;
  readonly id: string;
  readonly name?: string | undefined;
  readonly description?: string | undefined;
  /** The database its sessions are stored in, when it has one. */
  readonly db?: BaseDb | undefined;
  run(input: any, options?: any): ComponentRunStream | Promise<ComponentRunOutput>;
  continueRun(options: any): ComponentRunStream | Promise<ComponentRunOutput>;
  /** Cancels a run; true when it was running (remote components answer asynchronously). */
  cancelRun(runId: string): boolean | Promise<boolean>;
}

/** True for any component (agent, team, workflow, remote), whichever copy of Agno made it. */
export function isComponent(value: unknown): value is Component {
  return componentKind(value) !== undefined;
}

/** The kind of a component, or undefined for anything else. */
export function componentKind(value: unknown): ComponentType | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const kind = (value as { [COMPONENT_BRAND]?: unknown })[COMPONENT_BRAND];
  return kind === "agent" || kind === "team" || kind === "workflow" ? kind : undefined;
}
