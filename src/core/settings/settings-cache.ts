import type { LiveRelay } from '../../db/live-relay.ts';

/**
 * What nearly every request reads and an admin seldom writes, kept in memory: the configuration every
 * ticket write reads (vocabulary, triggers, keyword routes, SLA policies, calendars, the notification
 * matrix; ~15 statements per create, bench/README.md) and the agent (with its departments) every
 * signed-in request resolves (2 statements each). Writes call `changed()` after their commit; the
 * live relay carries that to every instance sharing the database. While the relay is cut off nothing
 * is cached (a change elsewhere could be missed), and when it is back everything is dropped.
 */
export interface SettingsCache {
  /** The value under `key`, loaded by `load` once until the next change. Callers must not mutate it. */
  get<T>(key: string, load: () => Promise<T>): Promise<T>;
  /** Configuration was written and committed: drop it here and on every other instance. */
  changed(): void;
  /** Counts the drops (local or heard from another instance); tests wait on it. */
  generation(): number;
  /** Starts caching, kept right through the relay; returns the function that detaches it. */
  attach(relay: LiveRelay, onError: (error: unknown) => void): () => void;
}

const MESSAGE_KIND = 'settings.changed';
// A last resort for a change the relay could not announce (its connection was being replaced at that
// moment) or made outside a server (SQL by hand, the CLI): it shows within this time. Nothing the CLI
// writes needs sooner: revoked tokens and ended sessions are read from their tables on each request.
const MAX_AGE_MS = 60_000;

export function createSettingsCache(): SettingsCache {
  const entries = new Map<string, { at: number; value: Promise<unknown> }>();
  let relay: LiveRelay | null = null;
  let onError: (error: unknown) => void = () => {};
  let generation = 0;

  function drop() {
    entries.clear();
    generation++;
  }

  return {
    async get<T>(key: string, load: () => Promise<T>): Promise<T> {
      if (!relay?.connected()) return load();
      const now = Date.now();
      const entry = entries.get(key);
      if (entry && now - entry.at <= MAX_AGE_MS) {
        // A load that failed (its transaction ended) is not this caller's failure: it loads its own.
        return (entry.value as Promise<T>).catch(load);
      }
      const value = load();
      const stored = { at: now, value };
      entries.set(key, stored);
      value.catch(() => {
        if (entries.get(key) === stored) entries.delete(key);
      });
      return value;
    },
    changed() {
      drop();
      relay?.publish({ kind: MESSAGE_KIND }).catch(onError);
    },
    generation: () => generation,
    attach(live, report) {
      relay = live;
      onError = report;
      drop();
      const unsubscribe = live.subscribe((message) => {
        // 'gap': the relay was cut off, so another instance's change may have been missed.
        if (message.kind === MESSAGE_KIND || message.kind === 'gap') drop();
      });
      return () => {
        unsubscribe();
        relay = null;
        drop();
      };
    },
  };
}

/** For code run without a server (CLI, migrations, bench seeding): every read goes to the database. */
export const noSettingsCache: SettingsCache = {
  get: (_key, load) => load(),
  changed() {},
  generation: () => 0,
  attach: () => () => {},
};
