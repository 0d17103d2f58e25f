import type { ClaimRequest, QueueRecord } from '@sealbus/broker-engine';
import { resolveQueueAttributes } from '@sealbus/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryQueue } from './MemoryQueue.js';

const UNIT = 1000;

function queue(name: string, attributes = {}): MemoryQueue {
  const record: QueueRecord = {
    name,
    arn: `arn:aws:sqs:us-east-1:000000000000:${name}`,
    attributes: resolveQueueAttributes(attributes, { queueName: name }),
    tags: {},
    createdTimestamp: 0,
    lastModifiedTimestamp: 0,
  };
  return new MemoryQueue(record);
}

type Operation =
  | { kind: 'send'; delay: number; group: number }
  | { kind: 'receive'; max: number; visibility: number }
  | { kind: 'delete'; pick: number }
  | { kind: 'changeVisibility'; pick: number; visibility: number }
  | { kind: 'advance'; by: number };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ kind: fc.constant('send' as const), delay: fc.nat(3), group: fc.nat(2) }),
  fc.record({
    kind: fc.constant('receive' as const),
    max: fc.integer({ min: 1, max: 10 }),
    visibility: fc.nat(3),
  }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat(50) }),
  fc.record({
    kind: fc.constant('changeVisibility' as const),
    pick: fc.nat(50),
    visibility: fc.nat(3),
  }),
  fc.record({ kind: fc.constant('advance' as const), by: fc.nat(3) }),
);

interface ModelMessage {
  id: string;
  group: string;
  visibleAt: number;
  receiveCount: number;
  handle?: string;
}

/** Replays operations against the queue and a plain model, comparing them after every step. */
function replay(operations: Operation[], fifo: boolean): void {
  const subject = fifo ? queue('model.fifo', { FifoQueue: true }) : queue('model');
  const model: ModelMessage[] = [];
  const handlesSeen: string[] = [];
  let now = 0;
  let ids = 0;
  let handles = 0;
  const claim = (max: number, visibility: number): ClaimRequest => ({
    maxMessages: max,
    visibleUntil: now + visibility * UNIT,
    fifo,
    expireBefore: -1,
    newReceiptHandle: () => `h${handles++}`,
  });
  for (const step of operations) {
    switch (step.kind) {
      case 'send': {
        const id = `m${ids++}`;
        const group = `g${step.group}`;
        const delay = fifo ? 0 : step.delay * UNIT;
        subject.accept(
          {
            messageId: id,
            body: new Uint8Array(),
            messageAttributes: {},
            visibleAt: now + delay,
            ...(fifo ? { messageGroupId: group, messageDeduplicationId: id, fifo: true } : {}),
          },
          now,
        );
        model.push({ id, group, visibleAt: now + delay, receiveCount: 0 });
        break;
      }
      case 'receive': {
        const { messages } = subject.claim(claim(step.max, step.visibility), now, undefined);
        const visible = model.filter((m) => m.visibleAt <= now);
        const blocked = new Set(
          model.filter((m) => m.visibleAt > now && m.receiveCount > 0).map((m) => m.group),
        );
        if (!fifo) expect(messages.length).toBe(Math.min(step.max, visible.length));
        for (const message of messages) {
          const modelled = model.find((m) => m.id === message.messageId)!;
          expect(modelled.visibleAt).toBeLessThanOrEqual(now);
          if (fifo) {
            expect(blocked.has(modelled.group)).toBe(false);
            // Everything older in the group was deleted already or comes in this same batch.
            const older = model.filter(
              (m) =>
                m.group === modelled.group &&
                m.id !== modelled.id &&
                Number(m.id.slice(1)) < Number(modelled.id.slice(1)),
            );
            for (const earlier of older)
              expect(messages.some((m) => m.messageId === earlier.id)).toBe(true);
          }
          modelled.visibleAt = now + step.visibility * UNIT;
          modelled.receiveCount++;
          modelled.handle = message.receiptHandle;
          expect(message.receiveCount).toBe(modelled.receiveCount);
          handlesSeen.push(message.receiptHandle!);
        }
        break;
      }
      case 'delete': {
        const handle = handlesSeen[step.pick % Math.max(1, handlesSeen.length)];
        if (handle === undefined) break;
        const owner = model.findIndex((m) => m.handle === handle);
        if (owner < 0) {
          expect(subject.deleteMessage(handle)).toMatchObject({ miss: 'receiptStale' });
        } else {
          expect(subject.deleteMessage(handle)).toBeUndefined();
          model.splice(owner, 1);
        }
        break;
      }
      case 'changeVisibility': {
        const handle = handlesSeen[step.pick % Math.max(1, handlesSeen.length)];
        if (handle === undefined) break;
        const owner = model.find((m) => m.handle === handle);
        const change = () => subject.changeVisibility(handle, now + step.visibility * UNIT, now);
        if (owner === undefined) {
          expect(change()).toMatchObject({ miss: 'receiptStale' });
        } else if (owner.visibleAt <= now) {
          expect(change()).toMatchObject({ miss: 'notInFlight' });
        } else {
          expect(change()).toBeUndefined();
          owner.visibleAt = now + step.visibility * UNIT;
        }
        break;
      }
      case 'advance':
        now += step.by * UNIT;
        break;
    }
    const depth = subject.depth(now);
    expect(depth.visible).toBe(model.filter((m) => m.visibleAt <= now).length);
    expect(depth.inFlight).toBe(
      model.filter((m) => m.visibleAt > now && m.receiveCount > 0).length,
    );
    expect(depth.delayed).toBe(
      model.filter((m) => m.visibleAt > now && m.receiveCount === 0).length,
    );
  }
}

describe('MemoryQueue against a model', () => {
  it('standard queues: receives, deletes, visibility changes and counters agree', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 80 }), (ops) => replay(ops, false)),
      {
        numRuns: 300,
      },
    );
  });

  it('FIFO queues: groups in order, never two receives into a group in flight', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 80 }), (ops) => replay(ops, true)),
      {
        numRuns: 300,
      },
    );
  });

  it('FIFO: a long group stays in order through head compaction', () => {
    const subject = queue('long.fifo', { FifoQueue: true });
    let handles = 0;
    const request: ClaimRequest = {
      maxMessages: 10,
      visibleUntil: 30_000,
      fifo: true,
      expireBefore: -1,
      newReceiptHandle: () => `h${handles++}`,
    };
    const total = 3000;
    let sent = 0;
    const order: string[] = [];
    while (order.length < total) {
      // Keep sending while receiving, so compaction happens with messages still queued.
      for (let i = 0; i < 13 && sent < total; i++, sent++) {
        subject.accept(
          {
            messageId: `m${sent}`,
            body: new Uint8Array(),
            messageAttributes: {},
            visibleAt: 0,
            messageGroupId: 'g',
            messageDeduplicationId: `m${sent}`,
            fifo: true,
          },
          0,
        );
      }
      const { messages } = subject.claim(request, 0, undefined);
      for (const message of messages) {
        order.push(message.messageId);
        subject.deleteMessage(message.receiptHandle!);
      }
    }
    expect(order).toEqual(Array.from({ length: total }, (_, i) => `m${i}`));
    expect(subject.depth(0)).toMatchObject({ visible: 0, inFlight: 0, delayed: 0 });
  });
});
