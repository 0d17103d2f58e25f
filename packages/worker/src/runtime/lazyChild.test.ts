import type { Logger } from '@sealbus/core';
import { describe, expect, it } from 'vitest';
import { lazyChild } from './lazyChild.js';

describe('lazyChild', () => {
  it('creates the child once, on first use, with the bindings', () => {
    const created: Record<string, unknown>[] = [];
    const lines: string[] = [];
    const parent: Logger = {
      debug: () => {},
      info: () => {},
      warn: () => {},
      error: () => {},
      child: (bindings) => {
        created.push(bindings);
        return { ...parent, info: (_obj, msg) => lines.push(`${JSON.stringify(bindings)} ${msg}`) };
      },
    };
    const logger = lazyChild(parent, { messageId: 'm1' });
    expect(created).toEqual([]);
    logger.info({}, 'one');
    logger.info({}, 'two');
    expect(created).toEqual([{ messageId: 'm1' }]);
    expect(lines).toEqual(['{"messageId":"m1"} one', '{"messageId":"m1"} two']);
  });

  it('gives a child of a lazy child the merged bindings of one real child', () => {
    const created: Record<string, unknown>[] = [];
    const lines: string[] = [];
    const parent: Logger = {
      debug: () => {},
      info: () => {},
      warn: () => {},
      error: (_obj, msg) => lines.push(`root ${msg}`),
      child: (bindings) => {
        created.push(bindings);
        return {
          ...parent,
          error: (_obj, msg) => lines.push(`${JSON.stringify(bindings)} ${msg}`),
        };
      },
    };
    lazyChild(parent, { queueName: 'q' }).child({ messageId: 'm1' }).error({}, 'failed');
    expect(created).toEqual([{ queueName: 'q', messageId: 'm1' }]);
    expect(lines).toEqual(['{"queueName":"q","messageId":"m1"} failed']);
  });
});
