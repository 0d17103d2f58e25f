import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A listening HTTP server: its origin and how to stop it. */
export interface ListeningHttpServer {
  /** `http://<address>:<port>`, IPv6 addresses in brackets; the port is the real one when 0 was asked. */
  readonly origin: string;
  /** Stops listening and closes open connections, idle or not. */
  close(): Promise<void>;
}

/**
 * Listens on `host:port`, rejecting with the listen error (e.g. `EADDRINUSE`). Serves the console
 * server and the gateway, which mounts the console.
 */
export async function listenHttpServer(
  server: Server,
  port: number,
  host: string,
): Promise<ListeningHttpServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    origin: `http://${shownHost}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
}
