import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresBroker } from '../src/index.js';
import { spawnFixture } from './support/children.js';
import { freshDatabase, freshSchema } from './support/database.js';

const database = await freshDatabase();
afterAll(() => database.drop());

const MESSAGES = 5;

describe('message move tasks on PostgreSQL', () => {
  it('a task whose runner process was SIGKILLed mid-move is marked FAILED, never left RUNNING, and a new task moves the rest', async () => {
    const url = await freshSchema(database.url);
    const rootKey = randomBytes(32).toString('base64');
    const runner = spawnFixture('moveRunner', [url, rootKey, String(MESSAGES)]);
    const started = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const line = runner.lines.find((text) => text.startsWith('started '));
        if (line !== undefined) {
          clearInterval(timer);
          resolve(line.slice('started '.length));
        }
      }, 20);
      void runner.exited.then(() => {
        clearInterval(timer);
        reject(new Error('the runner exited before starting its task'));
      });
    });
    runner.process.kill('SIGKILL');
    await runner.exited;

    const broker = await createPostgresBroker({
      connectionString: url,
      rootKey: new Uint8Array(Buffer.from(rootKey, 'base64')),
      poolSize: 2,
    });
    try {
      const dlq = await broker.getQueue('intake-dlq');
      const source = await broker.getQueue('intake');
      const [stopped] = await broker.listMessageMoveTasks(dlq.arn);
      expect(stopped).toMatchObject({ taskHandle: started, status: 'FAILED' });
      // At one message per second the runner moved at most its first one before it died.
      expect(stopped!.failureReason).toMatch(
        new RegExp(
          `^The task stopped after moving [01] of ${MESSAGES} messages: its runner, process ${runner.process.pid} on .+, has exited\\. Start a new move task to move the rest\\.$`,
        ),
      );
      const again = await broker.startMessageMove({ sourceArn: dlq.arn });
      expect(again.status).toBe('RUNNING');
      // The new task moves whatever the dead one left: every message is back in `intake` once.
      const seen = new Set<string>();
      const deadline = Date.now() + 20_000;
      while (seen.size < MESSAGES && Date.now() < deadline) {
        for (const message of await source.receive({ maxMessages: 10, waitTimeSeconds: 1 })) {
          if (message.state === 'open') seen.add(message.body);
          await source.delete(message.receiptHandle);
        }
      }
      expect([...seen].sort()).toEqual(
        Array.from({ length: MESSAGES }, (_, index) => `visit ${index}`),
      );
      expect((await broker.listMessageMoveTasks(dlq.arn))[0]).toMatchObject({
        taskHandle: again.taskHandle,
        status: 'COMPLETED',
      });
    } finally {
      await broker.close();
    }
  });
});
