import { expect } from 'vitest';
import type { DefineStoreCase } from './runStoreConformance.js';
import { ok, T0, text } from './StoreFixture.js';

const fifo = { fifo: true } as const;

export function queueFifoCases(test: DefineStoreCase): void {
  test(
    'numbers FIFO messages in order and keeps a group blocked while one is in flight',
    [],
    async (fx) => {
      await fx.queue('f.fifo', true);
      await fx.send(
        'f.fifo',
        fx.fifoMessage('a1', 'a'),
        fx.fifoMessage('b1', 'b'),
        fx.fifoMessage('a2', 'a'),
        fx.fifoMessage('b2', 'b', { visibleAt: T0 + 5_000 }),
        fx.fifoMessage('b3', 'b'),
      );
      const sequences = (await fx.peek('f.fifo')).map((m) => BigInt(m.sequenceNumber!));
      expect(sequences).toEqual([...sequences].sort((x, y) => (x < y ? -1 : 1)));
      expect(new Set(sequences).size).toBe(5);
      // The delayed b2 blocks b3 behind it; a1 and a2 may come together.
      const first = await fx.bodies('f.fifo', 10, T0, fifo);
      expect([...first].sort()).toEqual(['a1', 'a2', 'b1']);
      expect(first.indexOf('a1')).toBeLessThan(first.indexOf('a2'));
      // Everything in flight or delayed: the groups are blocked.
      expect(await fx.bodies('f.fifo', 10, T0 + 6_000, fifo)).toEqual([]);
    },
  );

  test('delivers a FIFO group again only after its in-flight message is gone', [], async (fx) => {
    await fx.queue('f.fifo', true);
    await fx.send('f.fifo', fx.fifoMessage('1', 'g'), fx.fifoMessage('2', 'g'));
    const [one] = (await fx.receive('f.fifo', 1, T0, fifo)).messages;
    expect(text(one!)).toBe('1');
    expect(await fx.bodies('f.fifo', 1, T0, fifo)).toEqual([]);
    ok(await fx.store.deleteMessage('f.fifo', one!.receiptHandle!, T0));
    expect(await fx.bodies('f.fifo', 1, T0, fifo)).toEqual(['2']);
  });

  test(
    'suppresses a repeated deduplication key until it expires, naming the original',
    [],
    async (fx) => {
      await fx.queue('f.fifo', true);
      const [original] = ok(
        await fx.store.send([{ queueName: 'f.fifo', message: fx.fifoMessage('x', 'g') }], T0),
      );
      const [repeat] = ok(
        await fx.store.send(
          [{ queueName: 'f.fifo', message: fx.fifoMessage('x', 'h') }],
          T0 + 299_999,
        ),
      );
      expect(repeat).toEqual({ ...original, duplicate: true });
      expect(original!.sequenceNumber).toBeDefined();
      // The key expires at T0 + 300000; then the same id is a new message.
      const later = fx.fifoMessage('x', 'g', {
        deduplication: { scope: '', id: 'x', expiresAt: T0 + 600_000 },
      });
      const [fresh] = ok(
        await fx.store.send([{ queueName: 'f.fifo', message: later }], T0 + 300_000),
      );
      expect(fresh).toMatchObject({ duplicate: false, messageId: later.messageId });
      expect((await fx.peek('f.fifo')).length).toBe(2);
    },
  );

  test('keys deduplication on the scope it is given (per message group)', [], async (fx) => {
    await fx.queue('f.fifo', true);
    const inGroup = (group: string) =>
      fx.fifoMessage('same', group, {
        deduplication: { scope: group, id: 'same', expiresAt: T0 + 300_000 },
      });
    const outcomes = ok(
      await fx.store.send(
        ['g1', 'g2', 'g1'].map((group) => ({ queueName: 'f.fifo', message: inGroup(group) })),
        T0,
      ),
    );
    expect(outcomes.map((o) => o.duplicate)).toEqual([false, false, true]);
    expect(outcomes[2]!.messageId).toBe(outcomes[0]!.messageId);
  });
}
