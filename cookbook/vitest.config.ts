import { defineConfig } from "vitest/config";

// Tests run the examples on source, through the `@agno/source` export condition.
export default defineConfig({
  resolve: { conditions: ["@agno/source"] },
  ssr: { resolve: { conditions: ["@agno/source"] } },
  test: { include: ["test/**/*.test.ts"], testTimeout: 60_000 },
});
