// The published types stand alone: a consumer (test-fixtures/consumer) type-checks against the
// built .d.ts in a directory where @agno/core cannot be resolved.
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const exec = promisify(execFile);
const require = createRequire(import.meta.url);
const packageDir = fileURLToPath(new URL("..", import.meta.url));
const tsupCli = join(dirname(require.resolve("tsup/package.json")), "dist", "cli-default.js");
const tscCli = join(dirname(require.resolve("typescript/package.json")), "bin", "tsc");

let dir = "";
let installed = "";

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "agno-client-consumer-"));
  installed = join(dir, "node_modules", "@agno", "client");
  // Built straight into the installed copy: dist/ may be rebuilt by a parallel `build` meanwhile.
  await exec(process.execPath, [tsupCli, "--out-dir", join(installed, "dist"), "--silent"], {
    cwd: packageDir,
  });
  await cp(join(packageDir, "package.json"), join(installed, "package.json"));
  await cp(join(packageDir, "test-fixtures", "consumer"), dir, { recursive: true });
}, 180_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function fixtureOptions(): ts.CompilerOptions {
  const configPath = join(dir, "tsconfig.json");
  const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
  return ts.parseJsonConfigFileContent(config, ts.sys, dir).options;
}

describe("the published types", () => {
  it("resolve @agno/client to the built .d.ts, and @agno/core not at all", () => {
    const options = fixtureOptions();
    const from = join(dir, "index.ts");
    const client = ts.resolveModuleName("@agno/client", from, options, ts.sys).resolvedModule;
    expect(client?.resolvedFileName).toBe(join(installed, "dist", "index.d.ts"));
    const core = ts.resolveModuleName("@agno/core", from, options, ts.sys).resolvedModule;
    expect(core).toBeUndefined();
  });

  it("import nothing from @agno/core", async () => {
    const dts = await readFile(join(installed, "dist", "index.d.ts"), "utf8");
    expect(dts).toContain("declare class AgentOSClient");
    expect(dts).not.toMatch(/from\s+["']@agno\/core["']|import\(\s*["']@agno\/core["']\s*\)/);
  });

  it("type-check a consumer of AgentOSClient, remote components, streamed events and outputs", async () => {
    const result = await exec(process.execPath, [tscCli, "-p", join(dir, "tsconfig.json")], {
      cwd: dir,
    }).then(
      () => ({ code: 0, output: "" }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({
        code: error.code ?? 1,
        output: `${error.stdout ?? ""}${error.stderr ?? ""}`,
      }),
    );
    expect(result.output).toBe("");
    expect(result.code).toBe(0);
  }, 120_000);
});
