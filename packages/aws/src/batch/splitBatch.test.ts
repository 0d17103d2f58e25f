import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ENTRIES_PER_CALL, splitBatch } from './splitBatch.js';

describe('splitBatch', () => {
  it('sends at most 10 entries per call and merges successes and failures', async () => {
    const entries = Array.from({ length: 23 }, (_, i) => ({ id: `e${i}` }));
    const calls: string[][] = [];
    const result = await splitBatch(entries, 'Entries', async (chunk) => {
      calls.push(chunk.map((entry) => entry.id));
      return {
        successful: chunk.filter((_, i) => i % 5 !== 0).map((entry) => ({ id: entry.id })),
        failed: chunk
          .filter((_, i) => i % 5 === 0)
          .map((entry) => ({
            id: entry.id,
            code: 'ReceiptHandleIsInvalid',
            message: 'bad',
            senderFault: true,
          })),
      };
    });
    expect(calls.map((chunk) => chunk.length)).toEqual([10, 10, 3]);
    expect(result.successful).toHaveLength(18);
    expect(result.failed.map((entry) => entry.id)).toEqual(['e0', 'e5', 'e10', 'e15', 'e20']);
  });

  it('checks ids over the whole list, not per call', async () => {
    const entries = Array.from({ length: 12 }, (_, i) => ({ id: `e${i % 11}` }));
    await expect(
      splitBatch(entries, 'Entries', () => Promise.reject(new Error('no call'))),
    ).rejects.toMatchObject({
      code: 'BatchEntryIdsNotDistinct',
      field: 'Entries[11].Id',
    });
    await expect(
      splitBatch([], 'Entries', () => Promise.reject(new Error('no call'))),
    ).rejects.toMatchObject({
      code: 'EmptyBatchRequest',
    });
    await expect(
      splitBatch([{ id: 'bad id' }], 'Entries', () => Promise.reject(new Error('no call'))),
    ).rejects.toMatchObject({ code: 'InvalidBatchEntryId' });
  });

  it('covers every entry exactly once in calls of at most 10', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 95 }), async (count) => {
        const entries = Array.from({ length: count }, (_, i) => ({ id: String(i) }));
        const seen: string[] = [];
        const result = await splitBatch(entries, 'Entries', async (chunk) => {
          expect(chunk.length).toBeLessThanOrEqual(MAX_ENTRIES_PER_CALL);
          seen.push(...chunk.map((entry) => entry.id));
          return { successful: chunk.map((entry) => ({ id: entry.id })), failed: [] };
        });
        expect(seen).toEqual(entries.map((entry) => entry.id));
        expect(result.successful.map((entry) => entry.id)).toEqual(seen);
      }),
    );
  });
});
