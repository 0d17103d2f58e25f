import { expect } from 'vitest';
import type { DefineStoreCase } from './runStoreConformance.js';
import { ok, T0, text } from './StoreFixture.js';

export function messageCases(test: DefineStoreCase): void {
  test(
    'claims visible messages oldest first with a fresh handle, deadline and count',
    [],
    async (fx) => {
      await fx.queue('q');
      await fx.send(
        'q',
        fx.message('a'),
        fx.message('b'),
        fx.message('later', { visibleAt: T0 + 5_000 }),
      );
      const first = await fx.receive('q', 10);
      expect(first.messages.map(text)).toEqual(['a', 'b']);
      const [a] = first.messages;
      expect(a).toMatchObject({
        receiveCount: 1,
        firstReceiveTimestamp: T0,
        visibleAt: T0 + 30_000,
      });
      expect(a!.sentTimestamp).toBe(T0);
      // In flight and delayed: nothing to claim until their time comes.
      expect(await fx.bodies('q', 10, T0 + 1_000)).toEqual([]);
      expect(ok(await fx.store.counters('q', T0 + 1_000))).toEqual({
        visible: 0,
        inFlight: 2,
        delayed: 1,
        oldestSentTimestamp: T0,
      });
      const again = await fx.receive('q', 10, T0 + 30_000);
      // Earliest visible first: `later` became visible before the two in flight.
      expect(again.messages.map(text)).toEqual(['later', 'a', 'b']);
      const aAgain = again.messages[1]!;
      expect(aAgain).toMatchObject({ receiveCount: 2, firstReceiveTimestamp: T0 });
      expect(aAgain.receiptHandle).not.toBe(a!.receiptHandle);
      // The first handle was superseded by the second receive.
      expect(await fx.store.deleteMessage('q', a!.receiptHandle!, T0 + 30_000)).toEqual({
        miss: 'receiptStale',
        queueName: 'q',
        receiptHandle: a!.receiptHandle,
      });
      expect(await fx.store.deleteMessage('q', aAgain.receiptHandle!, T0 + 30_000)).toBeUndefined();
      expect(await fx.store.deleteMessage('q', aAgain.receiptHandle!, T0 + 30_000)).toMatchObject({
        miss: 'receiptStale',
      });
    },
  );

  test(
    'claims at most maxMessages, and a zero visibility timeout claims each message once per receive',
    [],
    async (fx) => {
      await fx.queue('q');
      await fx.send('q', fx.message('a'), fx.message('b'), fx.message('c'));
      expect(await fx.bodies('q', 2, T0, { visibleUntil: T0 })).toEqual(['a', 'b']);
      expect((await fx.bodies('q', 10, T0, { visibleUntil: T0 })).sort()).toEqual(['a', 'b', 'c']);
    },
  );

  test('keeps every field of a message and its bytes untouched', [], async (fx) => {
    await fx.queue('q');
    const body = new Uint8Array([0, 255, 1, 254]);
    const sent = fx.message('', {
      body,
      messageAttributes: { kind: { dataType: 'String', stringValue: 'x' } },
      senderId: 'AIDA-SENDER',
      awsTraceHeader: 'Root=1-abc',
      encryptionContext: { 'aws:sqs:arn': 'arn:aws:sqs:us-east-1:000000000000:q' },
      // A standard queue may carry a group id (fair queues): no sequence number for it.
      messageGroupId: 'tenant-1',
    });
    await fx.send(
      'q',
      sent,
      fx.message('plain', { md5OfBody: 'd41d8cd98f00b204e9800998ecf8427e' }),
    );
    const [one, two] = (await fx.receive('q', 2)).messages;
    expect(one).toMatchObject({
      messageId: sent.messageId,
      messageAttributes: sent.messageAttributes,
      senderId: 'AIDA-SENDER',
      awsTraceHeader: 'Root=1-abc',
      encryptionContext: sent.encryptionContext,
      messageGroupId: 'tenant-1',
    });
    expect([...one!.body]).toEqual([...body]);
    expect(one!.sequenceNumber).toBeUndefined();
    expect(two!.md5OfBody).toBe('d41d8cd98f00b204e9800998ecf8427e');
    // A send returns each message's id in input order.
    expect(
      ok(
        await fx.store.send(
          [{ queueName: 'q', message: fx.message('x', { messageId: 'id-x' }) }],
          T0,
        ),
      ),
    ).toEqual([{ messageId: 'id-x', duplicate: false }]);
  });

  test(
    'changes visibility only while in flight: receiptStale and notInFlight otherwise',
    [],
    async (fx) => {
      await fx.queue('q');
      await fx.queue('other');
      await fx.send('q', fx.message('a'));
      await fx.send('other', fx.message('o'));
      const [a] = (await fx.receive('q', 1)).messages;
      const [o] = (await fx.receive('other', 1)).messages;
      const handle = a!.receiptHandle!;
      expect(await fx.store.changeVisibility('q', handle, T0 + 60_000, T0)).toBeUndefined();
      expect(await fx.bodies('q', 1, T0 + 30_000)).toEqual([]);
      // Zero timeout: visible again at once, the handle still current.
      expect(
        await fx.store.changeVisibility('q', handle, T0 + 31_000, T0 + 31_000),
      ).toBeUndefined();
      expect(await fx.store.changeVisibility('q', handle, T0 + 90_000, T0 + 31_000)).toEqual({
        miss: 'notInFlight',
        queueName: 'q',
        receiptHandle: handle,
      });
      // A handle of another queue, and one never issued.
      expect(await fx.store.changeVisibility('q', o!.receiptHandle!, T0 + 1, T0)).toMatchObject({
        miss: 'receiptStale',
      });
      expect(await fx.store.deleteMessage('q', o!.receiptHandle!, T0)).toMatchObject({
        miss: 'receiptStale',
      });
      expect(await fx.store.deleteMessage('q', 'not-a-handle', T0)).toMatchObject({
        miss: 'receiptStale',
      });
      expect(await fx.bodies('q', 1, T0 + 31_000)).toEqual(['a']);
    },
  );

  test(
    'forgetReceive takes back a claim: count down, handle dead, still invisible',
    [],
    async (fx) => {
      await fx.queue('q');
      await fx.send('q', fx.message('a'));
      const [a] = (await fx.receive('q', 1)).messages;
      await fx.store.forgetReceive('q', a!.receiptHandle!);
      await fx.store.forgetReceive('q', 'unknown-handle');
      expect(await fx.store.deleteMessage('q', a!.receiptHandle!, T0)).toMatchObject({
        miss: 'receiptStale',
      });
      expect(await fx.bodies('q', 1, T0 + 1)).toEqual([]);
      const [back] = (await fx.receive('q', 1, T0 + 30_000)).messages;
      expect(back).toMatchObject({ receiveCount: 1, firstReceiveTimestamp: T0 + 30_000 });
    },
  );

  test(
    'drops messages past the retention cut-off, on receive and through expire',
    [],
    async (fx) => {
      // Time only moves forward: stores may rely on sent order being queue order.
      const sendAt = (body: string, at: number) =>
        fx.store.send([{ queueName: 'q', message: fx.message(body, { visibleAt: at }) }], at);
      await fx.queue('q');
      await fx.send('q', fx.message('old'), fx.message('old2'));
      ok(await sendAt('new', T0 + 10));
      expect(await fx.bodies('q', 1, T0 + 10, { expireBefore: T0 + 1 })).toEqual(['new']);
      expect(ok(await fx.store.counters('q', T0 + 10)).inFlight).toBe(1);
      expect((await fx.peek('q')).map(text)).toEqual(['new']);
      ok(await sendAt('newer', T0 + 20));
      expect(await fx.store.expire('q', { sentBefore: T0 + 11, now: T0 + 20 })).toBe(1);
      expect(await fx.store.expire('q', { sentBefore: T0 + 11, now: T0 + 20 })).toBe(0);
      expect((await fx.peek('q')).map(text)).toEqual(['newer']);
    },
  );

  test('peeks without claiming, pages by message id, and purges', [], async (fx) => {
    await fx.queue('q');
    await fx.send('q', fx.message('a'), fx.message('b'), fx.message('c'));
    const all = await fx.peek('q');
    expect(all.map(text)).toEqual(['a', 'b', 'c']);
    const page = ok(await fx.store.peek('q', { limit: 1, afterMessageId: all[0]!.messageId }));
    expect(page.map(text)).toEqual(['b']);
    expect(ok(await fx.store.counters('q', T0)).visible).toBe(3);
    expect(await fx.store.purge('q')).toBeUndefined();
    expect(ok(await fx.store.counters('q', T0))).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });

  test('waitForMessages wakes on a send, and resolves on timeout and abort', [], async (fx) => {
    await fx.queue('q');
    const woken = fx.store.waitForMessages('q', 60_000);
    await fx.send('q', fx.message('a'));
    await woken;
    await fx.store.waitForMessages('q', 1);
    const abort = new AbortController();
    const aborted = fx.store.waitForMessages('q', 60_000, abort.signal);
    abort.abort();
    await aborted;
  });
}
