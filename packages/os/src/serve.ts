import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve as nodeServe } from "@hono/node-server";
import { log } from "./logger.js";
import type { AgentOSServer, ServeOptions } from "./options.js";
import { backgroundRunsSettled } from "./routers/run-support.js";

type FetchHandler = (request: Request, ...rest: any[]) => Response | Promise<Response>;

function envPort(): number | undefined {
  const raw = process.env.PORT;
  if (!raw) return undefined;
  const port = Number(raw);
  return Number.isInteger(port) && port >= 0 && port < 65536 ? port : undefined;
}

/**
 * Starts an HTTP server for `fetch` with `@hono/node-server`. On SIGINT / SIGTERM it stops
 * accepting connections, lets running requests (streams included) and background runs finish,
 * then exits; a second signal exits at once.
 */
export async function startServer(
  fetch: FetchHandler,
  options: ServeOptions = {},
): Promise<AgentOSServer> {
  const port = options.port ?? envPort() ?? 7777;
  const host = options.host ?? process.env.HOST ?? "localhost";
  const server = await new Promise<Server>((resolve, reject) => {
    const s = nodeServe({ fetch, port, hostname: host }, () => resolve(s as Server)) as Server;
    s.once("error", reject);
  });
  const actualPort = (server.address() as AddressInfo | null)?.port ?? port;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM"];

  const close = (): Promise<void> => {
    closing ??= (async () => {
      for (const s of signals) process.off(s, onSignal);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections?.();
      });
      await backgroundRunsSettled();
    })();
    return closing;
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) {
      log.warn(`${signal} received again: exiting now.`);
      process.exit(1);
    }
    log.info(`${signal} received: finishing running requests, then stopping.`);
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  if (options.handleSignals !== false) for (const s of signals) process.on(s, onSignal);

  return { port: actualPort, host, url: `http://${urlHost}:${actualPort}`, close };
}
