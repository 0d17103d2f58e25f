import { MOVE_TASK_STALE_MS } from '@sealbus/broker-engine';
import { ManualClock } from '@sealbus/conformance';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteBroker } from '../src/index.js';
import { tempDir } from './support/records.js';

describe('message move tasks on a shared SQLite file', () => {
  let dir: ReturnType<typeof tempDir>;
  let path: string;

  beforeEach(() => {
    dir = tempDir();
    path = dir.path('moves.db');
  });
  afterEach(() => dir.cleanup());

  it('another broker marks a task FAILED once its runner went silent, and takes over the move', async () => {
    const clock = new ManualClock(Date.UTC(2030, 0, 1));
    const first = createSqliteBroker({ path, clock });
    const dlq = await first.createQueue('intake-dlq');
    const source = await first.createQueue('intake', {
      RedrivePolicy: { deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 },
      VisibilityTimeout: 0,
    });
    for (let i = 0; i < 5; i++) await source.send(`visit ${i}`);
    while ((await source.receive({ maxMessages: 10 })).length > 0) {}
    // One message per second: the task is still RUNNING when its broker closes (its process
    // lives on, so only the heartbeat can tell the runner is gone).
    const task = await first.startMessageMove({ sourceArn: dlq.arn, maxPerSecond: 1 });
    await first.close();

    const second = createSqliteBroker({ path, clock });
    try {
      expect((await second.listMessageMoveTasks(dlq.arn))[0]?.status).toBe('RUNNING');
      clock.advance(MOVE_TASK_STALE_MS + 1_000);
      const [stopped] = await second.listMessageMoveTasks(dlq.arn);
      expect(stopped).toMatchObject({ taskHandle: task.taskHandle, status: 'FAILED' });
      expect(stopped!.failureReason).toMatch(
        /^The task stopped after moving [01] of 5 messages: its runner, process \d+ on .+, has not reported progress for 31 s\. Start a new move task to move the rest\.$/,
      );
      const again = await second.startMessageMove({ sourceArn: dlq.arn });
      expect(again.status).toBe('RUNNING');
    } finally {
      await second.close();
    }
  });
});
