import pg from 'pg';
import type { DbHandle } from './create-db.ts';

export type RelayListener = (message: Record<string, unknown>) => void;

/**
 * Carries live messages (domain events, presence) to every server instance: in-process for
 * SQLite's single instance, PostgreSQL LISTEN/NOTIFY when several instances share a database.
 */
export interface LiveRelay {
  publish(message: Record<string, unknown>): Promise<void>;
  /**
   * Listeners also receive `{ kind: 'gap' }` when the relay was cut off and is back: messages sent
   * meanwhile were missed, so whoever shows live data should reload it.
   */
  subscribe(listener: RelayListener): () => void;
  /** False while the relay is cut off from the other instances (reconnecting). */
  connected(): boolean;
  close(): Promise<void>;
}

function fanOut() {
  const listeners = new Set<RelayListener>();
  return {
    emit(message: Record<string, unknown>) {
      for (const listener of listeners) listener(message);
    },
    subscribe(listener: RelayListener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function createLocalRelay(): LiveRelay {
  const listeners = fanOut();
  return {
    async publish(message) {
      listeners.emit(message);
    },
    subscribe: listeners.subscribe,
    connected: () => true,
    async close() {},
  };
}

// NOTIFY payloads are limited to 8000 bytes; live messages are small summaries.
const MAX_PAYLOAD = 7900;
// Reconnection delays: quick at first (a dropped connection), patient during a long outage.
const RECONNECT_DELAYS_MS = [100, 250, 500, 1000, 2000, 5000];

export interface PostgresRelayOptions {
  onError: (error: unknown) => void;
  onReconnected?: (downMs: number) => void;
}

/**
 * LISTEN/NOTIFY over two connections of its own (one listens, one sends, so NOTIFYs leave in
 * order). If either drops — a database restart, a failover, an ended backend — both are replaced,
 * with backoff, until the database answers again; then subscribers get a `gap` message.
 */
export function createPostgresRelay(connection: DbHandle['connection'], options: PostgresRelayOptions): LiveRelay {
  // One channel per schema, so databases shared by tests (or tenants) do not hear each other.
  const channel = `tiquete_live_${(connection.schema ?? 'public').replace(/\W/g, '_')}`.toLowerCase();
  const listeners = fanOut();
  let closed = false;
  let session: { listener: pg.Client; publisher: pg.Client; ready: Promise<void> } | null = null;
  let isConnected = false;
  let failures = 0;
  let downSince: number | null = null;
  let retryTimer: NodeJS.Timeout | undefined;
  let queue: Promise<void> = Promise.resolve();

  const newClient = () =>
    new pg.Client({ connectionString: connection.url, application_name: connection.applicationName, keepAlive: true });

  function open() {
    if (closed) return;
    const listener = newClient();
    const publisher = newClient();
    const current = { listener, publisher, ready: Promise.resolve() };
    const lost = (error?: unknown) => {
      if (session !== current || closed) return;
      if (error) options.onError(error);
      session = null;
      isConnected = false;
      downSince ??= Date.now();
      void Promise.allSettled([listener.end(), publisher.end()]);
      const delay = RECONNECT_DELAYS_MS[Math.min(failures, RECONNECT_DELAYS_MS.length - 1)] ?? 5000;
      failures++;
      retryTimer = setTimeout(open, delay);
    };
    for (const client of [listener, publisher]) {
      client.on('error', lost);
      client.on('end', () => lost(new Error('live relay connection ended')));
    }
    listener.on('notification', (notification) => {
      if (notification.channel !== channel || !notification.payload) return;
      try {
        listeners.emit(JSON.parse(notification.payload) as Record<string, unknown>);
      } catch (error) {
        options.onError(error);
      }
    });
    current.ready = (async () => {
      await Promise.all([listener.connect(), publisher.connect()]);
      await listener.query(`listen ${channel}`);
    })();
    session = current;
    current.ready.then(
      () => {
        if (session !== current) return;
        isConnected = true;
        failures = 0;
        if (downSince !== null) {
          const downMs = Date.now() - downSince;
          downSince = null;
          options.onReconnected?.(downMs);
          listeners.emit({ kind: 'gap' });
        }
      },
      (error: unknown) => lost(error),
    );
  }
  open();

  return {
    publish(message) {
      if (closed) return Promise.resolve();
      const payload = JSON.stringify(message);
      if (payload.length > MAX_PAYLOAD) {
        return Promise.reject(new Error(`live message too large (${payload.length} bytes)`));
      }
      // One connection sends every NOTIFY; queries on it go one after another.
      const sent = queue.then(async () => {
        if (closed) return; // shutting down: nobody is left to tell
        const current = session;
        if (!current) throw new Error('live relay is reconnecting');
        await current.ready;
        await current.publisher.query('select pg_notify($1, $2)', [channel, payload]);
      });
      queue = sent.catch(() => {});
      return sent;
    },
    subscribe: listeners.subscribe,
    connected: () => isConnected,
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      const current = session;
      session = null;
      if (!current) return;
      await current.ready.catch(() => {});
      await Promise.allSettled([current.listener.end(), current.publisher.end()]);
    },
  };
}
