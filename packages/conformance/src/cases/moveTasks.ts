import type { Broker, MoveTask } from '@sealbus/core';
import { expect } from 'vitest';
import { containsText, pause } from '../ConformanceCase.js';
import { openBody } from '../openBody.js';
import type { DefineCase } from '../runConformance.js';
import { queueWithDeadLetterQueue } from './redrive.js';

const TASK_POLLS = 100;

/** Polls the newest task of a source until it leaves RUNNING (real time, short pauses). */
async function settledTask(broker: Broker, sourceArn: string): Promise<MoveTask> {
  for (let poll = 0; poll < TASK_POLLS; poll++) {
    const [task] = await broker.listMessageMoveTasks(sourceArn);
    if (task !== undefined && task.status !== 'RUNNING') return task;
    await pause(20);
  }
  throw new Error(`The move task of ${sourceArn} was still RUNNING after ${TASK_POLLS} polls`);
}

export function moveTaskCases(test: DefineCase): void {
  test('moves dead letters back to their source queue', ['moveTasks'], async (c) => {
    const { source, deadLetter } = await queueWithDeadLetterQueue(c, 'moveback', 1);
    const sent = [];
    for (let i = 0; i < 3; i++) sent.push(await source.send(`retry ${i}`));
    for (let i = 0; i < 3; i++) await source.receive({ maxMessages: 10 });
    expect((await deadLetter.getAttributes()).ApproximateNumberOfMessages).toBe(3);
    const started = await c.broker.startMessageMove({ sourceArn: deadLetter.arn });
    expect(started).toMatchObject({ status: 'RUNNING', sourceArn: deadLetter.arn });
    const done = await settledTask(c.broker, deadLetter.arn);
    expect(done).toMatchObject({ status: 'COMPLETED', approximateNumberOfMessagesMoved: 3 });
    const back = await c.receiveAll(source, 3);
    expect(back.map((m) => m.messageId).sort()).toEqual(sent.map((m) => m.messageId).sort());
    for (const message of back) {
      expect(message.attributes.ApproximateReceiveCount).toBe(1);
      expect(message.attributes.DeadLetterQueueSourceArn).toBeUndefined();
    }
  });

  test('moves dead letters to a given destination', ['moveTasks'], async (c) => {
    const { source, deadLetter } = await queueWithDeadLetterQueue(c, 'moveto', 1);
    const destination = await c.broker.createQueue(c.name('destination'));
    await source.send('elsewhere');
    await source.receive();
    await source.receive();
    await c.broker.startMessageMove({ sourceArn: deadLetter.arn, destinationArn: destination.arn });
    expect(await settledTask(c.broker, deadLetter.arn)).toMatchObject({
      status: 'COMPLETED',
      destinationArn: destination.arn,
    });
    expect((await c.receiveAll(destination, 1)).map((m) => openBody(m))).toEqual(['elsewhere']);
  });

  test(
    'a rated task moves at most maxPerSecond per second and can be cancelled',
    ['moveTasks'],
    async (c) => {
      const { source, deadLetter } = await queueWithDeadLetterQueue(c, 'rated', 1);
      for (let i = 0; i < 5; i++) await source.send(`slow ${i}`);
      for (let i = 0; i < 5; i++) await source.receive({ maxMessages: 10 });
      const task = await c.broker.startMessageMove({ sourceArn: deadLetter.arn, maxPerSecond: 1 });
      expect(task.maxNumberOfMessagesPerSecond).toBe(1);
      expect(task.approximateNumberOfMessagesToMove).toBe(5);
      let moved = 0;
      for (let poll = 0; poll < TASK_POLLS && moved === 0; poll++) {
        await pause(10);
        moved = (await c.broker.listMessageMoveTasks(deadLetter.arn))[0]!
          .approximateNumberOfMessagesMoved;
      }
      expect(moved).toBe(1);
      const cancelled = await c.broker.cancelMessageMoveTask(task.taskHandle);
      expect(cancelled.status).toBe('CANCELLED');
      const [listed] = await c.broker.listMessageMoveTasks(deadLetter.arn, 10);
      expect(listed).toMatchObject({ taskHandle: task.taskHandle, status: 'CANCELLED' });
      await expect(c.broker.cancelMessageMoveTask(task.taskHandle)).rejects.toMatchObject({
        code: expect.any(String),
      });
      expect((await deadLetter.getAttributes()).ApproximateNumberOfMessages).toBe(4);
    },
  );

  test('moves keep sealed bytes sealed', ['moveTasks', 'sse', 'storeInspection'], async (c) => {
    const key = await c.keys.createKey('move source key');
    const { source, deadLetter } = await queueWithDeadLetterQueue(c, 'movesealed', 1, {
      source: { KmsMasterKeyId: key },
      deadLetter: { SqsManagedSseEnabled: false },
    });
    await source.send('sealed diagnosis');
    await source.receive();
    await source.receive();
    const [inDeadLetter] = await c.rawBodies(deadLetter.name);
    expect(containsText(inDeadLetter!, 'sealed diagnosis')).toBe(false);
    await c.broker.startMessageMove({ sourceArn: deadLetter.arn });
    await settledTask(c.broker, deadLetter.arn);
    const [back] = await c.rawBodies(source.name);
    expect(Buffer.from(back!).equals(Buffer.from(inDeadLetter!))).toBe(true);
    expect((await c.receiveAll(source, 1)).map((m) => openBody(m))).toEqual(['sealed diagnosis']);
  });

  test('rejects moves from queues that are not dead-letter queues', ['moveTasks'], async (c) => {
    const plain = await c.broker.createQueue(c.name('notadlq'));
    await expect(c.broker.startMessageMove({ sourceArn: plain.arn })).rejects.toMatchObject({
      code: 'InvalidParameterValue',
    });
    const { deadLetter } = await queueWithDeadLetterQueue(c, 'badrate', 1);
    await expect(
      c.broker.startMessageMove({ sourceArn: deadLetter.arn, maxPerSecond: 501 }),
    ).rejects.toMatchObject({ code: 'InvalidParameterValue' });
  });
}
