import { describe, expect, it } from "vitest";
import { script } from "./run-script.js";

describe("cookbook/workflows runs without an API key", () => {
  it("draft-then-edit completes both steps", async () => {
    const out = await script("cookbook/workflows/draft-then-edit.ts");
    expect(out).toContain("Final (COMPLETED):");
    expect(out).toContain("Steps with metrics: Draft, Edit");
  });

  it("tiered-steps runs a deeper graph for premium", async () => {
    const out = await script("cookbook/workflows/tiered-steps.ts");
    expect(out).toContain("premium: Log request | Premium tier |   Deep analysis | Summary");
    expect(out).toContain("stored state: { tier: 'premium', requests: 2 }");
  });

  it("parallel-research merges both branches", async () => {
    const out = await script("cookbook/workflows/parallel-research.ts");
    expect(out).toContain("- Web: coral reefs");
    expect(out).toContain("- Papers: reef bleaching");
  });

  it("loop-until-approved stops on its end condition", async () => {
    const out = await script("cookbook/workflows/loop-until-approved.ts");
    expect(out).toContain("Loop ended after 3 iterations.");
  });

  it("content-router picks a writer per request", async () => {
    const out = await script("cookbook/workflows/content-router.ts");
    expect(out).toContain("-> Technical writer:");
    expect(out).toContain("-> General writer:");
  });

  it("background-run polls and cancels a background run", async () => {
    const out = await script("cookbook/workflows/background-run.ts");
    expect(out).toContain("cancelRun -> true");
    expect(out).toContain("stored: CANCELLED, steps kept: Collect=collected sensor data");
  });
});
