import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ClaimCandidate, ClaimPlan } from './ClaimPlan.js';
import type { ClaimRequest } from './MessageStore.js';

const NOW = 1_000;

function request(extra: Partial<ClaimRequest> = {}): ClaimRequest {
  return {
    maxMessages: 10,
    visibleUntil: NOW + 30,
    fifo: false,
    expireBefore: 100,
    newReceiptHandle: () => 'h',
    ...extra,
  };
}

const candidate = (extra: Partial<ClaimCandidate> = {}): ClaimCandidate => ({
  sentTimestamp: 500,
  receiveCount: 0,
  visibleAt: NOW,
  ...extra,
});

describe('ClaimPlan', () => {
  it('drops a message past retention before redrive, redrives only into an existing queue', () => {
    const redrive = { deadLetterQueueName: 'dlq', sourceArn: 'arn', maxReceiveCount: 2 };
    const withDlq = new ClaimPlan(request({ redrive }), NOW, true);
    expect(withDlq.next(candidate({ sentTimestamp: 99, receiveCount: 5 }))).toBe('expire');
    expect(withDlq.next(candidate({ receiveCount: 2 }))).toBe('deadLetter');
    expect(withDlq.next(candidate({ receiveCount: 1 }))).toBe('claim');
    expect([withDlq.claimed, withDlq.deadLettered]).toEqual([1, 1]);
    const withoutDlq = new ClaimPlan(request({ redrive }), NOW, false);
    expect(withoutDlq.next(candidate({ receiveCount: 2 }))).toBe('claim');
  });

  it('FIFO: an invisible message blocks the rest of its group, in any interleaving of groups', () => {
    const plan = new ClaimPlan(request({ fifo: true, maxMessages: 3 }), NOW, false);
    const steps = [
      candidate({ messageGroupId: 'a' }),
      candidate({ messageGroupId: 'b', visibleAt: NOW + 1 }),
      candidate({ messageGroupId: 'b' }),
      candidate({ messageGroupId: 'a' }),
      candidate({ messageGroupId: 'c' }),
    ].map((c) => plan.next(c));
    expect(steps).toEqual(['claim', 'skip', 'skip', 'claim', 'claim']);
    expect(plan.full).toBe(true);
  });

  it('standard: skips invisible candidates without blocking others', () => {
    const plan = new ClaimPlan(request({ maxMessages: 1 }), NOW, false);
    expect(plan.next(candidate({ visibleAt: NOW + 1, messageGroupId: 'g' }))).toBe('skip');
    expect(plan.full).toBe(false);
    expect(plan.next(candidate({ messageGroupId: 'g' }))).toBe('claim');
    expect(plan.full).toBe(true);
  });

  it('plainClaimBounds: every visible standard candidate inside them is claimed, with or without a dead-letter queue', () => {
    expect(ClaimPlan.plainClaimBounds(request({ fifo: true }))).toBeUndefined();
    const time = fc.integer({ min: 0, max: 2_000 });
    fc.assert(
      fc.property(
        time,
        fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
        fc.boolean(),
        fc.array(fc.record({ sentTimestamp: time, receiveCount: fc.nat(6) }), { maxLength: 12 }),
        (expireBefore, maxReceiveCount, dlqExists, candidates) => {
          const claim = request({
            expireBefore,
            ...(maxReceiveCount === undefined
              ? {}
              : { redrive: { deadLetterQueueName: 'dlq', sourceArn: 'arn', maxReceiveCount } }),
          });
          const bounds = ClaimPlan.plainClaimBounds(claim)!;
          const plan = new ClaimPlan(claim, NOW, dlqExists);
          for (const c of candidates) {
            const inside =
              c.sentTimestamp >= bounds.sentSince &&
              (bounds.receiveCountBelow === undefined || c.receiveCount < bounds.receiveCountBelow);
            if (plan.full) break;
            const step = plan.next(candidate(c));
            if (inside) expect(step).toBe('claim');
          }
        },
      ),
    );
  });
});
