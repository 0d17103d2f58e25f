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
/** `callers` concurrent cycles until `deadline`; the number of messages they deleted. */
const run = async (deadline: number) => {
  const counts = await Promise.all(
    Array.from({ length: Number(callers) }, () => cycle(queue, Number(batch), deadline)),
  );
  return counts.reduce((sum, count) => sum + count, 0);
};
// A fresh process compiles its hot paths during its first second or so, which the long-lived
// bench process running the in-process workloads has long done: warm up with the measured
// workload itself for a second (measured: 2 processes × 16 callers ran 34k msg/s after a 200 ms
// single-caller warm-up, 41k after this one).
await run(performance.now() + 1000);
process.stdout.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
process.stdin.destroy();
const done = await run(performance.now() + Number(durationMs));
await broker.close();
process.stdout.write(`${done}\n`);
