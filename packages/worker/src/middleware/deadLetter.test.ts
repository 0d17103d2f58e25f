import { describe, expect, it } from 'vitest';
import { handlerContext, inbound } from '../../test/fixtures.js';
import type { Handler } from '../types/handler.js';
import type { HandlerResult } from '../types/result.js';
import { deadLetter } from './deadLetter.js';

const redrivePolicy = {
  deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:orders-dlq',
  maxReceiveCount: 3,
};

function observe(result: HandlerResult | Error, receiveCount: number, withPolicy = true) {
  const seen: string[] = [];
  const next: Handler = async () => {
    if (result instanceof Error) throw result;
    return result;
  };
  const chain = deadLetter({
    ...(withPolicy ? { redrivePolicy } : {}),
    onDeadLettered: (m, arn) => seen.push(`${m.messageId}->${arn}`),
  })(next);
  return { seen, run: () => chain(inbound({ receiveCount }), handlerContext()) };
}

describe('deadLetter middleware', () => {
  it('reports a failure on the last delivery the policy allows', async () => {
    const { seen, run } = observe({ status: 'error', errorReason: 'x' }, 3);
    await run();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toContain(redrivePolicy.deadLetterTargetArn);
  });

  it('reports a retryLater and a thrown error at the limit too', async () => {
    const later = observe({ status: 'retryLater', delaySeconds: 1 }, 4);
    await later.run();
    expect(later.seen).toHaveLength(1);
    const thrown = observe(new Error('boom'), 3);
    await expect(thrown.run()).rejects.toThrow('boom');
    expect(thrown.seen).toHaveLength(1);
  });

  it('stays quiet before the limit, on success, and without a policy', async () => {
    for (const { seen, run } of [
      observe({ status: 'error', errorReason: 'x' }, 2),
      observe({ status: 'consumed' }, 3),
      observe({ status: 'error', errorReason: 'x' }, 99, false),
    ]) {
      await run();
      expect(seen).toEqual([]);
    }
  });
});
