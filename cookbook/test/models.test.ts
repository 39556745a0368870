import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { startOpenAIServer } from "@agno/test-utils/openai-server";
import { describe, expect, it } from "vitest";
import { root, tsx } from "./run-script.js";

const run = promisify(execFile);

describe("cookbook against an OpenAI-compatible endpoint", () => {
  it("runs an agent script through OPENAI_BASE_URL with a dummy key", async () => {
    const server = await startOpenAIServer();
    try {
      server.enqueue({
        text: "Paris is the capital of France.",
        usage: { inputTokens: 12, outputTokens: 7 },
      });
      const { stdout } = await run(tsx, ["cookbook/models/openai-compatible.ts"], {
        cwd: root,
        env: {
          ...process.env,
          OPENAI_API_KEY: "dummy-key",
          OPENAI_BASE_URL: server.baseURL,
          AGNO_MODEL: "openai:llama3.2",
        },
        timeout: 60_000,
      });
      expect(stdout).toContain("OpenAI/llama3.2: Paris is the capital of France.");
      expect(stdout).toContain("tokens: 19");
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]?.headers.authorization).toBe("Bearer dummy-key");
      expect(server.requests[0]?.body).toMatchObject({ model: "llama3.2" });
    } finally {
      await server.close();
    }
  });

  it("runs the basic cookbook agent on OpenAI when a key is set", async () => {
    const server = await startOpenAIServer();
    try {
      server.enqueue({ text: "Try a lentil soup." });
      const { stdout } = await run(tsx, ["cookbook/agents/basic-agent.ts"], {
        cwd: root,
        env: {
          ...process.env,
          OPENAI_API_KEY: "dummy-key",
          OPENAI_BASE_URL: server.baseURL,
          NO_COLOR: "1",
        },
        timeout: 60_000,
      });
      expect(stdout).toContain("Try a lentil soup.");
      expect(server.requests[0]?.body).toMatchObject({ model: "gpt-4o-mini", stream: true });
    } finally {
      await server.close();
    }
  });
});
