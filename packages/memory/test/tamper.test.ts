import {
  createEngineBroker,
  isStoreMiss,
  type MessageStore,
  type StoredMessage,
} from '@sealbus/broker-engine';
import { IntegrityReason, type Queue, type ReceivedMessage } from '@sealbus/core';
import { LocalKms } from '@sealbus/kms-local';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryMessageStore } from '../src/index.js';

/**
 * The memory store has no file to edit; a store that rewrites what `receive` hands the engine
 * stands in for corrupted memory, so the engine's checks are proven on this backend too (the
 * SQLite suite edits real rows: packages/sqlite/test/tamper.test.ts).
 */

const SECRET = 'patient Jane Roe, diagnosis J45.909';

type Edit = (messages: StoredMessage[]) => void;

/** A memory store whose claimed messages pass through `edit` before the engine sees them. */
function tamperingStore(inner: MessageStore, edit: () => Edit | undefined): MessageStore {
  return new Proxy(inner, {
    get(target, property, receiver) {
      if (property === 'receive') {
        return async (...args: Parameters<MessageStore['receive']>) => {
          const result = await target.receive(...args);
          if (!isStoreMiss(result)) edit()?.(result.messages);
          return result;
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('tampered messages on the memory backend', () => {
  let edit: Edit | undefined;
  let broker: ReturnType<typeof createEngineBroker>;
  let keyArn: string;
  const stolen: StoredMessage[] = [];

  beforeEach(async () => {
    const kms = new LocalKms();
    edit = undefined;
    stolen.length = 0;
    broker = createEngineBroker({
      store: tamperingStore(new MemoryMessageStore(), () => edit),
      keyProvider: kms,
    });
    keyArn = (await kms.createKey({ description: 'tamper' })).arn;
  });
  afterEach(async () => {
    await broker.close();
  });

  const receive = (queue: Queue) => queue.receive({ maxMessages: 10, waitTimeSeconds: 0 });
  const expectRefused = (message: ReceivedMessage | undefined, reason: IntegrityReason) => {
    expect(message?.sealed?.reason).toBe(reason);
    expect(Buffer.from(message!.body, 'base64').toString('latin1')).not.toContain(SECRET);
  };

  it('swapped envelopes, truncated bodies and edited attributes come out sealed with their reason', async () => {
    const queue = await broker.createQueue('orders', { KmsMasterKeyId: keyArn });
    for (let i = 0; i < 4; i++) {
      await queue.send(`${SECRET} ${i}`, {
        messageAttributes: { n: { dataType: 'Number', stringValue: String(i) } },
      });
    }
    edit = (messages) => {
      const [a, b, c, d] = messages as [StoredMessage, StoredMessage, StoredMessage, StoredMessage];
      [a.body, b.body] = [b.body, a.body];
      c.body = c.body.subarray(0, 40);
      d.messageAttributes = { n: { dataType: 'Number', stringValue: '99' } };
    };
    const received = await receive(queue);
    expect(received.map((m) => m.sealed?.reason)).toEqual([
      IntegrityReason.EnvelopeIntegrity,
      IntegrityReason.EnvelopeIntegrity,
      IntegrityReason.EnvelopeFormat,
      IntegrityReason.EnvelopeIntegrity,
    ]);
    for (const message of received)
      expectRefused(message, message.sealed!.reason as IntegrityReason);
  });

  it('an envelope with its context from another queue, and plaintext in an SSE queue, come out sealed', async () => {
    const orders = await broker.createQueue('orders', { KmsMasterKeyId: keyArn });
    const billing = await broker.createQueue('billing', { KmsMasterKeyId: keyArn });
    await orders.send(SECRET);
    edit = (messages) => stolen.push(...messages.map((m) => ({ ...m })));
    await receive(orders);
    await billing.send('billing note');
    await billing.send('billing note 2');
    edit = (messages) => {
      const [copy, plain] = messages as [StoredMessage, StoredMessage];
      const source = stolen[0]!;
      copy.messageId = source.messageId;
      copy.body = source.body;
      copy.encryptionContext = source.encryptionContext!;
      plain.body = new TextEncoder().encode('forged plaintext');
      delete plain.encryptionContext;
    };
    const [copy, plain] = await receive(billing);
    expectRefused(copy, IntegrityReason.ForeignEncryptionContext);
    expectRefused(plain, IntegrityReason.UnsealedInSseQueue);
  });

  it('legitimate paths keep opening: chained dead-letter queues, and a DLQ whose source queue was deleted', async () => {
    const once = { maxMessages: 10, waitTimeSeconds: 0, visibilityTimeoutSeconds: 0 };
    const sealedWithDlq = (name: string, deadLetterTargetArn: string) =>
      broker.createQueue(name, {
        KmsMasterKeyId: keyArn,
        RedrivePolicy: { deadLetterTargetArn, maxReceiveCount: 1 },
      });
    const last = await broker.createQueue('last-dlq', { KmsMasterKeyId: keyArn });
    const dlq = await sealedWithDlq('dlq', last.arn);
    const orders = await sealedWithDlq('orders', dlq.arn);
    await orders.send(`${SECRET} chained`);
    await orders.receive(once);
    expect(await orders.receive(once)).toEqual([]);
    expect((await dlq.receive(once)).map((m) => m.body)).toEqual([`${SECRET} chained`]);
    expect(await dlq.receive(once)).toEqual([]);
    // orders -> dlq -> last-dlq: the message sealed for orders opens two hops away.
    const [chained] = await last.receive(once);
    expect(chained).toMatchObject({ body: `${SECRET} chained` });
    expect(chained!.sealed).toBeUndefined();

    const parking = await broker.createQueue('parking', { KmsMasterKeyId: keyArn });
    const doomed = await sealedWithDlq('doomed', parking.arn);
    await doomed.send(`${SECRET} orphaned`);
    await doomed.receive(once);
    expect(await doomed.receive(once)).toEqual([]);
    // The source queue goes away; its dead-lettered message stays readable where it is.
    await broker.deleteQueue(doomed.url);
    const [orphan] = await parking.receive(once);
    expect(orphan).toMatchObject({ body: `${SECRET} orphaned` });
    expect(orphan!.sealed).toBeUndefined();
  });
});
