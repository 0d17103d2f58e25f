import type { ReceivedMessage } from '@sealbus/core';
import { describe, expect, it } from 'vitest';
import { assertAllReceived } from './assertAllReceived.js';

function received(messageId: string, body: string): ReceivedMessage {
  return {
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
    expect(() =>
      assertAllReceived(
        [{ messageId: 'a', body: 'A' }, { messageId: 'b' }, { messageId: 'c' }],
        [received('a', 'changed'), received('b', ''), received('b', ''), received('z', '')],
      ),
    ).toThrow(
      /unexpected message z.*a arrived with a different body.*b received 2 times.*c never received/,
    );
  });
});
