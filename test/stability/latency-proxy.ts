import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy on loopback that delays every chunk, in both directions, by a random 5-50 ms (order kept
 * per direction): network latency for a gateway on the same machine, where netem is not available.
 */
export interface LatencyProxy {
  port: number;
  close(): Promise<void>;
}

export async function startLatencyProxy(target: { host: string; port: number }, minMs = 5, maxMs = 50, random = Math.random): Promise<LatencyProxy> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    pipeDelayed(client, upstream, minMs, maxMs, random);
    pipeDelayed(upstream, client, minMs, maxMs, random);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * Each chunk leaves no earlier than its own random delay and never before the chunk ahead of it; the end of
 * the stream follows the last chunk. One queue per direction (independent timers could fire out of order).
 */
function pipeDelayed(from: Socket, to: Socket, minMs: number, maxMs: number, random: () => number): void {
  let queue = Promise.resolve();
  const later = (dueAt: number, action: () => void): void => {
    queue = queue.then(
      () =>
        new Promise<void>((resolve) =>
          setTimeout(
            () => {
              if (!to.destroyed && !to.writableEnded) action();
              resolve();
            },
            Math.max(0, dueAt - Date.now()),
          ),
        ),
    );
  };
  from.on('data', (chunk) => later(Date.now() + minMs + random() * (maxMs - minMs), () => to.write(chunk)));
  from.on('end', () => later(0, () => to.end()));
}
