import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const exec = promisify(execFile);

/** The repository root: cookbook scripts run from there, as the docs say. */
export const root = fileURLToPath(new URL("../..", import.meta.url));
/** The tsx binary the docs' `pnpm tsx` runs. */
export const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));

/** Runs a cookbook script offline (no API key, no colours) and returns what it printed. */
export async function script(path: string, env: Record<string, string> = {}): Promise<string> {
  const { stdout } = await exec(tsx, [path], {
    cwd: root,
    env: { ...process.env, OPENAI_API_KEY: "", NO_COLOR: "1", ...env },
    timeout: 60_000,
  });
  return stdout;
}
