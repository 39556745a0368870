/** Minimal leveled logger. `AGNO_DEBUG=true` (or an agent's `debugMode`) turns on debug output. */
export interface Logger {
  debug(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  error(message: string, ...args: unknown[]): void;
}

const consoleLogger: Logger = {
  debug: (message, ...args) => console.debug(`DEBUG ${message}`, ...args),
  info: (message, ...args) => console.info(`INFO ${message}`, ...args),
  warn: (message, ...args) => console.warn(`WARNING ${message}`, ...args),
  error: (message, ...args) => console.error(`ERROR ${message}`, ...args),
};

let current: Logger = consoleLogger;

/** Replaces the logger every Agno component writes to (for example to route logs to pino). */
export function setLogger(logger: Logger): void {
  current = logger;
}

/** The active logger. */
export function getLogger(): Logger {
  return current;
}

/** True when the `AGNO_DEBUG` environment variable asks for debug logs. */
export function envDebug(): boolean {
  const v = typeof process !== "undefined" ? process.env.AGNO_DEBUG : undefined;
  return v !== undefined && ["1", "true", "yes", "on"].includes(v.toLowerCase());
}

export const log = {
  debug: (message: string, ...args: unknown[]) => current.debug(message, ...args),
  info: (message: string, ...args: unknown[]) => current.info(message, ...args),
  warn: (message: string, ...args: unknown[]) => current.warn(message, ...args),
  error: (message: string, ...args: unknown[]) => current.error(message, ...args),
};
