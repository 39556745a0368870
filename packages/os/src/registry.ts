import {
  type Agent,
  type BaseDb,
  type BaseFactory,
  type ComponentType,
  ConfigurationError,
  componentKind,
  isFactory,
  type Team,
  type TeamMember,
  type Workflow,
} from "@agno/core";
import { applyDefaults } from "./factories/adopt.js";
import { type RemoteComponentRef, remoteRef } from "./gateway/remote.js";

export type { ComponentType };

/** A component's factory: built per request. */
export type ComponentFactory<T> = BaseFactory<T, BaseDb, any>;

/** A registered component: a prototype served as is, or a factory invoked per request. */
export type Entry<T> =
  | { readonly id: string; readonly component: T; readonly factory?: undefined }
  | { readonly id: string; readonly factory: ComponentFactory<T>; readonly component?: undefined };

/** What each kind expects, for checks and messages. */
const KINDS = {
  agent: { label: "Agent", list: "agents", factoryLabel: "AgentFactory", article: "an" },
  team: { label: "Team", list: "teams", factoryLabel: "TeamFactory", article: "a" },
  workflow: { label: "Workflow", list: "workflows", factoryLabel: "WorkflowFactory", article: "a" },
} as const;

/** `Agent "Support"`, `AgentFactory "tenant-agent"`... for messages. */
function describe(type: ComponentType, value: Entry<unknown>): string {
  if (value.factory) return `${KINDS[type].factoryLabel} "${value.id}"`;
  const name = (value.component as { name?: string }).name;
  return `${KINDS[type].label} ${name ? `"${name}"` : `"${value.id}"`}`;
}

/**
 * The kind of a component this process runs (an agent, team or workflow of any copy of Agno);
 * undefined for anything else, remote components included (they are served by their AgentOS).
 */
export function localKind(value: unknown): ComponentType | undefined {
  return remoteRef(value) ? undefined : componentKind(value);
}

/**
 * The components of one AgentOS by id (prototypes and factories mixed), and every database they
 * use, by `db.id`.
 */
export class Registry {
  readonly agents = new Map<string, Entry<Agent<any>>>();
  readonly teams = new Map<string, Entry<Team<any>>>();
  readonly workflows = new Map<string, Entry<Workflow>>();
  readonly dbs = new Map<string, BaseDb>();
  /** Components served by other AgentOS and proxied by this one (the gateway), by id. */
  readonly remoteAgents = new Map<string, RemoteComponentRef>();
  readonly remoteTeams = new Map<string, RemoteComponentRef>();
  readonly remoteWorkflows = new Map<string, RemoteComponentRef>();

  constructor(options: {
    agents?: ReadonlyArray<unknown>;
    teams?: ReadonlyArray<unknown>;
    workflows?: ReadonlyArray<unknown>;
    db?: BaseDb;
  }) {
    if (options.db) this.addDb(options.db);
    this.register("agent", this.agents, options.agents ?? [], options.db);
    this.register("team", this.teams, options.teams ?? [], options.db);
    this.register("workflow", this.workflows, options.workflows ?? [], options.db);
  }

  /** The entries of one kind. */
  of(type: ComponentType): Map<string, Entry<any>> {
    return type === "agent" ? this.agents : type === "team" ? this.teams : this.workflows;
  }

  /** The remote components of one kind. */
  remotesOf(type: ComponentType): Map<string, RemoteComponentRef> {
    return type === "agent"
      ? this.remoteAgents
      : type === "team"
        ? this.remoteTeams
        : this.remoteWorkflows;
  }

  /** The remote component with this id, if it is one. */
  remote(type: ComponentType, id: string | undefined): RemoteComponentRef | undefined {
    return id === undefined ? undefined : this.remotesOf(type).get(id);
  }

  addDb(db: BaseDb | undefined): void {
    if (!db || typeof db.id !== "string") return;
    if (!this.dbs.has(db.id)) this.dbs.set(db.id, db);
  }

  private register(
    type: ComponentType,
    map: Map<string, Entry<any>>,
    values: ReadonlyArray<unknown>,
    osDb: BaseDb | undefined,
  ): void {
    const { list, label, factoryLabel, article } = KINDS[type];
    const remotes = this.remotesOf(type);
    const duplicate = (id: string, what: string) => {
      const existing = map.get(id);
      const other = existing
        ? describe(type, existing)
        : remotes.has(id)
          ? `Remote${label} "${id}"`
          : undefined;
      if (other) {
        throw new ConfigurationError(
          `AgentOS: ${other} and ${what} share the id "${id}". Ids must be unique among ${list}.`,
        );
      }
    };
    values.forEach((value, index) => {
      let entry: Entry<unknown>;
      const remote = remoteRef(value);
      if (remote) {
        if (remote.type !== type) {
          throw new ConfigurationError(
            `AgentOS: ${list}[${index}] is a remote ${remote.type} ("${remote.id}"); pass it in ${KINDS[remote.type].list}.`,
          );
        }
        duplicate(remote.id, `Remote${label} "${remote.id}"`);
        remotes.set(remote.id, remote);
        return;
      }
      if (isFactory(value)) {
        const kind = (value as { kind?: string }).kind;
        if (kind !== undefined && kind !== type) {
          throw new ConfigurationError(
            `AgentOS: ${list}[${index}] is ${kind === "agent" ? "an" : "a"} ${kind} factory ("${value.id}"); pass it in ${KINDS[kind as ComponentType]?.list ?? "its own list"}, or use ${article} ${factoryLabel} here.`,
          );
        }
        entry = { id: value.id, factory: value as ComponentFactory<unknown> };
        this.addDb(value.db as BaseDb);
      } else if (localKind(value) === type) {
        // A component without an id has one derived from its name already (core does it). As
        // the reference, AgentOS stores every component's events (RunContent deltas skipped).
        const component = value as Agent | Workflow;
        applyDefaults(component, {
          ...(osDb && !component.options.db ? { db: osDb } : {}),
          ...(component.options.storeEvents === undefined ? { storeEvents: true } : {}),
        });
        entry = { id: component.id, component };
        this.addDb(component.options.db);
        if (type === "team") this.addMemberDbs((component as Team).members);
      } else {
        throw new ConfigurationError(
          `AgentOS: ${list}[${index}] is not ${article} ${label} or ${article} ${factoryLabel}.`,
        );
      }
      duplicate(entry.id, describe(type, entry));
      map.set(entry.id, entry);
    });
  }

  private addMemberDbs(members: readonly TeamMember[]): void {
    for (const member of members) {
      const kind = localKind(member);
      if (kind === "agent" || kind === "team") this.addDb((member as Agent).db);
      if (kind === "team") this.addMemberDbs((member as Team).members);
    }
  }
}
