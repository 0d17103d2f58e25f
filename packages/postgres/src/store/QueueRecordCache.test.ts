import type { QueueRecord } from '@sealbus/broker-engine';
import { resolveQueueAttributes } from '@sealbus/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_QUEUE_RECORD_TTL_MS, QueueRecordCache } from './QueueRecordCache.js';

function record(name: string, visibility = 30): QueueRecord {
  return {
    name,
    arn: `arn:aws:sqs:us-east-1:000000000000:${name}`,
    attributes: resolveQueueAttributes({ VisibilityTimeout: visibility }, { queueName: name }),
    tags: { team: 'emr' },
    createdTimestamp: 0,
    lastModifiedTimestamp: 0,
  };
}

/** A cache over a loader that counts its reads and answers from `rows`. */
function setUp(ttlMs = 1_000) {
  const clock = { now: 0, live: true };
  const rows = new Map<string, QueueRecord>([['q', record('q')]]);
  let reads = 0;
  const cache = new QueueRecordCache(
    ttlMs,
    () => clock.live,
    () => clock.now,
  );
  const load = async (name: string) => {
    reads++;
    const row = rows.get(name);
    return row === undefined ? undefined : structuredClone(row);
  };
  return { cache, clock, rows, load, reads: () => reads };
}

describe('QueueRecordCache', () => {
  it('reads a record once while its copy is younger than the TTL, then again', async () => {
    const { cache, clock, load, reads } = setUp();
    await cache.read('q', load);
    clock.now = 999;
    await cache.read('q', load);
    expect(reads()).toBe(1);
    clock.now = 1_000;
    await cache.read('q', load);
    expect(reads()).toBe(2);
  });

  it('keeps no copy of a missing queue: one created elsewhere is found at the next read', async () => {
    const { cache, rows, load, reads } = setUp();
    expect(await cache.read('later', load)).toBeUndefined();
    rows.set('later', record('later'));
    expect((await cache.read('later', load))?.name).toBe('later');
    expect(reads()).toBe(2);
  });

  it('reads the row every time while invalidations cannot arrive (not listening)', async () => {
    const { cache, clock, load, reads } = setUp();
    clock.live = false;
    await cache.read('q', load);
    await cache.read('q', load);
    expect(reads()).toBe(2);
    // A copy kept while listening is not served once listening stopped.
    clock.live = true;
    await cache.read('q', load);
    clock.live = false;
    await cache.read('q', load);
    expect(reads()).toBe(4);
  });

  it('serves the new record after forget (a change) and forgetAll (a gap in notices)', async () => {
    const { cache, rows, load, reads } = setUp();
    await cache.read('q', load);
    rows.set('q', record('q', 60));
    cache.forget('q');
    expect((await cache.read('q', load))?.attributes.VisibilityTimeout).toBe(60);
    rows.set('q', record('q', 90));
    cache.forgetAll();
    expect((await cache.read('q', load))?.attributes.VisibilityTimeout).toBe(90);
    expect(reads()).toBe(3);
  });

  it('does not keep a read that overlapped a forget: it may predate the change', async () => {
    const { cache, rows, load, reads } = setUp();
    let release = () => {};
    const slow = async () => {
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return record('q', 30);
    };
    const pending = cache.read('q', slow);
    rows.set('q', record('q', 60));
    cache.forget('q');
    release();
    // The caller gets what it read (it raced the change), but the next reader reads again.
    expect((await pending)?.attributes.VisibilityTimeout).toBe(30);
    expect((await cache.read('q', load))?.attributes.VisibilityTimeout).toBe(60);
    expect(reads()).toBe(1);
  });

  it('hands out frozen copies, so no caller can change what the others read', async () => {
    const { cache, load } = setUp();
    const copy = (await cache.read('q', load))!;
    expect(() => {
      (copy.attributes as { VisibilityTimeout: number }).VisibilityTimeout = 1;
    }).toThrow(TypeError);
    expect(() => {
      copy.tags.team = 'other';
    }).toThrow(TypeError);
  });

  it('with TTL 0 reads the row every time', async () => {
    const { cache, load, reads } = setUp(0);
    await cache.read('q', load);
    await cache.read('q', load);
    expect(reads()).toBe(2);
  });

  it(`accepts integer TTLs from 0 to ${MAX_QUEUE_RECORD_TTL_MS} ms (half the SSE switch grace) and refuses the rest by name, limit and value`, () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_QUEUE_RECORD_TTL_MS }), (ttl) => {
        new QueueRecordCache(ttl, () => true);
      }),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ max: -1 }),
          fc.integer({ min: MAX_QUEUE_RECORD_TTL_MS + 1 }),
          fc.double({ noInteger: true }),
        ),
        (ttl) => {
          expect(() => new QueueRecordCache(ttl, () => true)).toThrow(
            new RangeError(
              `PostgresStoreOptions.queueRecordTtlMs must be an integer from 0 to ${MAX_QUEUE_RECORD_TTL_MS} (below the SSE switch grace); got ${String(ttl)}.`,
            ),
          );
        },
      ),
    );
  });
});
