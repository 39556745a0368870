/**
 * Agent instantiation: time and retained memory of `new Agent({ model, tools: [oneTool] })`,
 * against a baseline measured in the same run (an object literal holding the same options), as
 * the spec's method does (1 tool, many iterations, memory by heap difference).
 * Run: pnpm bench
 */
import { Agent, TestModel, tool } from "@agno/core";
import { z } from "zod";

const N = Number(process.env.BENCH_N ?? 200_000);
const model = new TestModel();
const getWeather = tool({
  name: "get_weather",
  description: "Weather in a city",
  inputSchema: z.object({ city: z.string() }),
  execute: ({ city }) => city,
});

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function timeIt(make: () => unknown): number {
  for (let i = 0; i < 10_000; i++) make(); // warm up
  const start = process.hrtime.bigint();
  let sink: unknown;
  for (let i = 0; i < N; i++) sink = make();
  const ns = Number(process.hrtime.bigint() - start);
  if (sink === undefined) throw new Error("unreachable");
  return ns / N / 1000; // µs per instance
}

function bytesEach(make: () => unknown): number {
  const count = 20_000;
  gc();
  const before = process.memoryUsage().heapUsed;
  const keep: unknown[] = new Array(count);
  for (let i = 0; i < count; i++) keep[i] = make();
  gc();
  const after = process.memoryUsage().heapUsed;
  if (keep.length !== count) throw new Error("unreachable");
  return (after - before) / count;
}

const baseline = () => ({ options: { model, tools: [getWeather] }, id: "x" });
const agent = () => new Agent({ model, tools: [getWeather] });

const baseUs = timeIt(baseline);
const agentUs = timeIt(agent);
const baseBytes = bytesEach(baseline);
const agentBytes = bytesEach(agent);

console.log(`Agent instantiation with 1 tool, ${N} iterations (Node ${process.version})`);
console.log(
  `  new Agent(...)      ${agentUs.toFixed(3)} µs   ${(agentBytes / 1024).toFixed(2)} KiB retained`,
);
console.log(
  `  object literal      ${baseUs.toFixed(3)} µs   ${(baseBytes / 1024).toFixed(2)} KiB retained`,
);
console.log(
  `  ratio (agent/base)  time ${(agentUs / baseUs).toFixed(2)}x   memory ${(agentBytes / baseBytes).toFixed(2)}x`,
);
if (!(globalThis as { gc?: unknown }).gc)
  console.log("  (run with --expose-gc for exact memory numbers)");
