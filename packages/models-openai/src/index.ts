import { registerModelProvider } from "@agno/core";
import { OpenAIChat } from "./openai-chat.js";
import { OpenAIResponses } from "./openai-responses.js";

export type { OpenAIClientOptions } from "./client.js";
export { OpenAIChat, type OpenAIChatOptions, type ReasoningEffort } from "./openai-chat.js";
export { OpenAIResponses, type OpenAIResponsesOptions } from "./openai-responses.js";
export { toStrictJsonSchema } from "./strict-schema.js";

// Importing the package makes "openai:<id>" and "openai-responses:<id>" model strings resolve.
registerModelProvider("openai", (id) => new OpenAIChat({ id }));
registerModelProvider("openai-responses", (id) => new OpenAIResponses({ id }));
