// A memory-only application: no better-sqlite3, no inversify, no AWS SDK in its install.
import { existsSync } from 'node:fs';
import { createBroker } from '@sealbus/backends';
import { createMemoryBroker } from '@sealbus/memory';
import { Worker } from '@sealbus/worker';

function check(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(`memory consumer check failed: ${what}`);
}

for (const absent of ['better-sqlite3', 'inversify', '@aws-sdk/client-sqs', '@sealbus/sqlite']) {
  check(!existsSync(`node_modules/${absent}`), `${absent} was installed`);
}

const broker = createMemoryBroker();
const queue = await broker.createQueue('jobs', { KmsMasterKeyId: 'alias/aws/sqs' });
await queue.send('{"job":1}');
const worker = new Worker({ broker }, { closeBroker: true });
const handled = new Promise<string>((resolve) => {
  worker.handle('jobs', async (message) => resolve(message.body), { waitTimeSeconds: 1 });
});
await worker.start();
check((await handled) === '{"job":1}', 'the worker did not get the job');
await worker.close();

// Asking for a backend that is not installed says what to install.
const failure = await createBroker({ backend: 'sqlite', path: ':memory:' }).then(
  () => undefined,
  (error: unknown) => error,
);
check(
  failure instanceof Error && failure.message.includes('npm install @sealbus/sqlite'),
  `missing sqlite backend: ${String(failure)}`,
);
console.log('memory consumer ok');
