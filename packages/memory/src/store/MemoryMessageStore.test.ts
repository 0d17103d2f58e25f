import type { QueueRecord } from '@sealbus/broker-engine';
import { resolveQueueAttributes } from '@sealbus/core';
import { describe, expect, it } from 'vitest';
import { MemoryMessageStore } from './MemoryMessageStore.js';

const NOW = Date.UTC(2030, 0, 1);

function record(name: string, attributes = {}): QueueRecord {
  return {
    name,
    arn: `arn:aws:sqs:us-east-1:000000000000:${name}`,
    attributes: resolveQueueAttributes(attributes, { queueName: name }),
    tags: {},
    createdTimestamp: NOW,
    lastModifiedTimestamp: NOW,
  };
}

// The MessageStore contract itself is checked by runStoreConformance (test/storeConformance.test.ts).
describe('MemoryMessageStore', () => {
  it('keeps the stored record apart from the caller objects', async () => {
    const store = new MemoryMessageStore();
    const original = record('a');
    const { created } = await store.createQueue(original);
    expect(created).toBe(true);
    original.attributes.VisibilityTimeout = 999;
    const again = await store.createQueue(record('a', { VisibilityTimeout: 5 }));
    expect(again.created).toBe(false);
    expect(again.record.attributes.VisibilityTimeout).toBe(30);
  });
});
