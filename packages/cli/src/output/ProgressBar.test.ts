import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProgressBar, renderProgress } from './ProgressBar.js';

describe('ProgressBar', () => {
  it('renders a bar of constant width whatever the counts (property)', () => {
    fc.assert(
      fc.property(
        fc.nat(10_000),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 80 }),
        (done, total, width) => {
          const bar = /^\[([#.]*)\]/.exec(renderProgress(done, total, width))![1]!;
          expect(bar).toHaveLength(width);
        },
      ),
    );
    expect(renderProgress(1, 4, 8)).toBe('[##......] 1/4 25%');
    expect(renderProgress(3, undefined, 3)).toBe('[???] 3');
  });

  it('writes one line per change on a pipe and redraws in place on a terminal', () => {
    const pipe: string[] = [];
    const bar = new ProgressBar({ write: (s: string) => pipe.push(s) }, 'moved', 4);
    bar.update(0, 2);
    bar.update(0, 2);
    bar.update(2, 2);
    bar.finish();
    expect(pipe).toEqual(['moved [....] 0/2 0%\n', 'moved [####] 2/2 100%\n']);
    const tty: string[] = [];
    const live = new ProgressBar({ write: (s: string) => tty.push(s), isTTY: true }, 'moved', 2);
    live.update(1, 2);
    live.finish();
    expect(tty).toEqual(['\rmoved [#.] 1/2 50%', '\n']);
  });
});
