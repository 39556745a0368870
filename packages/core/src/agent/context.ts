import type { Image } from "../media/media.js";
import { createMessage, isMessageLike, type Message, type MessageInit } from "../messages.js";
import type { OutputSchemaSpec } from "../models/model.js";
import type { RunContext } from "../run/run-context.js";
import type { RunInput } from "../run/run-output.js";
import type { Tool } from "../tools/tool.js";
import type { Toolkit } from "../tools/toolkit.js";
import { safeStringify } from "../utils/json.js";
import type { Agent } from "./agent.js";
import type { AgentOptions, ContextFunctionParams } from "./options.js";

/** Fills `{key}` placeholders from session state, dependencies, metadata and the run's ids. Unknown keys stay. */
export function resolvePlaceholders(text: string, ctx: RunContext): string {
  if (!text.includes("{")) return text;
  const values: Record<string, unknown> = {
    ...ctx.metadata,
    ...ctx.dependencies,
    ...ctx.sessionState,
    user_id: ctx.userId,
    session_id: ctx.sessionId,
    run_id: ctx.runId,
  };
  return text.replace(/\{([a-zA-Z_][\w.-]*)\}/g, (match, key: string) => {
    const value = values[key];
    if (value === undefined || value === null) return match;
    return typeof value === "string" ? value : safeStringify(value);
  });
}

/** The current time in a zone, as `YYYY-MM-DD HH:MM:SS <zone>`. */
export function formatNow(timeZone?: string): string {
  const zone = timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? "UTC";
  const text = new Date().toLocaleString("sv-SE", { timeZone: zone, hour12: false });
  return `${text} ${zone}`;
}

/** An approximate location derived from the machine's time zone (no network lookup). */
export function approximateLocation(timeZone?: string): string {
  const zone = timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? "UTC";
  const city = zone.split("/").pop()?.replace(/_/g, " ") ?? zone;
  return `${city} (time zone ${zone})`;
}

/** The JSON instructions used when the model cannot enforce the output schema itself. */
export function jsonOutputPrompt(schema: Record<string, unknown>): string {
  const properties =
    (schema.properties as Record<string, Record<string, unknown>> | undefined) ?? undefined;
  let prompt = "Provide your output as a JSON containing the following fields:";
  if (properties) {
    const clean: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(properties)) {
      const { title: _title, ...rest } = v;
      clean[k] = rest;
    }
    prompt += `\n<json_fields>\n${JSON.stringify(Object.keys(properties))}\n</json_fields>`;
    prompt += `\n\nHere are the properties for each field:\n<json_field_properties>\n${JSON.stringify(clean, null, 2)}\n</json_field_properties>`;
  } else {
    prompt += `\n<json_schema>\n${JSON.stringify(schema, null, 2)}\n</json_schema>`;
  }
  prompt +=
    "\nStart your response with `{` and end it with `}`.\nYour output will be passed to JSON.parse() to convert it to an object.\nMake sure it only contains valid JSON.";
  return prompt;
}

/** Inputs of {@link buildSystemMessage}. */
export interface SystemMessageInputs {
  options: AgentOptions<any>;
  agent: Agent<any>;
  runContext: RunContext;
  toolkits: Toolkit[];
  tools: Tool[];
  outputSchema?: OutputSchemaSpec;
  addSessionStateToContext: boolean;
  /** User memories to show the model. */
  memories?: Array<{ memory: string }>;
  /** The session's summary to show the model. */
  summary?: string;
  /** Text placed before the instructions (a team's members and how to delegate). */
  preamble?: string;
}

/** Builds the system message (or null when there is none), following the spec's assembly order. */
export async function buildSystemMessage(input: SystemMessageInputs): Promise<Message | null> {
  const { options: o, runContext } = input;
  const role = o.systemMessageRole ?? "system";
  const resolve = (text: string) =>
    o.resolveInContext === false ? text : resolvePlaceholders(text, runContext);
  const fnParams: ContextFunctionParams = {
    agent: input.agent,
    runContext,
    sessionState: runContext.sessionState,
    dependencies: runContext.dependencies,
  };

  if (o.systemMessage !== undefined) {
    if (typeof o.systemMessage === "string")
      return createMessage({ role, content: resolve(o.systemMessage) });
    if (typeof o.systemMessage === "function") {
      return createMessage({ role, content: resolve(await o.systemMessage(fnParams)) });
    }
    return createMessage({
      ...o.systemMessage,
      id: undefined,
      created_at: undefined,
    } as MessageInit);
  }
  if (o.buildContext === false) return null;

  let text = "";
  if (o.description) text += `${o.description}\n`;
  if (o.role) text += `\n<your_role>\n${o.role}\n</your_role>\n\n`;

  if (input.preamble) text += `${input.preamble}\n\n`;

  let instructions: string[] = [];
  if (o.instructions !== undefined) {
    const value =
      typeof o.instructions === "function" ? await o.instructions(fnParams) : o.instructions;
    instructions = (Array.isArray(value) ? value : [value]).filter(
      (i) => typeof i === "string" && i.length > 0,
    );
  }
  if (instructions.length === 1) text += `${instructions[0]}\n\n`;
  else if (instructions.length > 1) text += instructions.map((i) => `- ${i}\n`).join("");

  const info: string[] = [];
  if (o.markdown && !input.outputSchema) info.push("Use markdown to format your answers.");
  if (o.addDatetimeToContext) info.push(`The current time is ${formatNow(o.timezoneIdentifier)}.`);
  if (o.addLocationToContext)
    info.push(`Your approximate location is: ${approximateLocation(o.timezoneIdentifier)}.`);
  if (o.addNameToContext && o.name) info.push(`Your name is: ${o.name}.`);
  if (info.length > 0) {
    text += `<additional_information>${info.map((i) => `\n- ${i}`).join("")}\n</additional_information>\n\n`;
  }

  for (const toolkit of input.toolkits) {
    if (toolkit.addInstructions && toolkit.instructions) text += `${toolkit.instructions}\n`;
  }
  for (const t of input.tools) {
    if (t.addInstructions && t.instructions) text += `${t.instructions}\n`;
  }

  if (o.resolveInContext !== false) text = resolvePlaceholders(text, runContext);

  if (o.expectedOutput)
    text += `<expected_output>\n${o.expectedOutput.trim()}\n</expected_output>\n\n`;
  if (o.additionalContext) text += `${resolve(o.additionalContext)}\n`;

  if (input.memories && input.memories.length > 0) {
    text +=
      "You have memories from previous interactions with this user:\n\n<memories_from_previous_interactions>\n" +
      input.memories.map((m) => `- ${m.memory}`).join("\n") +
      "\n</memories_from_previous_interactions>\n\nThey may be out of date: prefer what the user says in this conversation.\n\n";
  }
  if (input.summary) {
    text += `Here is a summary of your previous interactions with this user:\n\n<summary_of_previous_interactions>\n${input.summary}\n</summary_of_previous_interactions>\n\n`;
  }

  if (input.outputSchema && input.outputSchema.mode !== "json_schema") {
    text += `${jsonOutputPrompt(input.outputSchema.schema)}\n`;
  }
  if (input.addSessionStateToContext) {
    text += `\n<session_state>\n${JSON.stringify(runContext.sessionState)}\n</session_state>\n\n`;
  }

  text = text.trim();
  if (!text) return null;
  return createMessage({ role, content: text });
}

/** Turns `additionalInput` entries into messages (strings become user messages). */
export function buildAdditionalInput(entries: AgentOptions<any>["additionalInput"]): Message[] {
  return (entries ?? []).map((entry) => {
    if (typeof entry === "string") return createMessage({ role: "user", content: entry });
    if (isMessageLike(entry)) return createMessage(entry as MessageInit);
    return createMessage({ role: "user", content: safeStringify(entry) });
  });
}

/** Inputs of {@link buildUserMessages}. */
export interface UserMessageInputs {
  options: AgentOptions<any>;
  runInput: RunInput;
  runContext: RunContext;
  addDependenciesToContext: boolean;
  sendMedia: boolean;
}

/**
 * Builds the user's messages. Text and objects become one user message (objects as JSON);
 * messages are used as given. Media attach to the last user message unless `sendMediaToModel` is false.
 */
export function buildUserMessages(input: UserMessageInputs): Message[] {
  const { options: o, runInput } = input;
  const role = o.userMessageRole ?? "user";
  const raw = runInput.input_content;
  let messages: Message[];
  if (Array.isArray(raw) && raw.length > 0 && raw.every(isMessageLike)) {
    messages = raw.map((m) => createMessage(m as MessageInit));
  } else if (isMessageLike(raw)) {
    messages = [createMessage(raw as MessageInit)];
  } else {
    let text = typeof raw === "string" ? raw : safeStringify(raw);
    if (o.buildUserContext !== false && input.addDependenciesToContext) {
      const deps = input.runContext.dependencies;
      if (Object.keys(deps).length > 0) {
        text += `\n\n<additional context>\n${JSON.stringify(deps, null, 2)}\n</additional context>`;
      }
    }
    messages = [createMessage({ role, content: text })];
  }
  if (input.sendMedia) {
    const target =
      [...messages].reverse().find((m) => m.role === role || m.role === "user") ?? messages.at(-1);
    if (target) {
      if (runInput.images?.length)
        target.images = [...(target.images ?? []), ...runInput.images] as Image[];
      if (runInput.audio?.length) target.audio = [...(target.audio ?? []), ...runInput.audio];
      if (runInput.videos?.length) target.videos = [...(target.videos ?? []), ...runInput.videos];
      if (runInput.files?.length) target.files = [...(target.files ?? []), ...runInput.files];
    }
  }
  return messages;
}
