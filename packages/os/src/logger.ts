import { getLogger } from "@agno/core";

/** AgentOS's logging: everything goes to the logger configured with `setLogger` from `@agno/core`. */
export const log = {
  debug: (message: string) => getLogger().debug(message),
  info: (message: string) => getLogger().info(message),
  warn: (message: string) => getLogger().warn(message),
  error: (message: string) => getLogger().error(message),
};
