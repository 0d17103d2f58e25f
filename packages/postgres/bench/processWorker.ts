import { createInterface } from 'node:readline';
import { createPostgresBroker } from '../src/index.js';
import { sendReceiveDelete, WARM_UP_MS } from './loops.js';

/**
 * One benchmark process: its own broker and pool. Prints `ready` once connected, waits for the
 * start time on stdin (so every process measures the same window), then prints the messages
 * it completed and the CPU µs it spent on them.
 */
const [url, rootKey, queueName, batch, loops, durationMs] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
  string,
];
const broker = await createPostgresBroker({
  connectionString: url,
  rootKey: new Uint8Array(Buffer.from(rootKey, 'base64')),
  poolSize: Number(loops),
});
// Warm up (JIT, pool, prepared statements) on a queue of its own, as the single-process rows
// run in a process that is already warm: the window then measures the steady state.
await broker.createQueue(`${queueName}-warm-${process.pid}`, { SqsManagedSseEnabled: false });
await sendReceiveDelete(
  broker,
  `${queueName}-warm-${process.pid}`,
  Number(batch),
  Number(loops),
  Date.now() + WARM_UP_MS,
);
await broker.getQueue(queueName);
process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
const start = Number(await new Promise<string>((resolve) => lines.once('line', resolve)));
lines.close();
await new Promise((resolve) => setTimeout(resolve, Math.max(0, start - Date.now())));
const cpu = process.cpuUsage();
const done = await sendReceiveDelete(
  broker,
  queueName,
  Number(batch),
  Number(loops),
  start + Number(durationMs),
);
const { user, system } = process.cpuUsage(cpu);
process.stdout.write(`${done} ${user + system}\n`);
await broker.close();
