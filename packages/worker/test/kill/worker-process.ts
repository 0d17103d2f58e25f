/**
 * A worker process for the kill test: consumes a queue of a SQLite file with a slow handler,
 * appends each handled message id to a log (synchronously, so the log is the ground truth), and
 * closes gracefully on SIGTERM (`handleSignals`). Prints `ready` once consuming.
 * Usage: worker-process.ts <sqlitePath> <queueName> <logPath>
 */
import { appendFileSync } from 'node:fs';
import { silentLogger } from '@sealbus/core';
import { createSqliteBroker } from '@sealbus/sqlite';
import { Worker } from '../../src/Worker.js';

const [path, queueName, logPath] = process.argv.slice(2);
if (path === undefined || queueName === undefined || logPath === undefined) {
  throw new Error('usage: worker-process.ts <sqlitePath> <queueName> <logPath>');
}

const broker = createSqliteBroker({ path });
const worker = new Worker(
  { broker, logger: silentLogger },
  { handleSignals: true, closeBroker: true, shutdownTimeoutMs: 10_000 },
);
worker.handle(
  queueName,
  async (message) => {
    await new Promise((resolve) => setTimeout(resolve, 15));
    appendFileSync(logPath, `${message.messageId}\n`);
  },
  { concurrency: 5, waitTimeSeconds: 1, visibilityTimeoutSeconds: 30 },
);
worker.on('closed', () => {
  process.stdout.write('closed\n');
});
await worker.start();
process.stdout.write('ready\n');
