import { describe, expect, it } from "vitest";
import { ConfigurationError, registerModelPackage, resolveModel } from "../index.js";

describe("model strings without their provider package", () => {
  it("names the package to install", async () => {
    registerModelPackage("acme", "@acme/agno-models-not-installed", "AcmeChat");
    const error = await resolveModel("acme:rocket-1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toBe(
      'The model string "acme:rocket-1" needs the package @acme/agno-models-not-installed. Install it: npm install @acme/agno-models-not-installed',
    );
  });
});
