import pg from 'pg';
import type { DbHandle } from './create-db.ts';

export type RelayListener = (message: Record<string, unknown>) => void;

/**
 * Carries live messages (domain events, presence) to every server instance: in-process for
 * SQLite's single instance, PostgreSQL LISTEN/NOTIFY when several instances share a database.
 */
export interface LiveRelay {
  publish(message: Record<string, unknown>): Promise<void>;
  subscribe(listener: RelayListener): () => void;
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
    async close() {},
  };
}

// NOTIFY payloads are limited to 8000 bytes; live messages are small summaries.
const MAX_PAYLOAD = 7900;

export function createPostgresRelay(connection: DbHandle['connection'], onError: (error: unknown) => void): LiveRelay {
  // One channel per schema, so databases shared by tests (or tenants) do not hear each other.
  const channel = `tiquete_live_${(connection.schema ?? 'public').replace(/\W/g, '_')}`.toLowerCase();
  const listeners = fanOut();
  const listener = new pg.Client({ connectionString: connection.url });
  const publisher = new pg.Client({ connectionString: connection.url });
  let closed = false;
  let queue: Promise<void> = Promise.resolve();
  const ready = (async () => {
    await Promise.all([listener.connect(), publisher.connect()]);
    listener.on('notification', (notification) => {
      if (notification.channel !== channel || !notification.payload) return;
      try {
        listeners.emit(JSON.parse(notification.payload) as Record<string, unknown>);
      } catch (error) {
        onError(error);
      }
    });
    listener.on('error', onError);
    publisher.on('error', onError);
    await listener.query(`listen ${channel}`);
  })();
  ready.catch(onError);

  return {
    publish(message) {
      if (closed) return Promise.resolve();
      const payload = JSON.stringify(message);
      if (payload.length > MAX_PAYLOAD) {
        return Promise.reject(new Error(`live message too large (${payload.length} bytes)`));
      }
      // One connection sends every NOTIFY; queries on it go one after another.
      const sent = queue.then(async () => {
        await ready;
        await publisher.query('select pg_notify($1, $2)', [channel, payload]);
      });
      queue = sent.catch(() => {});
      return sent;
    },
    subscribe: listeners.subscribe,
    async close() {
      closed = true;
      await ready.catch(() => {});
      await Promise.allSettled([listener.end(), publisher.end()]);
    },
  };
}
