import { createMemoryBroker } from '@sealbus/memory';
import { Worker } from '@sealbus/worker';
import { z } from 'zod';

const broker = createMemoryBroker();
const queue = await broker.createQueue('Billing-Integration');
const records = ['r-1', 'r-2', 'r-3'];

const worker = new Worker({ broker }, { handleSignals: true, closeBroker: true });
let billed = 0;
worker.handle(
  'Billing-Integration',
  async (message) => {
    console.log(`billed ${message.payload.recordId}`); // typed by the schema
    // Return nothing (= consumed), or { status: 'retryLater', delaySeconds }, or throw.
    billed += 1;
    if (billed === records.length) void worker.close(); // all done: stop, close the broker
  },
  { schema: z.object({ recordId: z.string() }), concurrency: 10, principal: 'billing-role' },
);
await worker.start();
for (const recordId of records) await queue.send(JSON.stringify({ recordId }));
