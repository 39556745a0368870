/** Status of a run, serialized as these upper-case strings (as the AgentOS wire does). */
export const RunStatus = {
  pending: "PENDING",
  running: "RUNNING",
  completed: "COMPLETED",
  paused: "PAUSED",
  cancelled: "CANCELLED",
  error: "ERROR",
} as const;

export type RunStatus = (typeof RunStatus)[keyof typeof RunStatus];
