import { describe, expect, it } from 'vitest';
import { Notifier } from './Notifier.js';

describe('Notifier', () => {
  it('wakes local waiters at once and sends the names of a burst in one NOTIFY after the first', async () => {
    const sent: string[][] = [];
    const woken: string[] = [];
    const notifier = new Notifier(
      async (names) => {
        sent.push(names);
      },
      (name) => woken.push(name),
    );
    notifier.notify(['a']);
    // While the first statement (and its spacing) is under way: one more for all of these.
    for (const name of ['b', 'c', 'b', 'a']) notifier.notify([name]);
    expect(woken).toEqual(['a', 'b', 'c', 'b', 'a']);
    await notifier.flushed();
    expect(sent).toEqual([['a'], ['b', 'c', 'a']]);
    expect(notifier.statements).toBe(2);
  });

  it('drops a failed NOTIFY (waiters fall back to polling) and goes on', async () => {
    const sent: string[][] = [];
    let fail = true;
    const notifier = new Notifier(
      async (names) => {
        if (fail) {
          fail = false;
          throw new Error('connection lost');
        }
        sent.push(names);
      },
      () => {},
    );
    notifier.notify(['lost']);
    await notifier.flushed();
    notifier.notify(['kept']);
    await notifier.flushed();
    expect(sent).toEqual([['kept']]);
  });
});
