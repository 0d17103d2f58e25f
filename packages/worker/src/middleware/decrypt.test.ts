import type { SealedBody } from '@sealbus/core';
import { describe, expect, it } from 'vitest';
import { handlerContext, inbound, sealedInbound } from '../../test/fixtures.js';
import type { Handler } from '../types/handler.js';
import { decrypt } from './decrypt.js';

const sealed: SealedBody = {
  keyArn: 'arn:aws:kms:us-east-1:000000000000:key/1234',
  envelope: new Uint8Array([1, 2, 3]),
  reason: 'KMS.AccessDeniedException',
};

describe('decrypt middleware (sealed policy)', () => {
  const handled: string[] = [];
  const next: Handler = async (m) => {
    handled.push(m.messageId);
    return { status: 'consumed' };
  };

  it('passes readable messages straight through', async () => {
    const message = inbound();
    expect(await decrypt({ policy: 'fail' })(next)(message, handlerContext())).toEqual({
      status: 'consumed',
    });
    expect(handled).toContain(message.messageId);
  });

  it('fail: returns error naming the KMS reason and key, without calling the handler', async () => {
    const events: string[] = [];
    const message = sealedInbound(sealed);
    const result = await decrypt({
      policy: 'fail',
      onSealed: (m, p) => events.push(`${m.reason}/${p}`),
    })(next)(message, handlerContext());
    expect(result).toEqual({
      status: 'error',
      errorReason: `sealed: KMS.AccessDeniedException for key ${sealed.keyArn}`,
    });
    expect(handled).not.toContain(message.messageId);
    expect(events).toEqual(['KMS.AccessDeniedException/fail']);
  });

  it('discard: returns discarded so the message is deleted and audited', async () => {
    const message = sealedInbound(sealed);
    const result = await decrypt({ policy: 'discard' })(next)(message, handlerContext());
    expect(result.status).toBe('discarded');
    expect(handled).not.toContain(message.messageId);
  });

  it('consume: hands the sealed message to the handler', async () => {
    const message = sealedInbound(sealed);
    expect(await decrypt({ policy: 'consume' })(next)(message, handlerContext())).toEqual({
      status: 'consumed',
    });
    expect(handled).toContain(message.messageId);
  });

  it('rejects an unknown policy naming sealedPolicy', () => {
    expect(() => decrypt({ policy: 'ignore' as never })).toThrow(/sealedPolicy/);
  });
});
