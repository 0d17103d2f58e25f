import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SQLITE_STORE_OPTIONS, resolveSqliteStoreOptions } from './SqliteStoreOptions.js';

describe('resolveSqliteStoreOptions', () => {
  it('fills every default', () => {
    expect(resolveSqliteStoreOptions({ path: 'x.db' })).toEqual({
      path: 'x.db',
      ...DEFAULT_SQLITE_STORE_OPTIONS,
    });
  });

  it('accepts in-range integers and rejects everything else, naming the field', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -10, max: 700_000 }), fc.double()), (value) => {
        const valid = Number.isInteger(value) && value >= 0 && value <= 600_000;
        const resolve = () => resolveSqliteStoreOptions({ path: 'x.db', busyTimeoutMs: value });
        if (valid) expect(resolve().busyTimeoutMs).toBe(value);
        else expect(resolve).toThrow(/busyTimeoutMs must be an integer from 0 to 600000/);
      }),
    );
  });

  it('keeps the poll range ordered', () => {
    expect(() =>
      resolveSqliteStoreOptions({ path: 'x.db', minPollIntervalMs: 30, maxPollIntervalMs: 20 }),
    ).toThrow(/maxPollIntervalMs must be an integer from 30/);
  });
});
