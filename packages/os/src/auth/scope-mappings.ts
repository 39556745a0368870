import { ConfigurationError } from "@agno/core";

/**
 * Route-to-scope mappings: keys are `"METHOD /path/pattern"`, values the scopes a caller needs.
 * Patterns use shell-style wildcards (`*` also spans `/`, `?`, `[abc]`) and `{param}` segments;
 * an empty list lets every authenticated caller through.
 */
export type ScopeMappings = Readonly<Record<string, readonly string[]>>;

const crud = (resource: "agents" | "teams" | "workflows"): Record<string, string[]> => ({
  [`GET /${resource}`]: [`${resource}:read`],
  [`GET /${resource}/*`]: [`${resource}:read`],
  [`POST /${resource}`]: [`${resource}:write`],
  [`PATCH /${resource}/*`]: [`${resource}:write`],
  [`DELETE /${resource}/*`]: [`${resource}:delete`],
  [`POST /${resource}/*/runs`]: [`${resource}:run`],
  [`POST /${resource}/*/runs/*/continue`]: [`${resource}:run`],
  [`POST /${resource}/*/runs/*/cancel`]: [`${resource}:run`],
});

/**
 * The reference AgentOS's default route-to-scope table (`os/scopes.py`). Routes it does not list
 * need no scope; routers still check per-resource access (`canAccess`).
 */
export const DEFAULT_SCOPE_MAPPINGS: ScopeMappings = Object.freeze({
  "GET /config": ["config:read"],
  "GET /models": ["config:read"],
  ...crud("agents"),
  ...crud("teams"),
  ...crud("workflows"),
  "GET /sessions": ["sessions:read"],
  "GET /sessions/*": ["sessions:read"],
  "POST /sessions": ["sessions:write"],
  "POST /sessions/*/rename": ["sessions:write"],
  "PATCH /sessions/*": ["sessions:write"],
  "DELETE /sessions": ["sessions:delete"],
  "DELETE /sessions/*": ["sessions:delete"],
  "GET /memories": ["memories:read"],
  "GET /memories/*": ["memories:read"],
  "GET /memory_topics": ["memories:read"],
  "GET /user_memory_stats": ["memories:read"],
  "POST /memories": ["memories:write"],
  "PATCH /memories/*": ["memories:write"],
  "DELETE /memories": ["memories:delete"],
  "DELETE /memories/*": ["memories:delete"],
  "POST /optimize-memories": ["memories:write"],
  "GET /learnings": ["learnings:read"],
  "GET /learnings/*": ["learnings:read"],
  "POST /learnings": ["learnings:write"],
  "PATCH /learnings/*": ["learnings:write"],
  "DELETE /learnings/*": ["learnings:delete"],
  "GET /knowledge/content": ["knowledge:read"],
  "GET /knowledge/content/*": ["knowledge:read"],
  "GET /knowledge/config": ["knowledge:read"],
  "POST /knowledge/content": ["knowledge:write"],
  "PATCH /knowledge/content/*": ["knowledge:write"],
  "POST /knowledge/search": ["knowledge:read"],
  "DELETE /knowledge/content": ["knowledge:delete"],
  "DELETE /knowledge/content/*": ["knowledge:delete"],
  "POST /knowledge/remote-content": ["knowledge:write"],
  "GET /knowledge/*/sources": ["knowledge:read"],
  "GET /knowledge/*/sources/*/files": ["knowledge:read"],
  "GET /metrics": ["metrics:read"],
  "POST /metrics/refresh": ["metrics:write"],
  "GET /eval-runs": ["evals:read"],
  "GET /eval-runs/*": ["evals:read"],
  "POST /eval-runs": ["evals:write"],
  "PATCH /eval-runs/*": ["evals:write"],
  "DELETE /eval-runs": ["evals:delete"],
  "GET /traces": ["traces:read"],
  "GET /traces/*": ["traces:read"],
  "GET /trace_session_stats": ["traces:read"],
  "POST /traces/search": ["traces:read"],
  "POST /service-accounts": ["service_accounts:write"],
  "GET /service-accounts": ["service_accounts:read"],
  "DELETE /service-accounts/*": ["service_accounts:delete"],
  "GET /schedules": ["schedules:read"],
  "GET /schedules/*": ["schedules:read"],
  "POST /schedules": ["schedules:write"],
  "PATCH /schedules/*": ["schedules:write"],
  "DELETE /schedules/*": ["schedules:delete"],
  "POST /schedules/*/enable": ["schedules:write"],
  "POST /schedules/*/disable": ["schedules:write"],
  "POST /schedules/*/trigger": ["schedules:write"],
  "GET /schedules/*/runs": ["schedules:read"],
  "GET /schedules/*/runs/*": ["schedules:read"],
  "GET /approvals": ["approvals:read"],
  "GET /approvals/count": ["approvals:read"],
  "GET /approvals/*": ["approvals:read"],
  "GET /approvals/*/status": ["approvals:read"],
  "POST /approvals/*/resolve": ["approvals:write"],
  "DELETE /approvals/*": ["approvals:delete"],
  "POST /databases/all/migrate": ["config:write"],
  "POST /databases/*/migrate": ["config:write"],
  "GET /registry": ["registry:read"],
  "GET /components": ["components:read"],
  "GET /components/*": ["components:read"],
  "POST /components": ["components:write"],
  "PATCH /components/*": ["components:write"],
  "DELETE /components/*": ["components:delete"],
  "GET /components/*/configs": ["components:read"],
  "GET /components/*/configs/*": ["components:read"],
  "GET /components/*/configs/current": ["components:read"],
  "POST /components/*/configs": ["components:write"],
  "PATCH /components/*/configs/*": ["components:write"],
  "DELETE /components/*/configs/*": ["components:delete"],
  "POST /components/*/configs/*/set-current": ["components:write"],
});

/**
 * A shell-style pattern (Python's `fnmatch`: `*` matches anything including `/`, `?` one
 * character, `[seq]` / `[!seq]` a set) as an anchored regular expression.
 */
export function globToRegExp(glob: string): RegExp {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] as string;
    if (ch === "*") out += ".*";
    else if (ch === "?") out += ".";
    else if (ch === "[") {
      let j = i + 1;
      if (glob[j] === "!") j++;
      if (glob[j] === "]") j++;
      while (j < glob.length && glob[j] !== "]") j++;
      if (j >= glob.length) {
        out += "\\[";
        continue;
      }
      let set = glob.slice(i + 1, j);
      const negate = set.startsWith("!");
      if (negate) set = set.slice(1);
      out += `[${negate ? "^" : ""}${set.replace(/[\\\]^[]/g, "\\$&")}]`;
      i = j;
    } else out += ch.replace(/[.+^${}()|\\/\]]/g, "\\$&");
  }
  return new RegExp(`^${out}$`, "s");
}

interface PatternEntry {
  method: string;
  regex: RegExp;
  scopes: readonly string[];
}

/** Scope mappings prepared for lookups (see {@link compileScopeMappings}). */
export interface CompiledScopeMappings {
  readonly exact: ReadonlyMap<string, readonly string[]>;
  readonly patterns: readonly PatternEntry[];
}

function splitKey(key: string): [string, string] {
  const space = key.indexOf(" ");
  const method = space > 0 ? key.slice(0, space).trim().toUpperCase() : "";
  const path = space > 0 ? key.slice(space + 1).trim() : "";
  if (!method || !path.startsWith("/")) {
    throw new ConfigurationError(
      `Scope mapping key "${key}" is not "METHOD /path". Write it like "GET /agents/*".`,
    );
  }
  return [method, path];
}

/**
 * Merges custom mappings over the defaults (a custom key replaces the same default key) and
 * compiles the patterns. Custom patterns are tried before the defaults, so a custom
 * `"GET /agents/{id}/stats"` is not shadowed by the default `"GET /agents/*"`.
 */
export function compileScopeMappings(
  custom: ScopeMappings = {},
  defaults: ScopeMappings = DEFAULT_SCOPE_MAPPINGS,
): CompiledScopeMappings {
  const exact = new Map<string, readonly string[]>();
  const patterns: PatternEntry[] = [];
  const customKeys = new Set<string>();
  const add = (key: string, scopes: readonly string[]): void => {
    if (!Array.isArray(scopes) || scopes.some((s) => typeof s !== "string")) {
      throw new ConfigurationError(`Scope mapping "${key}" must be a list of scope strings.`);
    }
    const [method, path] = splitKey(key);
    const normalized = `${method} ${path}`;
    if (!exact.has(normalized)) exact.set(normalized, scopes);
    const pattern = path.replace(/\{[^}]+\}/g, "*");
    patterns.push({ method, regex: globToRegExp(pattern), scopes });
  };
  for (const [key, scopes] of Object.entries(custom)) {
    customKeys.add(splitKey(key).join(" "));
    add(key, scopes);
  }
  for (const [key, scopes] of Object.entries(defaults)) {
    if (!customKeys.has(splitKey(key).join(" "))) add(key, scopes);
  }
  return { exact, patterns };
}

/** The method and path the scope table is looked up with: HEAD counts as GET, no trailing `/`. */
export function normalizeRoute(method: string, path: string): [string, string] {
  const m = method.toUpperCase();
  const p = path.length > 1 ? path.replace(/\/+$/, "") || "/" : path;
  return [m === "HEAD" ? "GET" : m, p];
}

/**
 * The scopes a request needs: an exact `"METHOD /path"` key first, then the first matching
 * pattern. An empty list means no scope is needed (also for unmapped routes).
 */
export function requiredScopesForRoute(
  mappings: CompiledScopeMappings,
  method: string,
  path: string,
): readonly string[] {
  const [m, p] = normalizeRoute(method, path);
  const exact = mappings.exact.get(`${m} ${p}`);
  if (exact) return exact;
  for (const entry of mappings.patterns) {
    if (entry.method === m && entry.regex.test(p)) return entry.scopes;
  }
  return [];
}
