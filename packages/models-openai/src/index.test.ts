import { Agent, createMessage, resolveModel } from "@agno/core";
import { type OpenAIServer, startOpenAIServer } from "@agno/test-utils/openai-server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { OpenAIChat, OpenAIResponses } from "./index.js";

let server: OpenAIServer;
beforeEach(async () => {
  server = await startOpenAIServer();
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await server.close();
});

describe("model strings", () => {
  it('resolves "openai:<id>" to OpenAIChat once the package is imported', async () => {
    const model = await resolveModel("openai:gpt-4o");
    expect(model).toBeInstanceOf(OpenAIChat);
    expect(model.toJSON()).toEqual({ id: "gpt-4o", name: "OpenAIChat", provider: "OpenAI" });
  });

  it('resolves "openai-responses:<id>" to OpenAIResponses', async () => {
    const model = await resolveModel("openai-responses:gpt-4.1");
    expect(model).toBeInstanceOf(OpenAIResponses);
    expect(model.id).toBe("gpt-4.1");
  });

  it("defaults to gpt-4o", () => {
    expect(new OpenAIChat().id).toBe("gpt-4o");
    expect(new OpenAIResponses().id).toBe("gpt-4o");
  });
});

describe("environment", () => {
  it("honours OPENAI_BASE_URL and OPENAI_API_KEY, read at the first request", async () => {
    const model = new OpenAIChat({ id: "llama3.2" });
    vi.stubEnv("OPENAI_BASE_URL", server.baseURL);
    vi.stubEnv("OPENAI_API_KEY", "dummy-key");
    server.enqueue("from env");
    const output = await new Agent({ model }).run("hi");
    expect(output.content).toBe("from env");
    expect(server.requests[0]?.headers.authorization).toBe("Bearer dummy-key");
    expect(server.requests[0]?.body.model).toBe("llama3.2");
  });

  it("runs an agent from a model string against OPENAI_BASE_URL", async () => {
    vi.stubEnv("OPENAI_BASE_URL", server.baseURL);
    vi.stubEnv("OPENAI_API_KEY", "dummy-key");
    server.enqueue("string model");
    const output = await new Agent({ model: "openai-responses:gpt-4.1-nano" }).run("hi");
    expect(output.content).toBe("string model");
    expect(server.requests[0]?.path).toBe("/v1/responses");
  });

  it("names OPENAI_API_KEY when no key is set", async () => {
    vi.stubEnv("OPENAI_API_KEY", "");
    const model = new OpenAIChat({ baseURL: server.baseURL });
    const error = await model
      .response({ messages: [createMessage({ role: "user", content: "hi" })] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: "ModelProviderError",
      status: 401,
      provider: "OpenAI",
      modelId: "gpt-4o",
    });
    expect((error as Error).message).toMatch(/OPENAI_API_KEY/);
    expect(server.requests).toHaveLength(0);
  });
});
