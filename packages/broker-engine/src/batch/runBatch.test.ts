import { InvalidParameterValueError, ReceiptHandleIsInvalidError } from '@sealbus/core';
import { describe, expect, it } from 'vitest';
import { runBatch } from './runBatch.js';

describe('runBatch', () => {
  it('reports each entry: results in order, SealbusErrors as failed entries', async () => {
    const result = await runBatch([{ id: 'a' }, { id: 'b' }, { id: 'c' }], async (entry, index) => {
      if (entry.id === 'b') throw new ReceiptHandleIsInvalidError('stale handle');
      return { position: index };
    });
    expect(result.successful).toEqual([
      { id: 'a', position: 0 },
      { id: 'c', position: 2 },
    ]);
    expect(result.failed).toEqual([
      { id: 'b', code: 'ReceiptHandleIsInvalid', message: 'stale handle', senderFault: true },
    ]);
  });

  it('rethrows errors that are not SealbusErrors, since they are bugs', async () => {
    await expect(
      runBatch([{ id: 'a' }], async () => {
        throw new TypeError('bug');
      }),
    ).rejects.toThrow(TypeError);
  });

  it('keeps the AWS code of validation errors', async () => {
    const result = await runBatch([{ id: 'x' }], async () => {
      throw new InvalidParameterValueError('DelaySeconds must be 0 to 900');
    });
    expect(result.failed[0]?.code).toBe('InvalidParameterValue');
  });
});
