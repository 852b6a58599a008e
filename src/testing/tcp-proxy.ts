import net from 'node:net';

/**
 * A TCP proxy in front of the test database that can be cut like a restarting server: `down()`
 * resets every open connection and refuses new ones until `up()`.
 */
export async function startTcpProxy(target: { host: string; port: number }) {
  const open = new Set<net.Socket>();
  let accepting = true;
  const server = net.createServer((client) => {
    if (!accepting) {
      client.destroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        open.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    port: address.port,
    down() {
      accepting = false;
      for (const socket of open) socket.resetAndDestroy();
    },
    up() {
      accepting = true;
    },
    close() {
      this.down();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
