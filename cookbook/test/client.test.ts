import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));
const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));

/** Runs a cookbook script the way the docs say (tsx from the repository root), offline. */
async function script(path: string): Promise<string> {
  const env = { ...process.env, OPENAI_API_KEY: "", NO_COLOR: "1" };
  const { stdout } = await run(tsx, [path], { cwd: root, env, timeout: 60_000 });
  return stdout;
}

describe("cookbook/client runs without an API key", () => {
  it("gateway serves remote components next to a local one", async () => {
    const out = await script("cookbook/client/gateway.ts");
    expect(out).toContain("Agents via gateway: greeter, weather-agent");
    expect(out).toContain("Teams via gateway: travel-team");
    expect(out).toContain("Workflows via gateway: weather-report");
    expect(out).toContain("Weather Agent: Answers questions about the weather.");
    expect(out).toContain("greeter (local) COMPLETED: Hello from the gateway!");
    expect(out).toContain(
      "weather-agent (remote) COMPLETED: Tool results: get_weather returned Sunny and 22°C in Lisbon.",
    );
    expect(out).toMatch(/Streamed events: RunStarted -> ToolCallStarted .*-> RunCompleted/);
    expect(out).toContain("travel-team (remote) COMPLETED");
    expect(out).toContain("weather-report (remote) COMPLETED: Lisbon basks in the sun today");
  }, 60_000);
});
