import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const entry = fileURLToPath(new URL("./index.ts", import.meta.url));

describe("browser bundle", () => {
  it("bundles src/index.ts for the browser with nothing external and no Node built-ins", async () => {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    const inputs = Object.keys(result.metafile.inputs);
    // Only this package's sources: no runtime import of @agno/core, @agno/os or node:*.
    expect(inputs.every((p) => p.startsWith("src/") || p.includes("packages/client/src/"))).toBe(
      true,
    );
    const imports = Object.values(result.metafile.inputs).flatMap((i) => i.imports);
    expect(imports.filter((i) => i.external)).toEqual([]);
    const code = result.outputFiles[0]?.text ?? "";
    expect(code).not.toMatch(/\bfrom\s+["']node:/);
    expect(code).not.toMatch(/\brequire\(/);
    expect(code).not.toMatch(/\bprocess\.|\bBuffer\b/);
    expect(code).toMatch(/class AgentOSClient\b|AgentOSClient = class/);
  });
});
