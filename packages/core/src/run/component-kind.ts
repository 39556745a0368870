/** What kind of component runs: decides event names, id fields and the session type. */
export interface ComponentKind {
  type: "agent" | "team";
  /** Prefix of run event names (`"Team"` makes `TeamRunStarted`). */
  eventPrefix: "" | "Team";
  idKey: "agent_id" | "team_id";
  nameKey: "agent_name" | "team_name";
  dataKey: "agent_data" | "team_data";
}

export const AGENT_KIND: ComponentKind = {
  type: "agent",
  eventPrefix: "",
  idKey: "agent_id",
  nameKey: "agent_name",
  dataKey: "agent_data",
};

export const TEAM_KIND: ComponentKind = {
  type: "team",
  eventPrefix: "Team",
  idKey: "team_id",
  nameKey: "team_name",
  dataKey: "team_data",
};

/** The event's name without the component prefix (`TeamRunContent` → `RunContent`). */
export function baseEventName(event: string): string {
  return event.startsWith("Team") ? event.slice(4) : event;
}
