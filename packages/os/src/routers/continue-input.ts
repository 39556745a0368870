import type { ToolExecution } from "@agno/core";
import { httpError } from "../errors.js";
import type { RequestBody } from "../http/body.js";
import { parseBool } from "../http/validation.js";

/** What a continue request says, once read. */
export interface ContinueInput {
  /** The paused tool executions, answered. */
  tools?: ToolExecution[];
  stream: boolean;
  background: boolean;
}

function unavailable(feature: string) {
  return httpError(501, `${feature} is not available yet in this AgentOS`);
}

function parseToolsField(raw: string | undefined, field: string): ToolExecution[] | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw httpError(400, `Invalid JSON in ${field} field`);
  }
  if (!Array.isArray(value) || value.some((t) => !t || typeof t !== "object" || Array.isArray(t))) {
    throw httpError(
      400,
      `Invalid structure or content for ${field}: expected a JSON array of ${field === "tools" ? "tool executions" : "requirements"}`,
    );
  }
  const tools = value.map((item) => {
    const requirement = item as { tool_execution?: unknown };
    return (
      field === "requirements" && requirement.tool_execution ? requirement.tool_execution : item
    ) as ToolExecution;
  });
  for (const t of tools) {
    if (!t || typeof t !== "object" || typeof t.tool_call_id !== "string") {
      throw httpError(
        400,
        `Invalid structure or content for ${field}: each entry needs a tool_call_id (send complete tool executions)`,
      );
    }
  }
  return tools;
}

/**
 * The continue form of agents and teams: the answered tools (`tools`, or a team's
 * `requirements`), then 501 for the options whose engine is not built (fork, regenerate,
 * continue_from, new input), then `stream` and `background`.
 */
export function readToolAnswers(body: RequestBody, field: "tools" | "requirements"): ContinueInput {
  const tools = parseToolsField(body.string(field), field);
  if (parseBool(body.get("fork"), false, "body", "fork")) throw unavailable("Forking runs");
  if (parseBool(body.get("regenerate"), false, "body", "regenerate"))
    throw unavailable("Regenerating runs");
  const from = body.string("continue_from");
  if (from !== undefined && from !== "" && from !== "end")
    throw unavailable("continue_from other than 'end'");
  if (body.string("input") || body.string("additional_instructions"))
    throw unavailable("Continuing a run with new input");
  return {
    ...(tools ? { tools } : {}),
    stream: parseBool(body.get("stream"), true, "body", "stream"),
    background: parseBool(body.get("background"), false, "body", "background"),
  };
}

/** The continue form of workflows: `step_requirements` (a JSON array) and `stream`. */
export function readStepRequirements(body: RequestBody): ContinueInput {
  const raw = body.string("step_requirements");
  if (raw !== undefined && raw.trim() !== "") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw httpError(400, "Invalid JSON in step_requirements field");
    }
    if (!Array.isArray(parsed)) {
      throw httpError(
        400,
        "Invalid structure or content for step_requirements: expected a JSON array",
      );
    }
  }
  return { stream: parseBool(body.get("stream"), true, "body", "stream"), background: false };
}
