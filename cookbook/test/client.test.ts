import { describe, expect, it } from "vitest";
import { script } from "./run-script.js";

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
    expect(out).toMatch(/Streamed events: RunStarted -> .*ToolCallStarted .*-> RunCompleted/);
    expect(out).toContain("travel-team (remote) COMPLETED");
    expect(out).toContain("weather-report (remote) COMPLETED: Lisbon basks in the sun today");
  }, 60_000);
});
