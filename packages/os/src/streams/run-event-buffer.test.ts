import { describe, expect, it } from "vitest";
import { MemoryRunEventBuffer, statusOfLastEvent } from "./run-event-buffer.js";

const owner = { kind: "agent" as const, componentId: "a", sessionId: "s" };

describe("MemoryRunEventBuffer", () => {
  it("numbers events from 0 and trims the oldest past maxEvents", () => {
    const buffer = new MemoryRunEventBuffer({ maxEvents: 3 });
    buffer.open("r", owner);
    for (let i = 0; i < 5; i++) expect(buffer.append("r", { event: "E", i })).toBe(i);
    const held = buffer.read("r", -1)!;
    expect(held.total).toBe(5);
    expect(held.events.map((e) => e.index)).toEqual([2, 3, 4]);
    expect(buffer.read("r", 3)!.events.map((e) => e.index)).toEqual([4]);
  });

  it("trims the oldest past maxBytes", () => {
    const buffer = new MemoryRunEventBuffer({ maxBytes: 70 });
    buffer.open("r", owner);
    for (let i = 0; i < 4; i++) buffer.append("r", { event: "E", text: "x".repeat(10) });
    expect(buffer.read("r", -1)!.events.map((e) => e.index)).toEqual([2, 3]);
  });

  it("forgets a run graceSeconds after it ended, not before", () => {
    let now = 0;
    const buffer = new MemoryRunEventBuffer({ graceSeconds: 10 }, () => now);
    buffer.open("r", owner);
    buffer.append("r", { event: "RunCompleted" });
    buffer.finish("r", "completed");
    now = 9_999;
    expect(buffer.read("r", -1)?.status).toBe("completed");
    now = 10_000;
    expect(buffer.read("r", -1)).toBeUndefined();
  });

  it("tells subscribers each new event, then the end", () => {
    const buffer = new MemoryRunEventBuffer();
    buffer.open("r", owner);
    const seen: unknown[] = [];
    buffer.subscribe("r", { event: (e) => seen.push(e.index), end: (s) => seen.push(s) });
    buffer.append("r", { event: "A" });
    buffer.finish("r", "cancelled");
    expect(seen).toEqual([0, "cancelled"]);
  });

  it("keeps at most maxRuns, forgetting the oldest ended runs first", () => {
    const buffer = new MemoryRunEventBuffer({ maxRuns: 2 });
    for (const id of ["a", "b", "c"]) {
      buffer.open(id, owner);
      buffer.finish(id, "completed");
    }
    expect(buffer.read("a", -1)).toBeUndefined();
    expect(buffer.size).toBe(2);
  });

  it("names a run's end from its last event", () => {
    expect(statusOfLastEvent("TeamRunCancelled")).toBe("cancelled");
    expect(statusOfLastEvent("WorkflowError")).toBe("error");
    expect(statusOfLastEvent("RunPaused")).toBe("paused");
    expect(statusOfLastEvent("RunContent")).toBe("completed");
  });
});
