import type { Logger } from '@sealbus/core';
import { describe, expect, it } from 'vitest';
import { handlerContext, inbound } from '../../test/fixtures.js';
import type { HandlerResult } from '../types/result.js';
import { logging } from './logging.js';

function capture() {
  const lines: Array<{ level: string; obj: Record<string, unknown>; msg?: string }> = [];
  const make = (): Logger => ({
    debug: (obj, msg) =>
      lines.push({ level: 'debug', obj: obj as Record<string, unknown>, ...(msg ? { msg } : {}) }),
    info: (obj, msg) =>
      lines.push({ level: 'info', obj: obj as Record<string, unknown>, ...(msg ? { msg } : {}) }),
    warn: (obj, msg) =>
      lines.push({ level: 'warn', obj: obj as Record<string, unknown>, ...(msg ? { msg } : {}) }),
    error: (obj, msg) =>
      lines.push({ level: 'error', obj: obj as Record<string, unknown>, ...(msg ? { msg } : {}) }),
    child: () => make(),
  });
  return { lines, logger: make() };
}

const SECRET_BODY = '{"ssn":"123-45-6789"}';

async function logOutcome(result: HandlerResult | Error) {
  const { lines, logger } = capture();
  const chain = logging()(async () => {
    if (result instanceof Error) throw result;
    return result;
  });
  await chain(inbound({ body: SECRET_BODY }), handlerContext({ logger })).catch(() => undefined);
  return lines;
}

describe('logging middleware', () => {
  it('logs each outcome at its level with ids and never the body', async () => {
    const consumed = await logOutcome({ status: 'consumed' });
    const discarded = await logOutcome({ status: 'discarded', reason: 'sealed' });
    const failed = await logOutcome({ status: 'error', errorReason: 'bad' });
    const thrown = await logOutcome(new Error('boom'));
    expect(consumed.map((l) => l.level)).toEqual(['debug']);
    expect(discarded.map((l) => l.level)).toEqual(['info']);
    expect(failed.map((l) => l.level)).toEqual(['warn']);
    expect(thrown.map((l) => l.level)).toEqual(['error']);
    for (const line of [...consumed, ...discarded, ...failed, ...thrown]) {
      expect(line.obj).toHaveProperty('messageId');
      expect(JSON.stringify(line)).not.toContain('123-45-6789');
    }
  });
});
