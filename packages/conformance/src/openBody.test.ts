import type { ReceivedMessage } from '@sealbus/core';
import { describe, expect, it } from 'vitest';
import { openBody } from './openBody.js';

const base = {
  messageId: 'm-1',
  receiptHandle: 'rh',
  md5OfBody: '',
  attributes: { ApproximateReceiveCount: 1, SentTimestamp: 0 },
  messageAttributes: {},
};

describe('openBody', () => {
  it('returns the body of an open message', () => {
    expect(openBody({ ...base, state: 'open', body: 'hello' })).toBe('hello');
  });

  it('throws naming the message and the reason for a sealed one', () => {
    const sealed: ReceivedMessage = {
      ...base,
      state: 'sealed',
      keyArn: 'arn:aws:kms:us-east-1:000000000000:key/k',
      envelope: new Uint8Array([1]),
      reason: 'KMS.AccessDeniedException',
    };
    expect(() => openBody(sealed)).toThrow(
      'message m-1 arrived sealed (KMS.AccessDeniedException, key arn:aws:kms:us-east-1:000000000000:key/k)',
    );
  });

  it('throws when nothing arrived', () => {
    expect(() => openBody(undefined)).toThrow('no message was received');
  });
});
