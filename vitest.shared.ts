import { defineConfig } from "vitest/config";

/** Shared vitest settings: tests run on source through the `@agno/source` export condition. */
export const sharedConfig = defineConfig({
  resolve: { conditions: ["@agno/source"] },
  ssr: { resolve: { conditions: ["@agno/source"] } },
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
