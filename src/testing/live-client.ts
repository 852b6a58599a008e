import { WebSocket } from 'ws';
import type { Session } from './test-app.ts';

export interface Received {
  type: string;
  [key: string]: unknown;
}

/** A WebSocket client that keeps every message and can wait for one that matches. */
export async function connectLive(url: string, session: Session, origin?: string) {
  const socket = new WebSocket(url, { headers: { cookie: session.cookie, ...(origin ? { origin } : {}) } });
  const received: Received[] = [];
  const waiters: { match: (m: Received) => boolean; resolve: (m: Received) => void }[] = [];
  socket.on('message', (raw) => {
    const message = JSON.parse(String(raw)) as Received;
    received.push(message);
    for (const waiter of [...waiters]) {
      if (waiter.match(message)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    }
  });
  const next = (match: (m: Received) => boolean, timeoutMs = 5000) =>
    new Promise<Received>((resolve, reject) => {
      const found = received.find(match);
      if (found) return resolve(found);
      const timer = setTimeout(
        () => reject(new Error(`no matching message; got ${JSON.stringify(received)}`)),
        timeoutMs,
      );
      waiters.push({
        match,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  await next((m) => m.type === 'ready');
  return { socket, received, next, send: (m: unknown) => socket.send(JSON.stringify(m)) };
}
