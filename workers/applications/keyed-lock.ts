// Serialises work per key inside one process (two retries of one submission arriving together).

/** Runs `fn` after every earlier call with the same key has settled. */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(keys: string[], fn: () => Promise<T>): Promise<T> {
    const sorted = [...new Set(keys)].sort();
    const before = sorted.map((k) => this.tails.get(k) ?? Promise.resolve());
    const result = Promise.allSettled(before).then(fn);
    const tail = result.catch(() => undefined);
    for (const k of sorted) this.tails.set(k, tail);
    try {
      return await result;
    } finally {
      for (const k of sorted) if (this.tails.get(k) === tail) this.tails.delete(k);
    }
  }
}
