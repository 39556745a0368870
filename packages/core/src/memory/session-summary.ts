import { z } from "zod";
import type { SessionSummaryRecord } from "../db/types.js";
import { ConfigurationError } from "../errors.js";
import type { Model } from "../models/model.js";
import { resolveModel } from "../models/resolve.js";
import type { AgentSession } from "../session/agent-session.js";
import { structuredCall } from "./tool-loop.js";

/** Options of {@link SessionSummaryManager}. */
export interface SessionSummaryManagerOptions {
  /** Model that writes summaries (defaults to the agent's model when used by an agent). */
  model?: Model | string;
  /** Replaces the default instructions for writing the summary. */
  sessionSummaryPrompt?: string;
  /** The user message asking for the summary. @default "Provide the summary of the conversation." */
  summaryRequestMessage?: string;
}

/** A session's summary. */
export type SessionSummary = SessionSummaryRecord;

const SummarySchema = z
  .object({
    summary: z
      .string()
      .describe("Concise summary of the session, focusing on important information."),
    topics: z.array(z.string()).describe("Topics discussed in the session."),
  })
  .meta({ title: "SessionSummary" });

/** Writes concise summaries (with topics) of agent or team sessions with a model. */
export class SessionSummaryManager {
  readonly options: SessionSummaryManagerOptions;
  /** True when the last call created a summary. */
  summariesUpdated = false;
  #model: Model | undefined;

  constructor(options: SessionSummaryManagerOptions = {}) {
    this.options = options;
  }

  get summaryRequestMessage(): string {
    return this.options.summaryRequestMessage ?? "Provide the summary of the conversation.";
  }

  /** Uses the agent's model when none was given. */
  withDefaults(model: Model | undefined): this {
    if (!this.options.model && !this.#model) this.#model = model;
    return this;
  }

  private async model(): Promise<Model> {
    if (this.#model) return this.#model;
    if (!this.options.model)
      throw new ConfigurationError("SessionSummaryManager needs a model: pass { model }.");
    this.#model = await resolveModel(this.options.model);
    return this.#model;
  }

  /** Summarizes the session's conversation; null when there is nothing to summarize or the model's answer is unusable. */
  async createSessionSummary(session: AgentSession): Promise<SessionSummary | null> {
    this.summariesUpdated = false;
    const conversation = session
      .getMessages({ skipRoles: ["system"] })
      .filter((m) => (m.role === "user" || m.role === "assistant") && m.content)
      .map((m) => `${m.role}: ${m.content}`)
      .join("\n");
    if (!conversation) return null;
    const prompt =
      this.options.sessionSummaryPrompt ??
      "Summarize the conversation between a user and an assistant. Keep the facts that matter for continuing it " +
        "(who the user is, what they want, decisions made), and list the topics discussed.";
    const parsed = (await structuredCall(
      await this.model(),
      `${prompt}\n\n<conversation>\n${conversation}\n</conversation>`,
      this.summaryRequestMessage,
      SummarySchema,
    )) as { summary: string; topics: string[] } | null;
    if (!parsed) return null;
    this.summariesUpdated = true;
    return { summary: parsed.summary, topics: parsed.topics, updated_at: new Date().toISOString() };
  }
}
