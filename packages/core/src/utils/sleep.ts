/** Resolves after `ms` milliseconds, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Delay in ms before retry number `attempt` (0-based) given a base delay in seconds. */
export function retryDelayMs(attempt: number, delaySeconds: number, exponential: boolean): number {
  return Math.max(0, delaySeconds) * 1000 * (exponential ? 2 ** attempt : 1);
}
