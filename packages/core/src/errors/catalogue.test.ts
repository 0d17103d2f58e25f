import { describe, expect, expectTypeOf, it } from 'vitest';
import * as core from '../index.js';
import { DatabaseNotFoundError } from './broker.js';
import { ERROR_CATALOGUE, SEALBUS_ERROR_CODES, type SealbusErrorCode } from './catalogue.js';
import { ERROR_CLASSES, isPlainErrorCode } from './registry.js';
import { isSealbusError, type SealbusError } from './SealbusError.js';
import { QueueDoesNotExistError } from './sqs.js';

describe('ERROR_CATALOGUE', () => {
  it('has a class for every core code, exported by name, carrying the entry', () => {
    for (const code of SEALBUS_ERROR_CODES) {
      const entry = ERROR_CATALOGUE[code];
      if ('owner' in entry || !isPlainErrorCode(code)) continue;
      const ErrorClass = ERROR_CLASSES[code];
      const error = new ErrorClass('m');
      expect(error.code).toBe(code);
      expect(error.name).toBe(entry.className);
      expect(error.fault).toBe(entry.fault === 'Receiver' ? 'server' : 'client');
      expect(error.retryable).toBe(entry.retryable);
      expect(error.hint).toBe(entry.hint);
      expect((core as Record<string, unknown>)[entry.className]).toBe(ErrorClass);
    }
  });

  it('fills every text from values the errors can carry (no unknown placeholder)', () => {
    const known = new Set([
      'action',
      'field',
      'value',
      'parameter',
      'reason',
      'count',
      'id',
      'limit',
      'size',
      'queueName',
      'receiptHandle',
    ]);
    for (const entry of Object.values(ERROR_CATALOGUE)) {
      for (const spec of Object.values(entry.wire) as Array<{ text?: unknown; source?: string }>) {
        if (spec.text === undefined) continue;
        expect(spec.source, `${entry.className}: a text names its source`).toBeTypeOf('string');
        const texts =
          typeof spec.text === 'string' ? [spec.text] : Object.values(spec.text as object);
        for (const text of texts as string[]) {
          for (const [, name] of text.matchAll(/\{(\w+)\}/g)) expect(known).toContain(name);
        }
      }
    }
  });

  it('narrows with isSealbusError(e, code) to the class of that code', () => {
    const error: unknown = new QueueDoesNotExistError('gone');
    expect(isSealbusError(error, 'QueueDoesNotExist')).toBe(true);
    expect(isSealbusError(error, 'NotFound')).toBe(false);
    expect(isSealbusError(new Error('x'), 'QueueDoesNotExist')).toBe(false);
    if (isSealbusError(error, 'QueueDoesNotExist')) {
      expectTypeOf(error).toEqualTypeOf<QueueDoesNotExistError>();
    }
    const missing: unknown = new DatabaseNotFoundError('/tmp/x.db', 'run init');
    if (isSealbusError(missing, 'DatabaseNotFound')) {
      expect(missing.path).toBe('/tmp/x.db');
    }
    expectTypeOf<SealbusError['code']>().toEqualTypeOf<SealbusErrorCode>();
  });
});
