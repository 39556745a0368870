import { type Logger, type RunOutputEvent, setLogger, tool } from "@agno/core";
import { z } from "zod";

/** Shared fixtures of this package's tests (not exported from the package). */

export const getWeather = tool({
  name: "get_weather",
  description: "Current weather in a city",
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => ({ city, tempC: 21 }),
});

export const add = tool({
  name: "add",
  description: "Add two numbers",
  inputSchema: z.object({ a: z.number(), b: z.number() }),
  execute: ({ a, b }) => a + b,
});

export const TVShow = z
  .object({ title: z.string(), year: z.number().int(), genres: z.array(z.string()) })
  .meta({ title: "TVShow" });

export async function collect(stream: AsyncIterable<RunOutputEvent>): Promise<RunOutputEvent[]> {
  const events: RunOutputEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

/** Keeps the logs of runs that fail on purpose out of the test output; returns what was logged. */
export function quietLogger(): { lines: string[]; logger: Logger } {
  const lines: string[] = [];
  const keep = (message: string) => {
    lines.push(message);
  };
  const logger: Logger = { debug: keep, info: keep, warn: keep, error: keep };
  setLogger(logger);
  return { lines, logger };
}
