import { type Model, TestModel, type TestModelOptions } from "@agno/core";

/**
 * The model the cookbook runs on: OpenAI when OPENAI_API_KEY is set and @agno/models-openai is
 * installed, otherwise the offline TestModel (so every example runs without a key).
 */
export async function pickModel(testOptions: TestModelOptions = {}): Promise<Model | string> {
  if (process.env.OPENAI_API_KEY) {
    try {
      await import("@agno/models-openai" as string);
      return process.env.AGNO_MODEL ?? "openai:gpt-4o-mini";
    } catch {
      console.warn(
        "OPENAI_API_KEY is set but @agno/models-openai is not installed; using TestModel.",
      );
    }
  }
  return new TestModel(testOptions);
}
