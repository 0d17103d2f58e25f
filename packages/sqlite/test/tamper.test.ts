import type { EngineBroker } from '@sealbus/broker-engine';
import { openBody, sealedOf } from '@sealbus/conformance';
import { IntegrityReason, type Queue, type ReceivedMessage } from '@sealbus/core';
import type { LocalKms } from '@sealbus/kms-local';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteBackend } from '../src/index.js';
import { SEQUENCE_BITS } from '../src/store/messageKeys.js';
import { tempDir } from './support/records.js';

/**
 * An attacker on the same machine edits rows of the database file with a second connection
 * (docs/security-model.md, "Tamper evidence"). Every edited message must come out sealed with a
 * typed integrity reason, or opened to exactly the bytes sent for that message id in that
 * queue: never another message's body, never a plaintext the queue did not accept.
 */

const SECRET = 'patient Jane Roe, diagnosis J45.909';

interface Row {
  rowid: bigint;
  queue_id: number;
  message_id: string;
  body: Buffer;
  encryption_context: string | null;
  message_attributes: string | null;
  sent_ts: number;
}

describe('tampering with the SQLite file', () => {
  let dir: ReturnType<typeof tempDir>;
  let broker: EngineBroker;
  let kms: LocalKms;
  let db: Database.Database;
  let keyArn: string;

  beforeEach(async () => {
    dir = tempDir();
    const backend = openSqliteBackend({ path: dir.path('bus.db') });
    broker = backend.broker;
    kms = backend.kms!;
    keyArn = (await kms.createKey({ description: 'tamper suite' })).arn;
    db = new Database(dir.path('bus.db'));
    db.defaultSafeIntegers(true);
  });

  afterEach(async () => {
    db.close();
    await broker.close();
    dir.cleanup();
  });

  const row = (messageId: string): Row => {
    const found = db.prepare('SELECT rowid, * FROM messages WHERE message_id = ?').get(messageId) as
      | Row
      | undefined;
    if (found === undefined) throw new Error(`no row for ${messageId}`);
    return { ...found, queue_id: Number(found.queue_id), sent_ts: Number(found.sent_ts) };
  };
  const setColumn = (messageId: string, column: string, value: unknown): void => {
    db.prepare(`UPDATE messages SET ${column} = ? WHERE message_id = ?`).run(value, messageId);
  };
  const sealedQueue = (name: string, attributes = {}) =>
    broker.createQueue(name, { KmsMasterKeyId: keyArn, ...attributes });
  const receiveAll = async (queue: Queue, count: number): Promise<ReceivedMessage[]> => {
    const received = await queue.receive({ maxMessages: 10, waitTimeSeconds: 0 });
    expect(received).toHaveLength(count);
    return received;
  };
  /** The one received message, which must be sealed with `reason` and carry no plaintext. */
  const expectRefused = (message: ReceivedMessage | undefined, reason: IntegrityReason) => {
    expect(sealedOf(message).reason).toBe(reason);
    expect(Buffer.from(sealedOf(message).envelope).toString('latin1')).not.toContain(SECRET);
  };

  it('a truncated envelope (shorter than its header) comes out sealed: EnvelopeFormat', async () => {
    const queue = await sealedQueue('orders');
    const { messageId } = await queue.send(SECRET);
    setColumn(messageId, 'body', row(messageId).body.subarray(0, 60));
    const [message] = await receiveAll(queue, 1);
    expectRefused(message, IntegrityReason.EnvelopeFormat);
    expect(sealedOf(message).keyArn).toBe('');
  });

  it('a flipped magic or version byte comes out sealed: EnvelopeFormat, or EnvelopeIntegrity for a downgrade to version 1', async () => {
    const queue = await sealedQueue('orders');
    const edits: Array<[offset: number, value: number, reason: IntegrityReason]> = [
      [0, 0x7b, IntegrityReason.EnvelopeFormat], // '{': now looks like a JSON text body
      [1, 0x00, IntegrityReason.EnvelopeFormat],
      [4, 0x03, IntegrityReason.EnvelopeFormat], // unknown version
      [4, 0x01, IntegrityReason.EnvelopeIntegrity], // version 1: the header is authenticated
      [5, 0x07, IntegrityReason.EnvelopeFormat], // unknown suite
    ];
    const ids: string[] = [];
    for (const [offset, value] of edits) {
      const { messageId } = await queue.send(`${SECRET} ${offset}/${value}`);
      const body = Buffer.from(row(messageId).body);
      body[offset] = value;
      setColumn(messageId, 'body', body);
      ids.push(messageId);
    }
    const received = await receiveAll(queue, edits.length);
    for (const [index, [, , reason]] of edits.entries()) {
      expectRefused(
        received.find((m) => m.messageId === ids[index]),
        reason,
      );
    }
  });

  it('envelopes swapped between two messages of one queue come out sealed: EnvelopeIntegrity', async () => {
    const queue = await sealedQueue('orders');
    const first = await queue.send(`${SECRET} one`);
    const second = await queue.send(`${SECRET} two`);
    const a = row(first.messageId).body;
    const b = row(second.messageId).body;
    setColumn(first.messageId, 'body', b);
    setColumn(second.messageId, 'body', a);
    for (const message of await receiveAll(queue, 2)) {
      expectRefused(message, IntegrityReason.EnvelopeIntegrity);
    }
  });

  it('with the data key already cached by the consumer (no KMS call, no await), swapped envelopes still come out sealed', async () => {
    const queue = await sealedQueue('orders');
    await queue.send(`${SECRET} warm-up`);
    const [warm] = await receiveAll(queue, 1);
    expect(warm?.state).toBe('open');
    await queue.delete(warm!.receiptHandle);
    const first = await queue.send(`${SECRET} one`);
    const second = await queue.send(`${SECRET} two`);
    const a = row(first.messageId).body;
    setColumn(first.messageId, 'body', row(second.messageId).body);
    setColumn(second.messageId, 'body', a);
    for (const message of await receiveAll(queue, 2)) {
      expectRefused(message, IntegrityReason.EnvelopeIntegrity);
    }
  });

  it('an envelope copied with its context column into another queue comes out sealed: ForeignEncryptionContext', async () => {
    const orders = await sealedQueue('orders');
    const billing = await sealedQueue('billing');
    const { messageId } = await orders.send(SECRET);
    const decoy = await billing.send('billing note');
    const source = row(messageId);
    // The whole row, id included, lands in billing: the envelope still authenticates for its
    // own message id and queue context; the broker refuses the context in that queue.
    const copy = row(decoy.messageId).rowid;
    const setCopy = (column: string, value: unknown) =>
      db.prepare(`UPDATE messages SET ${column} = ? WHERE rowid = ?`).run(value, copy);
    setCopy('encryption_context', source.encryption_context);
    setCopy('body', source.body);
    setCopy('message_id', messageId);
    const [copied] = await receiveAll(billing, 1);
    expect(copied!.messageId).toBe(messageId);
    expectRefused(copied, IntegrityReason.ForeignEncryptionContext);
    // Without the context column the queue's own context applies, and KMS refuses the data key.
    setCopy('encryption_context', null);
    setCopy('visible_at', 0);
    const [again] = await receiveAll(billing, 1);
    expectRefused(again, IntegrityReason.EnvelopeIntegrity);
    // The original in orders still opens.
    const [original] = await receiveAll(orders, 1);
    expect(openBody(original!)).toBe(SECRET);
  });

  it('a plaintext row injected into an SSE queue comes out sealed: UnsealedInSseQueue', async () => {
    const queue = await sealedQueue('orders');
    await queue.send(SECRET);
    const queueId = Number(
      (db.prepare('SELECT id FROM queues WHERE name = ?').get('orders') as { id: bigint }).id,
    );
    const inject = (id: string, sequence: number, sentTimestamp: number) =>
      db
        .prepare(
          `INSERT INTO messages (rowid, queue_id, message_id, body, sent_ts, visible_at)
           VALUES ((? << ${SEQUENCE_BITS}) + ?, ?, ?, ?, ?, 0)`,
        )
        .run(
          queueId,
          sequence,
          queueId,
          id,
          Buffer.from('transfer 1,000,000 to 42'),
          sentTimestamp,
        );
    inject('injected-now', 1_000_000, Date.now());
    // Backdated to before the queue existed: a queue created with SSE never held plaintext.
    inject('injected-backdated', 1_000_001, Date.now() - 60_000);
    const received = await receiveAll(queue, 3);
    for (const id of ['injected-now', 'injected-backdated']) {
      expectRefused(
        received.find((m) => m.messageId === id),
        IntegrityReason.UnsealedInSseQueue,
      );
    }
    expect(openBody(received.find((m) => !m.messageId.startsWith('injected'))!)).toBe(SECRET);
  });

  it('plaintext backlog from before SSE was turned on stays readable; a plaintext row dated after it is refused', async () => {
    const queue = await broker.createQueue('legacy');
    const { messageId: backlog } = await queue.send('sent before SSE');
    await queue.setAttributes({ KmsMasterKeyId: keyArn });
    const sealingSince = Number(
      (
        db.prepare('SELECT sealing_since FROM queues WHERE name = ?').get('legacy') as {
          sealing_since: bigint;
        }
      ).sealing_since,
    );
    expect(sealingSince).toBeGreaterThan(0);
    const { messageId: after } = await queue.send(SECRET);
    // An attacker turns an SSE-era row into plaintext (and drops its context).
    setColumn(after, 'body', Buffer.from('forged plaintext'));
    setColumn(after, 'encryption_context', null);
    setColumn(after, 'sent_ts', sealingSince + 60_000);
    const received = await receiveAll(queue, 2);
    expect(received.find((m) => m.messageId === backlog)).toMatchObject({
      body: 'sent before SSE',
    });
    expect(received.find((m) => m.messageId === backlog)!.state).toBe('open');
    expectRefused(
      received.find((m) => m.messageId === after),
      IntegrityReason.UnsealedInSseQueue,
    );
  });

  it('edited message attributes of a sealed message come out sealed: EnvelopeIntegrity', async () => {
    const queue = await sealedQueue('orders');
    const { messageId } = await queue.send(SECRET, {
      messageAttributes: { route: { dataType: 'String', stringValue: 'ward-3' } },
    });
    const attributes = row(messageId).message_attributes!;
    setColumn(messageId, 'message_attributes', attributes.replace('ward-3', 'ward-9'));
    const [edited] = await receiveAll(queue, 1);
    expectRefused(edited, IntegrityReason.EnvelopeIntegrity);
    // Removing them altogether is an edit too.
    setColumn(messageId, 'message_attributes', null);
    db.prepare('UPDATE messages SET visible_at = 0 WHERE message_id = ?').run(messageId);
    const [removed] = await receiveAll(queue, 1);
    expectRefused(removed, IntegrityReason.EnvelopeIntegrity);
  });

  it('sealed messages dead-lettered and then moved by a move task keep opening (and their ids)', async () => {
    const dlq = await sealedQueue('orders-dlq');
    const orders = await sealedQueue('orders', {
      RedrivePolicy: { deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 },
    });
    const archive = await sealedQueue('archive');
    const { messageId } = await orders.send(SECRET, {
      messageAttributes: { route: { dataType: 'String', stringValue: 'ward-3' } },
    });
    await orders.receive({ waitTimeSeconds: 0, visibilityTimeoutSeconds: 0 });
    expect(await orders.receive({ waitTimeSeconds: 0 })).toEqual([]);
    const [inDlq] = await dlq.receive({ waitTimeSeconds: 0, visibilityTimeoutSeconds: 0 });
    expect(inDlq).toMatchObject({ messageId, body: SECRET });
    expect(inDlq!.attributes.DeadLetterQueueSourceArn).toBe(orders.arn);
    // The source queue's context in the archive: allowed because a move task led it there.
    await broker.startMessageMove({ sourceArn: dlq.arn, destinationArn: archive.arn });
    const moved = await waitForOne(archive);
    expect(moved).toMatchObject({ messageId, body: SECRET });
    expect(moved.state).toBe('open');
  });
});

async function waitForOne(queue: Queue): Promise<ReceivedMessage> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const [message] = await queue.receive({ waitTimeSeconds: 0 });
    if (message !== undefined) return message;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`nothing arrived in ${queue.name}`);
}
