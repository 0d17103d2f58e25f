import type { Broker } from '@sealbus/core';
import { Worker } from '@sealbus/worker';

/** Fails the consumer test with a message saying what differed. */
export function check(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(`consumer check failed: ${what}`);
}

/** SSE queue round trip: what goes in comes out, under a KMS key. */
export async function sseRoundTrip(broker: Broker, body: string): Promise<void> {
  const queue = await broker.createQueue('consumer-sse', { KmsMasterKeyId: 'alias/aws/sqs' });
  await queue.send(body);
  const [message] = await queue.receive({ waitTimeSeconds: 1 });
  check(message?.state === 'open', 'the owner could not decrypt its own message');
  check(message.body === body, `round trip returned ${message.body}`);
  await queue.delete(message.receiptHandle);
}

/** Topic fanout to three SSE queues, each read by a worker handler. */
export async function fanoutToWorker(broker: Broker, prefix: string): Promise<number> {
  const topic = await broker.createTopic(`${prefix}-records`, { KmsMasterKeyId: 'alias/aws/sns' });
  const names = ['billing', 'scheduling', 'prescriptions'].map((name) => `${prefix}-${name}`);
  for (const name of names) {
    const queue = await broker.createQueue(name, { KmsMasterKeyId: 'alias/aws/sqs' });
    await topic.subscribe(queue, { rawMessageDelivery: true });
  }
  const published = 3;
  for (let i = 0; i < published; i += 1) await topic.publish(JSON.stringify({ recordId: `r${i}` }));

  const worker = new Worker({ broker }, { closeBroker: false });
  const seen: string[] = [];
  const expected = published * names.length;
  const done = new Promise<void>((resolve) => {
    for (const name of names) {
      worker.handle(
        name,
        async (message) => {
          const record = JSON.parse(message.body) as { recordId: string };
          seen.push(`${name}:${record.recordId}`);
          if (seen.length === expected) resolve();
        },
        { waitTimeSeconds: 1 },
      );
    }
  });
  await worker.start();
  await Promise.race([
    done,
    new Promise((_, reject) =>
      setTimeout(() => reject(new Error(`fanout: ${seen.length}/${expected} handled`)), 30_000),
    ),
  ]);
  await worker.close();
  check(new Set(seen).size === expected, `fanout handled ${seen.length} deliveries`);
  return seen.length;
}
