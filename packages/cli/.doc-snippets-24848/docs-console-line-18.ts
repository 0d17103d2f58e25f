import http from 'node:http';
import { createConsole, startConsoleServer } from '@sealbus/console';
import { openSqliteKms } from '@sealbus/kms-local/sqlite';
import { createSqliteBroker } from '@sealbus/sqlite';

const kms = openSqliteKms({ path: '.sealbus/dev.db' });
const broker = createSqliteBroker({ path: '.sealbus/dev.db', kms });

// Alone: binds 127.0.0.1 unless told otherwise; `/` redirects to the console.
const server = await startConsoleServer({ broker, kms, port: 4567 });
console.log(server.url); // http://127.0.0.1:4567/console

// Or inside an existing node:http server:
const consoleHandler = createConsole({ broker, kms, basePath: '/console' });
http.createServer((req, res) => {
  if (consoleHandler.handle(req, res)) return; // true: the console answers this request
  // … your own routes
});
