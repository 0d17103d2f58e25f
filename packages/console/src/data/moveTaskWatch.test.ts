import type { MoveTask } from '@sealbus/core';
import { describe, expect, it } from 'vitest';
import { MoveTaskWatch, STALL_AFTER_MS } from './moveTaskWatch.js';

const T0 = Date.UTC(2026, 0, 1);

function task(moved: number, status: MoveTask['status'] = 'RUNNING', handle = 'h1'): MoveTask {
  return {
    taskHandle: handle,
    status,
    sourceArn: 'arn:aws:sqs:us-east-1:000000000000:Orders-DLQ',
    approximateNumberOfMessagesMoved: moved,
    approximateNumberOfMessagesToMove: 627,
    startedTimestamp: T0,
  };
}

describe('MoveTaskWatch', () => {
  it('calls a RUNNING task stalled once its moved count stops changing for the stall period', () => {
    const watch = new MoveTaskWatch();
    expect(watch.isStalled(task(100), T0 + 60_000)).toBe(false);
    expect(watch.isStalled(task(300), T0 + 61_000)).toBe(false);
    expect(watch.isStalled(task(300), T0 + 61_000 + STALL_AFTER_MS - 1)).toBe(false);
    expect(watch.isStalled(task(300), T0 + 61_000 + STALL_AFTER_MS)).toBe(true);
    // Progress again: the runner is alive after all.
    expect(watch.isStalled(task(301), T0 + 200_000)).toBe(false);
  });

  it('counts a task first seen with nothing moved as idle since it started', () => {
    const watch = new MoveTaskWatch();
    expect(watch.idleFor(task(0), T0 + 20_000)).toBe(20_000);
    expect(watch.isStalled(task(0), T0 + STALL_AFTER_MS)).toBe(true);
  });

  it('never calls an ended task stalled, and forgets it', () => {
    const watch = new MoveTaskWatch();
    watch.idleFor(task(5), T0);
    for (const status of ['COMPLETED', 'CANCELLED', 'FAILED'] as const) {
      expect(watch.idleFor(task(5, status), T0 + 10 * STALL_AFTER_MS)).toBeUndefined();
    }
    // Seen afresh with progress made: idle from now, not from the first sighting.
    expect(watch.idleFor(task(5), T0 + 10 * STALL_AFTER_MS)).toBe(0);
  });

  it('keeps a bounded memory however many tasks it sees', () => {
    const watch = new MoveTaskWatch();
    for (let i = 0; i < 1500; i++) watch.idleFor(task(1, 'RUNNING', `h${i}`), T0);
    // The oldest were forgotten: seen again, they start over at 0 idle.
    expect(watch.idleFor(task(1, 'RUNNING', 'h0'), T0 + 5000)).toBe(0);
    expect(watch.idleFor(task(1, 'RUNNING', 'h1499'), T0 + 5000)).toBe(5000);
  });
});
