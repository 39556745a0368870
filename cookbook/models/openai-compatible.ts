/**
 * Any OpenAI-compatible server (vLLM, Ollama, llama.cpp, AI/ML API...) through baseURL.
 * Run: OPENAI_BASE_URL=http://localhost:11434/v1 OPENAI_API_KEY=ollama AGNO_MODEL=openai:llama3.2 pnpm tsx cookbook/models/openai-compatible.ts
 */
import { Agent } from "@agno/core";
import { OpenAIChat } from "@agno/models-openai";

const modelId = (process.env.AGNO_MODEL ?? "openai:gpt-4o-mini").replace(/^openai:/, "");
const agent = new Agent({
  name: "Compatible",
  // baseURL and apiKey default to OPENAI_BASE_URL and OPENAI_API_KEY.
  model: new OpenAIChat({ id: modelId }),
  instructions: "Answer in one sentence.",
});

const output = await agent.run("What is the capital of France?");
console.log(`${output.model_provider}/${output.model}: ${output.content}`);
console.log(`tokens: ${output.metrics?.total_tokens ?? 0}`);
