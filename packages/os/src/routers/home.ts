import type { BaseDb, TableType } from "@agno/core";
import { type AuthMode, accessibleIds } from "../auth/index.js";
import type { AgentOSConfig, DatabaseConfig, Domain } from "../config.js";
import { DOMAINS } from "../config.js";
import type { AppContext } from "../env.js";
import { RouteGroup } from "../http/route-group.js";
import type { Registry } from "../registry.js";
import { agentSummary, modelRef, teamSummary, workflowSummary } from "../schemas/components.js";
import { compact } from "../schemas/json.js";
import { AGNO_VERSION } from "../version.js";

/** What the home routes know about their AgentOS. */
export interface HomeInfo {
  id: string;
  name?: string | undefined;
  description?: string | undefined;
  version?: string | undefined;
  db?: BaseDb | undefined;
  authMode: AuthMode;
  config?: AgentOSConfig | undefined;
  knowledge: readonly unknown[];
}

/** The table a page of the UI shows for a database. */
const DOMAIN_TABLES: Record<Domain, TableType[]> = {
  session: ["sessions"],
  memory: ["memories"],
  learning: [],
  knowledge: ["knowledge"],
  evals: ["evals"],
  metrics: ["metrics"],
  traces: ["traces"],
};

function dbEntry(config: DatabaseConfig, db: BaseDb | undefined, domain: Domain) {
  const tables =
    config.tables ??
    (db ? DOMAIN_TABLES[domain].map((t) => db.tables?.[t]).filter((t): t is string => !!t) : []);
  return {
    db_id: config.dbId,
    domain_config: compact({
      display_name: config.domainConfig?.displayName ?? config.dbId,
      available_models: config.domainConfig?.availableModels,
    }),
    tables,
  };
}

/** One page's block of `/config`: the configured databases, then every other known database. */
function domainBlock(
  domain: Domain,
  config: AgentOSConfig | undefined,
  dbs: ReadonlyMap<string, BaseDb>,
): Record<string, unknown> {
  const page = config?.[domain];
  const listed = page?.dbs ?? [];
  const seen = new Set(listed.map((d) => d.dbId));
  const entries = listed.map((d) => dbEntry(d, dbs.get(d.dbId), domain));
  for (const [id, db] of dbs) {
    if (!seen.has(id)) entries.push(dbEntry({ dbId: id }, db, domain));
  }
  return compact({
    display_name: page?.displayName,
    available_models: domain === "evals" ? page?.availableModels : undefined,
    dbs: entries,
  });
}

function knowledgeInstances(knowledge: readonly unknown[]): Array<Record<string, unknown>> {
  return knowledge.map((k, index) => {
    const kb = k as {
      id?: string;
      name?: string;
      description?: string;
      contentsDb?: BaseDb;
      db?: BaseDb;
    };
    const db = kb.contentsDb ?? kb.db;
    return compact({
      id: kb.id ?? kb.name ?? `knowledge-${index}`,
      name: kb.name,
      description: kb.description,
      db_id: db?.id,
      table: db?.tables?.knowledge,
    });
  });
}

/** `/`, `/health`, `/info`, `/config` and `/models`. */
export function homeRoutes(registry: Registry, info: HomeInfo): RouteGroup {
  const instantiatedAt = new Date().toISOString();
  const group = new RouteGroup();
  group.add({ method: "GET", path: "/", tag: "Core", summary: "API information" }, (c) =>
    c.json({ name: "AgentOS API", id: info.id, version: info.version ?? "1.0.0" }),
  );
  group.add({ method: "GET", path: "/health", tag: "Health", summary: "Health check" }, (c) =>
    c.json({ status: "ok", instantiated_at: instantiatedAt }),
  );
  group.add(
    { method: "GET", path: "/info", tag: "Core", summary: "AgentOS information (public)" },
    (c) =>
      c.json({
        os_id: info.id,
        name: info.name ?? null,
        agno_version: AGNO_VERSION,
        agent_count: registry.agents.size + registry.remoteAgents.size,
        team_count: registry.teams.size + registry.remoteTeams.size,
        workflow_count: registry.workflows.size + registry.remoteWorkflows.size,
        mcp: { enabled: false, path: null, oauth: null },
        auth_mode: info.authMode,
      }),
  );
  group.add(
    {
      method: "GET",
      path: "/config",
      tag: "Core",
      summary: "AgentOS configuration",
      description: "Components, databases and UI settings (the AgentOSConfig).",
    },
    (c: AppContext) => {
      const visible = (type: "agents" | "teams" | "workflows", id: string) => {
        const ids = accessibleIds(c, type);
        return ids === "all" || ids.has(id);
      };
      const body: Record<string, unknown> = compact({
        os_id: info.id,
        description: info.description,
        available_models: info.config ? info.config.availableModels : [],
        os_database: info.db?.id,
        databases: [...registry.dbs.keys()],
        chat: info.config?.chat && compact({ quick_prompts: info.config.chat.quickPrompts }),
      });
      for (const domain of DOMAINS) body[domain] = domainBlock(domain, info.config, registry.dbs);
      (body.knowledge as Record<string, unknown>).knowledge_instances = knowledgeInstances(
        info.knowledge,
      );
      body.agents = [...registry.agents.values()]
        .filter((e) => visible("agents", e.id))
        .map(agentSummary);
      body.teams = [...registry.teams.values()]
        .filter((e) => visible("teams", e.id))
        .map(teamSummary);
      body.workflows = [...registry.workflows.values()]
        .filter((e) => visible("workflows", e.id))
        .map(workflowSummary);
      body.interfaces = [];
      return c.json(body);
    },
  );
  group.add(
    {
      method: "GET",
      path: "/models",
      tag: "Core",
      summary: "Models used by the agents and teams",
      description: "Unique {id, provider} over prototype agents and teams (factories skipped).",
    },
    (c) => {
      const seen = new Map<string, { id: string; provider: string }>();
      for (const entry of [...registry.agents.values(), ...registry.teams.values()]) {
        if (entry.factory) continue;
        const ref = modelRef(entry.component.model);
        if (ref) seen.set(`${ref.provider}:${ref.id}`, ref);
      }
      return c.json([...seen.values()]);
    },
  );
  return group;
}
