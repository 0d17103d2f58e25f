import { createSqliteBroker } from '../src/index.js';

/**
 * The benchmark's long-polling consumer process: receives `count` messages with 20 s long polls,
 * printing for each how long after its send (epoch ms in the body) it arrived; then long-polls an
 * empty queue for `idleMs` and prints the CPU time that wait used.
 */
const [path, queueName, count, idleMs] = process.argv.slice(2) as [string, string, string, string];
const broker = createSqliteBroker({ path });
const queue = await broker.getQueue(queueName);
const epochMs = () => performance.timeOrigin + performance.now();
process.stdout.write('ready\n');
for (let received = 0; received < Number(count); ) {
  for (const message of await queue.receive({ waitTimeSeconds: 20 })) {
    if (message.state !== 'open')
      throw new Error(`bench message ${message.messageId} arrived sealed`);
    process.stdout.write(`L ${epochMs() - Number(message.body)}\n`);
    await queue.delete(message.receiptHandle);
    received++;
  }
}
const cpuStart = process.cpuUsage();
await queue.receive({ waitTimeSeconds: Number(idleMs) / 1000 });
const cpu = process.cpuUsage(cpuStart);
process.stdout.write(`I ${(cpu.user + cpu.system) / 1000}\n`);
await broker.close();
