import { registerModelProvider } from "@agno/core";
import { Claude } from "./claude.js";

export { Claude, type ClaudeOptions } from "./claude.js";

// `"anthropic:<model id>"` model strings resolve to Claude once this package is imported.
registerModelProvider("anthropic", (id) => new Claude({ id }));
