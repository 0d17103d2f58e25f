import { MoveTaskStatus } from '@sealbus/core';
import { expect } from 'vitest';
import type { DefineStoreCase } from './runStoreConformance.js';
import { ok, T0 } from './StoreFixture.js';

export function recordCases(test: DefineStoreCase): void {
  test('creates a queue once, lists by name and prefix, patches and deletes it', [], async (fx) => {
    const { store } = fx;
    expect(ok(await store.createQueue(fx.queueRecord('b'))).created).toBe(true);
    const again = ok(await store.createQueue({ ...fx.queueRecord('b'), tags: { x: '1' } }));
    expect(again).toMatchObject({ created: false, record: { name: 'b', tags: {} } });
    await fx.queue('a-1');
    await fx.queue('a-2');
    expect((await store.listQueues()).map((q) => q.name)).toEqual(['a-1', 'a-2', 'b']);
    expect((await store.listQueues('a-')).map((q) => q.name)).toEqual(['a-1', 'a-2']);

    const patched = ok(
      await store.updateQueue('b', {
        tags: { k: 'v' },
        lastModifiedTimestamp: T0 + 1,
        sealingSince: T0,
      }),
    );
    expect(patched).toMatchObject({
      tags: { k: 'v' },
      lastModifiedTimestamp: T0 + 1,
      sealingSince: T0,
    });
    const cleared = ok(
      await store.updateQueue('b', { lastModifiedTimestamp: T0 + 2, sealingSince: null }),
    );
    expect(cleared.sealingSince).toBeUndefined();
    expect(cleared.tags).toEqual({ k: 'v' });
    expect((await store.getQueue('b'))?.lastModifiedTimestamp).toBe(T0 + 2);

    expect(await store.deleteQueue('b')).toBe(true);
    expect(await store.deleteQueue('b')).toBe(false);
    expect(await store.getQueue('b')).toBeUndefined();
  });

  test(
    'answers queueMissing for every call on a missing queue, and writes nothing',
    [],
    async (fx) => {
      const { store } = fx;
      await fx.queue('present');
      const missing = { miss: 'queueMissing', queueName: 'gone' };
      expect(await store.updateQueue('gone', { lastModifiedTimestamp: T0 })).toEqual(missing);
      expect(
        await store.send(
          [
            { queueName: 'present', message: fx.message('one') },
            { queueName: 'gone', message: fx.message('two') },
          ],
          T0,
        ),
      ).toEqual(missing);
      expect(await store.receive('gone', fx.claim(1), T0)).toEqual(missing);
      expect(await store.deleteMessage('gone', 'h', T0)).toEqual(missing);
      expect(await store.changeVisibility('gone', 'h', T0, T0)).toEqual(missing);
      expect(await store.purge('gone')).toEqual(missing);
      expect(await store.counters('gone', T0)).toEqual(missing);
      expect(await store.peek('gone', { limit: 1 })).toEqual(missing);
      expect(await store.expire('gone', { sentBefore: T0, now: T0 })).toEqual(missing);
      await store.forgetReceive('gone', 'h');
      // The fanout above wrote nothing into the queue that exists.
      expect(ok(await store.counters('present', T0)).visible).toBe(0);
    },
  );

  // SNS SetTopicAttributes on a missing topic is NotFound; once both stores threw different
  // errors (NotFound, ResourceNotFoundException) for a topic deleted concurrently.
  test(
    'keeps topics: created once, sorted, patched; a missing one is topicMissing',
    [],
    async (fx) => {
      const { store } = fx;
      expect((await store.createTopic(fx.topicRecord('t2'))).created).toBe(true);
      expect(
        (await store.createTopic({ ...fx.topicRecord('t2'), tags: { a: 'b' } })).record.tags,
      ).toEqual({});
      await store.createTopic(fx.topicRecord('t1'));
      expect((await store.listTopics()).map((t) => t.name)).toEqual(['t1', 't2']);
      const patched = ok(await store.updateTopic('t1', { tags: { team: 'x' } }));
      expect(patched.tags).toEqual({ team: 'x' });
      expect((await store.getTopic('t1'))?.tags).toEqual({ team: 'x' });
      expect(await store.updateTopic('gone', { tags: {} })).toEqual({
        miss: 'topicMissing',
        topicName: 'gone',
      });
      expect(await store.deleteTopic('t1')).toBe(true);
      expect(await store.deleteTopic('t1')).toBe(false);
      expect(await store.getTopic('t1')).toBeUndefined();
    },
  );

  test('keeps subscriptions in order and drops them with their topic or queue', [], async (fx) => {
    const { store } = fx;
    const topic = (await store.createTopic(fx.topicRecord('t'))).record;
    const other = (await store.createTopic(fx.topicRecord('u'))).record;
    const q1 = await fx.queue('q1');
    const q2 = await fx.queue('q2');
    const sub = (arn: string, topicArn: string, endpoint: string) => ({
      arn,
      topicArn,
      endpoint,
      attributes: { filterPolicyScope: 'MessageAttributes' as const, rawMessageDelivery: false },
    });
    await store.addSubscription(sub('s1', topic.arn, q1.arn));
    await store.addSubscription(sub('s2', topic.arn, q2.arn));
    await store.addSubscription(sub('s3', other.arn, q1.arn));
    // Adding an ARN again keeps the first record.
    await store.addSubscription({
      ...sub('s1', topic.arn, q1.arn),
      attributes: { filterPolicyScope: 'MessageAttributes', rawMessageDelivery: true },
    });
    expect((await store.listSubscriptions(topic.arn)).map((s) => s.arn)).toEqual(['s1', 's2']);
    expect((await store.listSubscriptions()).map((s) => s.arn)).toEqual(['s1', 's2', 's3']);
    expect((await store.getSubscription('s1'))?.attributes.rawMessageDelivery).toBe(false);

    const raw = { filterPolicyScope: 'MessageAttributes', rawMessageDelivery: true } as const;
    const updated = ok(await store.updateSubscription('s2', raw));
    expect(updated.attributes).toEqual(raw);
    expect(await store.updateSubscription('nope', raw)).toEqual({
      miss: 'subscriptionMissing',
      subscriptionArn: 'nope',
    });

    await store.deleteQueue('q1');
    expect((await store.listSubscriptions()).map((s) => s.arn)).toEqual(['s2']);
    await store.deleteTopic('t');
    expect(await store.listSubscriptions()).toEqual([]);
    expect(await store.removeSubscription('s2')).toBe(false);
  });

  test('keeps move tasks, newest first, with their runner', [], async (fx) => {
    const { store } = fx;
    const task = (handle: string, started: number) => ({
      taskHandle: handle,
      status: MoveTaskStatus.RUNNING,
      sourceArn: 'arn:aws:sqs:us-east-1:000000000000:dlq',
      approximateNumberOfMessagesMoved: 0,
      approximateNumberOfMessagesToMove: 3,
      startedTimestamp: started,
    });
    await store.saveMoveTask(task('old', T0));
    await store.saveMoveTask({
      ...task('new', T0 + 5),
      runner: { host: 'h', pid: 1, heartbeatTimestamp: T0 + 6 },
    });
    await store.saveMoveTask({ ...task('old', T0), status: MoveTaskStatus.COMPLETED });
    expect((await store.listMoveTasks(task('x', 0).sourceArn)).map((t) => t.taskHandle)).toEqual([
      'new',
      'old',
    ]);
    expect(await store.getMoveTask('old')).toMatchObject({ status: MoveTaskStatus.COMPLETED });
    expect((await store.getMoveTask('new'))?.runner).toEqual({
      host: 'h',
      pid: 1,
      heartbeatTimestamp: T0 + 6,
    });
    expect(await store.getMoveTask('none')).toBeUndefined();
  });

  test(
    'keeps queues, messages, in-flight deadlines and topics across a reopen',
    ['persistent'],
    async (fx, reopen) => {
      await fx.queue('kept');
      await fx.send('kept', fx.message('a'), fx.message('b'));
      const [claimed] = (await fx.receive('kept', 1)).messages;
      await fx.store.createTopic(fx.topicRecord('t'));
      const after = await reopen();
      expect((await after.store.getQueue('kept'))?.name).toBe('kept');
      expect((await after.store.getTopic('t'))?.name).toBe('t');
      expect(ok(await after.store.counters('kept', T0))).toMatchObject({ visible: 1, inFlight: 1 });
      expect(await after.store.deleteMessage('kept', claimed!.receiptHandle!, T0)).toBeUndefined();
    },
  );
}
