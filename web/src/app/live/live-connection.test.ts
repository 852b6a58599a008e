import { afterEach, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { LiveConnection } from './live-connection.ts';

let server: WebSocketServer | null = null;

afterEach(async () => {
  vi.unstubAllGlobals();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

/** A real WebSocket server standing in for /api/v1/live, and the browser globals the client uses. */
async function liveServer() {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  server = wss;
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const address = wss.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  vi.stubGlobal('WebSocket', WebSocket);
  vi.stubGlobal('window', {
    location: { protocol: 'http:', host: `127.0.0.1:${port}` },
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
  });
  const connected = new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
  return { connected };
}

it('reloads what is shown when the server reports a gap in its live events (its relay reconnected)', async () => {
  const { connected } = await liveServer();
  const connection = new LiveConnection();
  const reloads: number[] = [];
  connection.onReconnect(() => reloads.push(Date.now()));
  const opened = new Promise<void>((resolve) => connection.onStatus((status) => status === 'open' && resolve()));
  connection.start();
  const socket = await connected;
  await opened;
  expect(reloads).toHaveLength(0);

  const reloaded = new Promise<void>((resolve) => connection.onReconnect(() => resolve()));
  socket.send(JSON.stringify({ type: 'gap' }));
  await reloaded;
  expect(reloads).toHaveLength(1);
  connection.stop();
});
