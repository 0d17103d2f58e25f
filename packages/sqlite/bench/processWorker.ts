import { createSqliteBroker } from '../src/index.js';
import { cycle } from './workloads.js';

/** One of the benchmark's worker processes: cycles on a shared queue, prints its count. */
const [path, queueName, batch, durationMs, callers] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
];
const broker = createSqliteBroker({ path });
const queue = await broker.getQueue(queueName);
// The same 200 ms warm-up as the in-process workloads, so JIT compilation is not measured.
await cycle(queue, Number(batch), performance.now() + 200);
process.stdout.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
process.stdin.destroy();
const deadline = performance.now() + Number(durationMs);
const counts = await Promise.all(
  Array.from({ length: Number(callers) }, () => cycle(queue, Number(batch), deadline)),
);
const done = counts.reduce((sum, count) => sum + count, 0);
await broker.close();
process.stdout.write(`${done}\n`);
