import { type Model, TestModel, type TestModelOptions } from "@agno/core";
import { OpenAIChat } from "@agno/models-openai";

/** True when the demo talks to OpenAI (OPENAI_API_KEY is set). */
export const usesOpenAI = Boolean(process.env.OPENAI_API_KEY);

/** The model id used with OpenAI. */
export const openAIModelId = process.env.OPENAI_MODEL ?? "gpt-4o-mini";

/**
 * A model for one agent: OpenAI's Chat Completions when OPENAI_API_KEY is set, otherwise the
 * offline TestModel (deterministic: it calls each tool once, then answers naming the results).
 */
export function model(offline: TestModelOptions = {}): Model {
  return usesOpenAI ? new OpenAIChat({ id: openAIModelId }) : new TestModel(offline);
}
