import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

/** Listens on the port (0 picks a free one) and resolves with the port taken; a port in use says what to do. */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const failed = (e: NodeJS.ErrnoException): void =>
      reject(e.code === 'EADDRINUSE' ? new Error(`port ${port} on ${host} is already in use (another ntjp running?); stop it, or move this one with the port settings (ntjp settings lists them)`) : e);
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stops listening and drops open connections, keep-alive ones included. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections?.();
  });
}
