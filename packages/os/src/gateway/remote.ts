/**
 * The key under which `RemoteAgent`, `RemoteTeam` and `RemoteWorkflow` (`@agno/client`) describe
 * themselves to the gateway. `Symbol.for`, so that this package finds it without importing the
 * client.
 */
export const REMOTE_COMPONENT = Symbol.for("agno.remote");

/** The three kinds of runnable components (as `ComponentType` in the registry). */
type ComponentType = "agent" | "team" | "workflow";

/** A component served by another AgentOS, proxied by this one (the gateway). */
export interface RemoteComponentRef {
  type: ComponentType;
  /** The component's id, on both AgentOS. */
  id: string;
  /** Base URL of the AgentOS that hosts it, without a trailing slash. */
  baseUrl: string;
  /** Seconds a request may take (streams: to the first byte, then between chunks). */
  timeout: number;
  /** Headers sent with every proxied request (the caller's `Authorization` wins). */
  headers: Record<string, string>;
  /** A bearer token sent when the caller sent no `Authorization`. */
  authToken?: string;
  /** The remote object itself (for its name in messages). */
  source: unknown;
}

const ID_KEYS = { agent: "agentId", team: "teamId", workflow: "workflowId" } as const;

/**
 * The remote component `value` describes, or undefined when it is not one: an object with the
 * `Symbol.for("agno.remote")` descriptor, or (structurally) a `baseUrl` with an
 * `agentId` / `teamId` / `workflowId`.
 */
export function remoteRef(value: unknown): RemoteComponentRef | undefined {
  if (!value || typeof value !== "object") return undefined;
  const descriptor = (value as Record<symbol, unknown>)[REMOTE_COMPONENT] as
    | Partial<RemoteComponentRef>
    | undefined;
  if (descriptor && typeof descriptor === "object") {
    const { type, id, baseUrl } = descriptor;
    if (
      (type === "agent" || type === "team" || type === "workflow") &&
      typeof id === "string" &&
      typeof baseUrl === "string"
    ) {
      return {
        type,
        id,
        baseUrl: baseUrl.replace(/\/+$/, ""),
        timeout: typeof descriptor.timeout === "number" ? descriptor.timeout : 60,
        headers: { ...(descriptor.headers ?? {}) },
        ...(descriptor.authToken !== undefined ? { authToken: descriptor.authToken } : {}),
        source: value,
      };
    }
    return undefined;
  }
  const v = value as Record<string, unknown>;
  if (typeof v.baseUrl !== "string") return undefined;
  for (const type of ["agent", "team", "workflow"] as const) {
    const id = v[ID_KEYS[type]];
    if (typeof id === "string") {
      return {
        type,
        id,
        baseUrl: v.baseUrl.replace(/\/+$/, ""),
        timeout: typeof v.timeout === "number" ? v.timeout : 60,
        headers: v.headers && typeof v.headers === "object" ? { ...(v.headers as object) } : {},
        ...(typeof v.authToken === "string" ? { authToken: v.authToken } : {}),
        source: value,
      };
    }
  }
  return undefined;
}
