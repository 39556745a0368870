import { type RunEventName, TeamRunEvent } from "./events.js";

/** What kind of component runs: decides event names, id fields and the session type. */
export interface ComponentKind {
  type: "agent" | "team";
  /** The name this kind gives each run event (`RunStarted` is `TeamRunStarted` for a team). */
  eventName(event: RunEventName): string;
  idKey: "agent_id" | "team_id";
  nameKey: "agent_name" | "team_name";
  dataKey: "agent_data" | "team_data";
}

export const AGENT_KIND: ComponentKind = {
  type: "agent",
  eventName: (event) => event,
  idKey: "agent_id",
  nameKey: "agent_name",
  dataKey: "agent_data",
};

export const TEAM_KIND: ComponentKind = {
  type: "team",
  eventName: (event) => TeamRunEvent[event] ?? event,
  idKey: "team_id",
  nameKey: "team_name",
  dataKey: "team_data",
};

const BASE_NAMES = new Map<string, string>(
  Object.entries(TeamRunEvent).map(([base, team]) => [team, base]),
);

/** The event's name as an agent's event (`TeamRunContent` → `RunContent`). */
export function baseEventName(event: string): string {
  return BASE_NAMES.get(event) ?? event;
}
