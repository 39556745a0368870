import type { RunHook, RunHookParams } from "./options.js";

const declared = new WeakMap<Function, string[] | null>();

/**
 * Names a hook destructures from its parameter object (`({ run_input, agent }) => ...`), or null
 * when it takes the whole object.
 */
function declaredParams(fn: Function): string[] | null {
  const cached = declared.get(fn);
  if (cached !== undefined) return cached;
  const source = Function.prototype.toString.call(fn);
  const match =
    /^[^(]*\(\s*\{([^}]*)\}/.exec(source) ?? /^\s*(?:async\s+)?\{([^}]*)\}\s*=>/.exec(source);
  let names: string[] | null = null;
  if (match?.[1] !== undefined && !match[1].includes("...")) {
    names = match[1]
      .split(",")
      .map((part) => part.split(/[:=]/)[0]?.trim() ?? "")
      .filter(Boolean);
  }
  declared.set(fn, names);
  return names;
}

/** A readable name for a hook (function name, or the guardrail's). */
export function hookName(hook: RunHook): string {
  if (typeof hook === "function") return hook.name || "anonymous_hook";
  return hook.name ?? hook.constructor?.name ?? "guardrail";
}

/** Calls a hook with only the parameters it declares (all of them when it does not destructure). */
export async function callHook(hook: RunHook, params: Partial<RunHookParams>): Promise<void> {
  const fn = typeof hook === "function" ? hook : hook.check.bind(hook);
  const names = typeof hook === "function" ? declaredParams(hook) : null;
  let arg: Partial<RunHookParams> = params;
  if (names) {
    arg = {};
    for (const name of names) {
      if (name in params)
        (arg as Record<string, unknown>)[name] = (params as Record<string, unknown>)[name];
    }
  }
  await fn(arg as RunHookParams);
}
