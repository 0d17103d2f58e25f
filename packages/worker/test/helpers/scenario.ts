import type { Queue } from '@sealbus/core';
import { silentLogger } from '@sealbus/core';
import type { LocalKms } from '@sealbus/kms-local';
import type { HandlerOptions } from '../../src/options/HandlerOptions.js';
import type { WorkerOptions } from '../../src/options/WorkerOptions.js';
import { Worker } from '../../src/Worker.js';
import { ManualClock } from '../fixtures.js';
import type { Backend, BackendFixture } from './backends.js';

let sequence = 0;

/** A unique queue name per test, so cases never share state. */
export function uniqueName(prefix: string): string {
  sequence += 1;
  return `${prefix}-${process.pid}-${sequence}`;
}

/** Short polling on a manual clock: no long poll waits for a clock that only tests move. */
export const MANUAL_CLOCK_POLLING = {
  waitTimeSeconds: 0,
  pollingWaitTimeMs: 2,
} satisfies HandlerOptions;

export interface Harness extends BackendFixture {
  clock: ManualClock;
  workers: Worker[];
  /** A worker with a spy, silent logs and deterministic jitter, closed by `dispose`. */
  worker(options?: WorkerOptions): Worker;
  /** An SSE-KMS queue with its own CMK and a DLQ (also SSE) after `maxReceiveCount` receives. */
  sealedQueueWithDlq(
    maxReceiveCount: number,
  ): Promise<{ queue: Queue; dlq: Queue; keyArn: string }>;
}

export async function harness(backend: Backend): Promise<Harness> {
  const clock = new ManualClock();
  const fixture = await backend.create({ clock });
  const workers: Worker[] = [];
  return {
    ...fixture,
    clock,
    workers,
    worker(options = {}) {
      const worker = new Worker(
        { broker: fixture.broker, logger: silentLogger, clock, random: () => 0 },
        { handlerSpy: true, ...options },
      );
      workers.push(worker);
      return worker;
    },
    async sealedQueueWithDlq(maxReceiveCount) {
      const key = await fixture.kms.createKey({ description: 'worker test key' });
      const dlq = await fixture.broker.createQueue(uniqueName('dlq'), { KmsMasterKeyId: key.arn });
      const queue = await fixture.broker.createQueue(uniqueName('source'), {
        KmsMasterKeyId: key.arn,
        RedrivePolicy: { deadLetterTargetArn: dlq.arn, maxReceiveCount },
      });
      return { queue, dlq, keyArn: key.arn };
    },
    async dispose() {
      await Promise.all(workers.map((w) => w.close({ force: true })));
      await fixture.dispose();
    },
  };
}

/** Grants `kms:*` to the account root and the producer and nothing to anyone else. */
export async function restrictDecrypt(
  kms: LocalKms,
  keyArn: string,
  allowed: string[],
): Promise<void> {
  await kms.putKeyPolicy(
    keyArn,
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::000000000000:root' },
          Action: 'kms:*',
          Resource: '*',
        },
        { Effect: 'Allow', Principal: { AWS: allowed }, Action: 'kms:*', Resource: '*' },
      ],
    }),
  );
}
