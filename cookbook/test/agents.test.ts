import { describe, expect, it } from "vitest";
import { script } from "./run-script.js";

describe("cookbook/agents runs without an API key", () => {
  it("basic-agent prints the message and the answer", async () => {
    const out = await script("cookbook/agents/basic-agent.ts");
    expect(out).toContain("What healthy dinner can I have today?");
    expect(out).toContain("Grilled salmon");
  });

  it("agent-with-tools calls every tool and answers from the results", async () => {
    const out = await script("cookbook/agents/agent-with-tools.ts");
    expect(out).toContain('tool add({"a":2,"b":3}) -> 5');
    expect(out).toContain('tool multiply({"a":4,"b":5}) -> 20');
    expect(out).toContain("get_weather returned");
  });

  it("streaming-events shows tool events and the completion", async () => {
    const out = await script("cookbook/agents/streaming-events.ts");
    expect(out).toMatch(
      /\[RunStarted\][\s\S]*\[ToolCallStarted\][\s\S]*\[ToolCallCompleted\][\s\S]*\[RunCompleted\]/,
    );
  });

  it("structured-output prints typed fields", async () => {
    const out = await script("cookbook/agents/structured-output.ts");
    expect(out).toContain("content_type: MovieScript");
    expect(out).toContain("characters: Inês, Tomás");
  });

  it("retry-agent-run keeps going until the tool is satisfied", async () => {
    const out = await script("cookbook/agents/retry-agent-run.ts");
    expect(out).toContain("retry: The list has 1 item(s)");
    expect(out).toContain("COMPLETED: Done. List complete: milk, eggs, bread");
  });

  it("stop-agent-run completes after one model call", async () => {
    const out = await script("cookbook/agents/stop-agent-run.ts");
    expect(out).toContain("status: COMPLETED");
    expect(out).toContain("model calls: 1");
  });

  it("cancellation ends with RunCancelled", async () => {
    const out = await script("cookbook/agents/cancellation.ts");
    expect(out).toContain("cancelRun -> true");
    expect(out).toMatch(/\[RunCancelled\] Run .* was cancelled/);
  });

  it("human-in-the-loop pauses then completes", async () => {
    const out = await script("cookbook/agents/human-in-the-loop.ts");
    expect(out).toContain("status: PAUSED - I have tools to execute, but I need confirmation.");
    expect(out).toContain("status: COMPLETED");
  });

  it("custom-events delivers the tool's event", async () => {
    const out = await script("cookbook/agents/custom-events.ts");
    expect(out).toContain("custom event: John Doe <john.doe@example.com>");
  });
});

describe("cookbook/factories", () => {
  it("base-factory builds a component from the request context", async () => {
    const out = await script("cookbook/factories/base-factory.ts");
    expect(out).toContain("Good day, ada");
  });
});

describe("cookbook/teams", () => {
  it("research-team shows the leader delegating and both members at work", async () => {
    const out = await script("cookbook/teams/research-team.ts");
    expect(out).toContain("[leader] delegate_task_to_members");
    expect(out).toContain("[member searcher] search_web ->");
    expect(out).toContain("[member writer] Brief: solid-state batteries");
    expect(out).toContain("[team] ");
  });

  it("language-router answers with the right member's words", async () => {
    const out = await script("cookbook/teams/language-router.ts");
    expect(out).toContain("Hi there! -> Hello! How can I help?");
    expect(out).toContain("Bonjour, je cherche un hôtel -> Bonjour ! Comment puis-je vous aider ?");
  });
});
