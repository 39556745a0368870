import { describe, expect, it } from "vitest";
import * as core from "./index.js";

/** Every error class core exports (its own and the factory errors it re-exports). */
const errorClasses = Object.entries(core).filter(
  ([, value]) =>
    typeof value === "function" &&
    (value === core.AgnoError || value.prototype instanceof core.AgnoError),
) as Array<[string, typeof core.AgnoError]>;

describe("error markers", () => {
  it("every error class declares a marker of its own", () => {
    expect(errorClasses.length).toBeGreaterThan(15);
    const markers = new Set<symbol>();
    for (const [name, cls] of errorClasses) {
      expect(Object.hasOwn(cls, "marker"), name).toBe(true);
      expect(markers.has(cls.marker), name).toBe(false);
      markers.add(cls.marker);
    }
  });

  it("isInstance recognises an error of the class or a subclass, and nothing else", () => {
    const stop = new core.StopAgentRun("stop");
    expect(core.StopAgentRun.isInstance(stop)).toBe(true);
    expect(core.AgentRunException.isInstance(stop)).toBe(true);
    expect(core.AgnoError.isInstance(stop)).toBe(true);
    expect(core.RetryAgentRun.isInstance(stop)).toBe(false);
    expect(core.StorageError.isInstance(stop)).toBe(false);
    expect(core.AgnoError.isInstance(new Error("plain"))).toBe(false);
    expect(core.AgnoError.isInstance(null)).toBe(false);
    expect(core.FactoryError.isInstance(new core.FactoryPermissionError("no"))).toBe(true);
  });

  it("recognises errors made by another copy of the package", async () => {
    // A second instance of the modules, as a duplicate install would load.
    const path = "./errors.js?duplicate-install";
    const copy = (await import(/* @vite-ignore */ path)) as typeof import("./errors.js");
    expect(copy.InputCheckError).not.toBe(core.InputCheckError);
    const foreign = new copy.InputCheckError("blocked");
    expect(foreign instanceof core.InputCheckError).toBe(false);
    expect(core.InputCheckError.isInstance(foreign)).toBe(true);
    expect(core.OutputCheckError.isInstance(foreign)).toBe(false);
    expect(core.AgnoError.isInstance(foreign)).toBe(true);
  });
});
