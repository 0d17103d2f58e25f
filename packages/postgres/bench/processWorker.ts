import { createPostgresBroker } from '../src/index.js';
import { sendReceiveDelete } from './loops.js';

/** One benchmark process: its own broker and pool; prints the messages it completed. */
const [url, rootKey, queueName, batch, loops, startAt, durationMs] = process.argv.slice(2) as [
  string,
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
await broker.getQueue(queueName);
// A process that came up late still measures a full window; the parent sums rates.
const start = Math.max(Number(startAt), Date.now());
await new Promise((resolve) => setTimeout(resolve, start - Date.now()));
const done = await sendReceiveDelete(
  broker,
  queueName,
  Number(batch),
  Number(loops),
  start + Number(durationMs),
);
process.stdout.write(`${done}\n`);
await broker.close();
