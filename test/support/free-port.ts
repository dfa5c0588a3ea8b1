import { createServer, type AddressInfo } from 'node:net';

/** A free loopback port: listen on 0, note the port, close (a producer that refuses connections). */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
