import { describe, expect, it } from 'vitest';
import { createMemoryBroker } from '../src/index.js';

describe('memory broker', () => {
  it('sends, receives and deletes on plain and SSE queues', async () => {
    const broker = createMemoryBroker();
    const plain = await broker.createQueue('plain', { SqsManagedSseEnabled: false });
    await plain.send('hello');
    const [message] = await plain.receive();
    expect(message?.body).toBe('hello');
    await plain.delete(message!.receiptHandle);
    const sse = await broker.createQueue('sse');
    await sse.send('secret');
    const peeked = await broker.peek('sse');
    expect(peeked[0]?.sealed).toBe(true);
    const [opened] = await sse.receive();
    expect(opened?.body).toBe('secret');
    await broker.close();
  });
});
