import { createConnection } from "node:net";

/** PostgreSQL URL for integration tests (`AGNO_TEST_PG_URL`, else this machine's service). */
export const TEST_PG_URL =
  process.env.AGNO_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
/** Redis URL for integration tests (`AGNO_TEST_REDIS_URL`, else this machine's service). */
export const TEST_REDIS_URL = process.env.AGNO_TEST_REDIS_URL ?? "redis://127.0.0.1:6379/0";

/** True when services are mandatory (CI): a missing service must fail, not skip. */
export const servicesRequired = process.env.AGNO_REQUIRE_SERVICES === "1";

/** Whether a TCP port answers within a second. */
export function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/**
 * Decides whether an integration suite runs: true when the service answers; when it does not,
 * throws if services are required, else warns loudly and returns false (the suite skips).
 */
export async function serviceAvailable(name: string, url: string): Promise<boolean> {
  if (await reachable(url)) return true;
  const message = `${name} is not reachable at ${new URL(url).host}; its integration tests ${servicesRequired ? "cannot run" : "are SKIPPED"}.`;
  if (servicesRequired) throw new Error(`${message} AGNO_REQUIRE_SERVICES=1 requires it.`);
  console.warn(
    `\n*** ${message} Start it or set AGNO_TEST_${name === "PostgreSQL" ? "PG" : "REDIS"}_URL. ***\n`,
  );
  return false;
}
