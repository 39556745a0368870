import { type ConfigLike, RemoteComponent, RemoteKnowledge } from "./remote-component.js";

/**
 * What RemoteAgent and RemoteTeam share on top of `RemoteComponent`: the role, tools and
 * knowledge read from the remote configuration, so that either can be a member of a local `Team`.
 */
export abstract class RemoteMemberComponent<
  TConfig extends ConfigLike,
  TOutput,
> extends RemoteComponent<TConfig, TOutput> {
  /** The component's role, from the remote configuration. */
  get role(): string | undefined {
    return this.cachedConfig?.role;
  }

  /** The component's own tools (dicts with at least `name`), from the remote configuration. */
  get tools(): Array<Record<string, unknown>> | undefined {
    return toolList(this.cachedConfig);
  }

  /** The component's knowledge settings, when it has knowledge. */
  get knowledge(): RemoteKnowledge | undefined {
    const k = this.cachedConfig?.knowledge;
    return k && Object.keys(k).length > 0 ? new RemoteKnowledge(k, this.baseUrl) : undefined;
  }

  /** The tools for a leader's context (a local Team's `addMemberToolsToContext`). */
  resolvedTools(): { tools: Array<{ name: string; description?: string }> } {
    return { tools: namedTools(this.tools) };
  }
}

/** The `tools` list of a remote configuration (`{ tools: { tools: [...] } }` or a list). */
export function toolList(
  config: { tools?: unknown } | undefined,
): Array<Record<string, unknown>> | undefined {
  const tools = config?.tools;
  if (Array.isArray(tools)) return tools as Array<Record<string, unknown>>;
  if (tools && typeof tools === "object") {
    const inner = (tools as { tools?: unknown }).tools;
    if (Array.isArray(inner)) return inner as Array<Record<string, unknown>>;
  }
  return undefined;
}

/** `{ name, description }` of each tool dict (OpenAI function dicts included). */
export function namedTools(
  tools: Array<Record<string, unknown>> | undefined,
): Array<{ name: string; description?: string }> {
  return (tools ?? []).flatMap((t) => {
    const fn = (t.function as Record<string, unknown> | undefined) ?? t;
    const name = fn.name;
    if (typeof name !== "string") return [];
    const description = fn.description;
    return [typeof description === "string" ? { name, description } : { name }];
  });
}
