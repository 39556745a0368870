/**
 * Process-wide async mutexes, one per key. SQLite allows one writer per database file, and the
 * local driver waits for a lock synchronously, so two writers of one process on one file must
 * never overlap: the second would block the event loop the first needs to commit.
 */
const tails = new Map<unknown, Promise<void>>();

/** Runs `fn` after every earlier `withLock` call on `key` has settled. */
export async function withLock<T>(key: unknown, fn: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  let release!: () => void;
  const tail = new Promise<void>((resolve) => {
    release = resolve;
  });
  const chained = previous.then(() => tail);
  tails.set(key, chained);
  await previous;
  try {
    return await fn();
  } finally {
    release();
    if (tails.get(key) === chained) tails.delete(key);
  }
}
