import { describe, expect, it } from 'vitest';
import { HandlerSpy } from './HandlerSpy.js';

const record = (messageId: string, status: 'consumed' | 'error' | 'deadLettered' = 'consumed') => ({
  queueName: 'orders',
  messageId,
  status,
  receiveCount: 1,
});

describe('HandlerSpy', () => {
  it('resolves at once for a message already seen and later for one still to come', async () => {
    const spy = new HandlerSpy(10);
    spy.add(record('a'));
    await expect(spy.waitForMessageWithId('a')).resolves.toMatchObject({ messageId: 'a' });
    const pending = spy.waitForMessageWithId('b', 'deadLettered');
    spy.add(record('b', 'error'));
    spy.add(record('b', 'deadLettered'));
    await expect(pending).resolves.toMatchObject({ messageId: 'b', status: 'deadLettered' });
  });

  it('checks synchronously, filters by status and keeps only the newest bufferSize records', () => {
    const spy = new HandlerSpy(2);
    spy.add(record('a', 'error'));
    expect(spy.checkForMessage('a', 'consumed')).toBeUndefined();
    expect(spy.checkForMessage('a')?.status).toBe('error');
    spy.add(record('b'));
    spy.add(record('c'));
    expect(spy.checkForMessage('a')).toBeUndefined();
    expect(spy.counts()).toMatchObject({ consumed: 2, error: 1 });
  });

  it('returns copies of counts, clears, and hands out a view without the writer', () => {
    const spy = new HandlerSpy(5);
    spy.add(record('a'));
    const counts = spy.counts();
    counts.consumed = 99;
    expect(spy.counts().consumed).toBe(1);
    const view = spy.toPublic();
    expect(Object.isFrozen(view)).toBe(true);
    expect('add' in view).toBe(false);
    view.clear();
    expect(spy.counts().consumed).toBe(0);
    expect(spy.checkForMessage('a')).toBeUndefined();
  });

  it('stores frozen records without bodies', () => {
    const spy = new HandlerSpy(5);
    spy.add(record('a'));
    const seen = spy.checkForMessage('a');
    expect(Object.isFrozen(seen)).toBe(true);
    expect(Object.keys(seen ?? {}).sort()).toEqual([
      'messageId',
      'queueName',
      'receiveCount',
      'status',
    ]);
  });
});
