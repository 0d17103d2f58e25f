import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DlqInspector } from '../src/dlq/DlqInspector.js';
import { BACKENDS } from './helpers/backends.js';
import { eventually } from './helpers/eventually.js';
import {
  type Harness,
  harness,
  MANUAL_CLOCK_POLLING,
  restrictDecrypt,
} from './helpers/scenario.js';

const BILLING = 'arn:aws:iam::000000000000:role/billing';
const SCHEDULING = 'arn:aws:iam::000000000000:role/scheduling';
const RECORD = JSON.stringify({ patient: 'Jane Roe', diagnosis: 'J45.909' });

describe.each(BACKENDS)('sealed messages on $name', (backend) => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness(backend);
  });
  afterEach(async () => {
    await h.dispose();
  });

  /** A queue whose key lets billing decrypt but not scheduling, with one message on it. */
  async function deniedScenario(maxReceiveCount = 2) {
    const scenario = await h.sealedQueueWithDlq(maxReceiveCount);
    await restrictDecrypt(h.kms, scenario.keyArn, [BILLING]);
    const { messageId } = await scenario.queue.send(RECORD, { principal: BILLING });
    return { ...scenario, messageId };
  }

  it('fail (default): the denied principal never sees the body; the message reaches the DLQ still sealed', async () => {
    const { queue, dlq, keyArn, messageId } = await deniedScenario();
    const sealedEvents: string[] = [];
    let handled = 0;
    const worker = h
      .worker()
      .handle(
        queue.name,
        async () => {
          handled += 1;
        },
        { ...MANUAL_CLOCK_POLLING, principal: SCHEDULING },
      )
      .on('sealed', (_ref, details) =>
        sealedEvents.push(`${details.reason}/${details.policy}/${details.keyArn}`),
      );
    await worker.start();
    const record = await worker.waitFor(messageId, 'deadLettered');
    expect(record.receiveCount).toBe(2);
    await eventually(async () => expect(await h.broker.peek(dlq.name)).toHaveLength(1));
    expect(handled).toBe(0);
    expect(sealedEvents[0]).toBe(`KMS.AccessDeniedException/fail/${keyArn}`);
    const [stored] = await h.broker.peek(dlq.name);
    expect(stored).toMatchObject({ messageId, sealed: true, keyArn });
    expect(Buffer.from(stored!.storedBody).toString('latin1')).not.toContain('Jane Roe');
    // An inspector without Decrypt sees it as sealed; the allowed principal can still read it:
    // the bytes were moved, not re-sealed.
    const [summary] = await new DlqInspector(h.broker, dlq.name).inspect({ principal: SCHEDULING });
    expect(summary).toMatchObject({
      messageId,
      sourceArn: queue.arn,
      sealed: { keyArn, reason: 'KMS.AccessDeniedException' },
    });
    const [opened] = await dlq.receive({ principal: BILLING, waitTimeSeconds: 0 });
    expect(opened).toMatchObject({ state: 'open', body: RECORD });
    expect(worker.metrics.snapshot()[queue.name]?.counters.sealed).toBe(2);
  });

  it('discard: deletes the sealed message and records it as discarded', async () => {
    const { queue, messageId } = await deniedScenario();
    let handled = 0;
    const worker = h.worker().handle(
      queue.name,
      async () => {
        handled += 1;
      },
      { ...MANUAL_CLOCK_POLLING, principal: SCHEDULING, sealedPolicy: 'discard' },
    );
    await worker.start();
    await worker.waitFor(messageId, 'discarded');
    await eventually(async () => expect(await h.broker.peek(queue.name)).toEqual([]));
    expect(handled).toBe(0);
    expect(worker.metrics.snapshot()[queue.name]?.counters).toMatchObject({
      sealed: 1,
      discarded: 1,
    });
  });

  it('consume: the handler gets the sealed envelope and key ARN', async () => {
    const { queue, keyArn, messageId } = await deniedScenario();
    const seen: Array<{ keyArn: string; reason: string; bytes: number; hasPayload: boolean }> = [];
    const worker = h.worker().handle(
      queue.name,
      async (message) => {
        if (message.state === 'sealed') {
          seen.push({
            keyArn: message.keyArn,
            reason: message.reason,
            bytes: message.envelope.byteLength,
            hasPayload: 'payload' in message || 'body' in message,
          });
        }
      },
      { ...MANUAL_CLOCK_POLLING, principal: SCHEDULING, sealedPolicy: 'consume' },
    );
    await worker.start();
    await worker.waitFor(messageId, 'consumed');
    expect(seen).toEqual([
      {
        keyArn,
        reason: 'KMS.AccessDeniedException',
        bytes: expect.any(Number),
        hasPayload: false,
      },
    ]);
    expect(seen[0]!.bytes).toBeGreaterThan(RECORD.length);
  });
});
