import { MOVE_TASK_STALE_MS } from '@sealbus/broker-engine';
import { ManualClock } from '@sealbus/conformance';
import { describe, expect, it } from 'vitest';
import { createMemoryBroker } from '../src/index.js';

/** A dead-letter queue holding `count` messages (maxReceiveCount 1: the second receive moves them). */
async function deadLetters(clock: ManualClock, count: number) {
  const broker = createMemoryBroker({ clock });
  const dlq = await broker.createQueue('stale-dlq');
  const source = await broker.createQueue('stale', {
    RedrivePolicy: { deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 },
    VisibilityTimeout: 0,
  });
  for (let i = 0; i < count; i++) await source.send(`m${i}`);
  while ((await source.receive({ maxMessages: 10 })).length > 0) {}
  return { broker, dlq };
}

describe('message move task runners', () => {
  it('a RUNNING task whose runner stopped beating is marked FAILED and no longer blocks a new move', async () => {
    const clock = new ManualClock(Date.UTC(2030, 0, 1));
    const { broker, dlq } = await deadLetters(clock, 5);
    expect((await dlq.getAttributes()).ApproximateNumberOfMessages).toBe(5);
    // Rated at 1 message per second: the task is still RUNNING after its first tick.
    const first = await broker.startMessageMove({ sourceArn: dlq.arn, maxPerSecond: 1 });
    expect(first).not.toHaveProperty('runner');
    await expect(broker.startMessageMove({ sourceArn: dlq.arn })).rejects.toMatchObject({
      code: 'UnsupportedOperation',
      message: expect.stringContaining('sealbus dlq cancel stale-dlq'),
    });

    // The manual clock stands for a runner that stopped ticking: its heartbeat ages.
    clock.advance(MOVE_TASK_STALE_MS + 1_000);
    const [stale] = await broker.listMessageMoveTasks(dlq.arn);
    expect(stale).toMatchObject({ taskHandle: first.taskHandle, status: 'FAILED' });
    expect(stale!.failureReason).toMatch(
      /^The task stopped after moving \d+ of 5 messages: its runner, process \d+ on .+, has not reported progress for 31 s\. Start a new move task to move the rest\.$/,
    );
    expect(stale).not.toHaveProperty('runner');

    const second = await broker.startMessageMove({ sourceArn: dlq.arn });
    expect(second.status).toBe('RUNNING');
    expect(second.taskHandle).not.toBe(first.taskHandle);
    await broker.close();
  });

  it('a task still beating is left RUNNING', async () => {
    const clock = new ManualClock(Date.UTC(2030, 0, 1));
    const { broker, dlq } = await deadLetters(clock, 3);
    const task = await broker.startMessageMove({ sourceArn: dlq.arn, maxPerSecond: 1 });
    clock.advance(MOVE_TASK_STALE_MS - 1_000);
    expect((await broker.listMessageMoveTasks(dlq.arn))[0]).toMatchObject({
      taskHandle: task.taskHandle,
      status: 'RUNNING',
    });
    await broker.close();
  });

  // SQS fails the task (ListMessageMoveTasks: Status FAILED with a FailureReason) when it cannot
  // deliver; before, one store failed it and the other reported the message moved.
  it('a task whose message source queue was deleted meanwhile ends FAILED, moving nothing', async () => {
    const clock = new ManualClock(Date.UTC(2030, 0, 1));
    const { broker, dlq } = await deadLetters(clock, 2);
    // A second source keeps the DLQ a dead-letter queue once the first is gone.
    await broker.createQueue('still-here', {
      RedrivePolicy: { deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 },
    });
    await broker.deleteQueue('stale');
    const task = await broker.startMessageMove({ sourceArn: dlq.arn });
    let settled = task;
    for (let poll = 0; poll < 100 && settled.status === 'RUNNING'; poll++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      settled = (await broker.listMessageMoveTasks(dlq.arn))[0] ?? settled;
    }
    expect(settled).toMatchObject({ status: 'FAILED', approximateNumberOfMessagesMoved: 0 });
    expect(settled.failureReason).toMatch(
      /^Destination queue "stale" of message .+ does not exist/,
    );
    expect((await dlq.getAttributes()).ApproximateNumberOfMessages).toBe(2);
    await broker.close();
  });
});
