export {
  type ConsoleOptions,
  DEFAULT_CONSOLE_OPTIONS,
  MIN_ACCESS_TOKEN_LENGTH,
  type ResolvedConsoleOptions,
  resolveConsoleOptions,
} from './ConsoleOptions.js';
export { type ConsoleHandler, createConsole } from './createConsole.js';
export { type ListeningHttpServer, listenHttpServer } from './http/listenHttpServer.js';
export { isLoopbackHost } from './http/loopback.js';
export {
  type ConsoleServer,
  type ConsoleServerOptions,
  DEFAULT_CONSOLE_HOST,
  DEFAULT_CONSOLE_PORT,
  startConsoleServer,
} from './startConsoleServer.js';
