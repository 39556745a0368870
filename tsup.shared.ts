import { defineConfig } from "tsup";

/** Build settings shared by every publishable package: ESM with .d.ts for Node 20. */
export const packageBuild = defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20",
});
