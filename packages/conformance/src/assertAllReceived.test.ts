import type { ReceivedMessage } from '@sealbus/core';
import { describe, expect, it } from 'vitest';
import { assertAllReceived } from './assertAllReceived.js';

function received(messageId: string, body: string): ReceivedMessage {
  return {
    state: 'open',
    messageId,
    body,
    receiptHandle: 'h',
    md5OfBody: '',
    attributes: { ApproximateReceiveCount: 1, SentTimestamp: 0 },
    messageAttributes: {},
  };
}

describe('assertAllReceived', () => {
  it('passes when every message arrived once with its body', () => {
    expect(() =>
      assertAllReceived(
        [{ messageId: 'a', body: 'A' }, { messageId: 'b' }],
        [received('b', 'x'), received('a', 'A')],
      ),
    ).not.toThrow();
  });

  it('names missing, duplicate, unexpected and altered messages', () => {
    const check = () =>
      assertAllReceived(
        [{ messageId: 'a', body: 'A' }, { messageId: 'b' }, { messageId: 'c' }],
        [received('a', 'changed'), received('b', ''), received('b', ''), received('z', '')],
      );
    expect(check).toThrow(/4 problem\(s\) among 3 sent \/ 4 received/);
    expect(check).toThrow(/unexpected message z/);
    expect(check).toThrow(/message a arrived with a different body/);
    expect(check).toThrow(/message b received 2 times/);
    expect(check).toThrow(/message c never received/);
  });
});
