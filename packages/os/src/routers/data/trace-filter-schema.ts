const IDS = ["EQ", "NEQ", "CONTAINS", "STARTSWITH", "IN"];
const TIMES = ["GT", "GTE", "LT", "LTE"];

/** What `GET /traces/filter-schema` answers: the fields, operators and values trace search takes. */
export const TRACE_FILTER_SCHEMA = {
  fields: [
    {
      key: "status",
      label: "Status",
      type: "enum",
      operators: ["EQ", "NEQ", "IN"],
      values: ["OK", "ERROR"],
    },
    { key: "user_id", label: "User ID", type: "string", operators: IDS },
    { key: "agent_id", label: "Agent ID", type: "string", operators: IDS },
    { key: "team_id", label: "Team ID", type: "string", operators: IDS },
    { key: "workflow_id", label: "Workflow ID", type: "string", operators: IDS },
    { key: "session_id", label: "Session ID", type: "string", operators: IDS },
    { key: "run_id", label: "Run ID", type: "string", operators: IDS },
    {
      key: "name",
      label: "Trace Name",
      type: "string",
      operators: ["EQ", "NEQ", "CONTAINS", "STARTSWITH"],
    },
    { key: "trace_id", label: "Trace ID", type: "string", operators: IDS },
    {
      key: "duration_ms",
      label: "Duration (ms)",
      type: "number",
      operators: ["EQ", "NEQ", "GT", "GTE", "LT", "LTE"],
    },
    { key: "start_time", label: "Start Time", type: "datetime", operators: TIMES },
    { key: "end_time", label: "End Time", type: "datetime", operators: TIMES },
    { key: "created_at", label: "Created At", type: "datetime", operators: TIMES },
  ],
  logical_operators: ["AND", "OR"],
} as const;
