import { createServer } from 'node:http';
import { describeValue, InvalidParameterValueError } from '@sealbus/core';
import type { ConsoleOptions } from './ConsoleOptions.js';
import { createConsole } from './createConsole.js';
import { listenHttpServer } from './http/listenHttpServer.js';
import { isLoopbackHost } from './http/loopback.js';
import { sendText } from './http/respond.js';

export interface ConsoleServerOptions extends ConsoleOptions {
  /** Anything but a loopback address needs `accessToken`. @defaultValue '127.0.0.1' */
  host?: string;
  /** 0 picks a free port. @defaultValue 4567 */
  port?: number;
}

export interface ConsoleServer {
  /** The console's address, e.g. `http://127.0.0.1:4567/console`. */
  readonly url: string;
  /** Stops listening and closes open connections; the broker and KMS stay open (the caller owns them). */
  close(): Promise<void>;
}

export const DEFAULT_CONSOLE_HOST = '127.0.0.1';
export const DEFAULT_CONSOLE_PORT = 4567;

/** Serves the console alone (`sealbus console --path DB`); `/` redirects to it. */
export async function startConsoleServer(options: ConsoleServerOptions): Promise<ConsoleServer> {
  const { host = DEFAULT_CONSOLE_HOST, port = DEFAULT_CONSOLE_PORT, ...consoleOptions } = options;
  if (!isLoopbackHost(host) && consoleOptions.accessToken === undefined) {
    throw new InvalidParameterValueError(
      `host ${describeValue(host)} is not a loopback address, so the console needs accessToken: anyone who reaches it could read queues and start redrives. Pass an access token (at least 16 characters) or bind to 127.0.0.1.`,
      { field: 'accessToken' },
    );
  }
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new InvalidParameterValueError(
      `port must be an integer from 0 to 65535; got ${describeValue(port)}.`,
      { field: 'port' },
    );
  }
  const handler = createConsole(consoleOptions);
  const server = createServer((req, res) => {
    if (handler.handle(req, res)) return;
    if (req.url === '/' || req.url === '') {
      res.writeHead(302, { Location: `${handler.basePath}/queues` }).end();
      return;
    }
    sendText(res, 404, `Nothing here: the console is at ${handler.basePath}/.`);
  });
  const listening = await listenHttpServer(server, port, host);
  return { url: `${listening.origin}${handler.basePath}`, close: listening.close };
}
