import { InvalidParameterValueError } from '@sealbus/core';
import { describe, expect, it } from 'vitest';
import { TestKeyProvider } from '../test/support/TestKeyProvider.js';
import { EnvelopeEngine } from './EnvelopeEngine.js';
import { EnvelopeFormatError } from './errors/EnvelopeFormatError.js';

describe('EnvelopeEngine input checks', () => {
  const kms = new TestKeyProvider();
  const keyArn = kms.createKey();
  const engine = new EnvelopeEngine({ keyProvider: kms });
  const context = { q: '1' };

  it('rejects a missing KeyProvider and bad options at construction', () => {
    expect(() => new EnvelopeEngine({} as never)).toThrow(InvalidParameterValueError);
    expect(() => new EnvelopeEngine({ keyProvider: kms }, { openCacheSize: -1 })).toThrow(
      /openCacheSize/,
    );
  });

  it('rejects bad seal arguments with InvalidParameterValueError naming the field', async () => {
    await expect(engine.seal('x', { keyId: '', context })).rejects.toMatchObject({
      field: 'keyId',
    });
    await expect(engine.seal(42 as never, { keyId: keyArn, context })).rejects.toMatchObject({
      field: 'body',
    });
    await expect(
      engine.seal('x', { keyId: keyArn, context: { q: 1 } as never }),
    ).rejects.toMatchObject({
      field: 'context',
    });
    await expect(
      engine.seal('x', { keyId: keyArn, context, reusePeriodSeconds: 30 }),
    ).rejects.toMatchObject({
      field: 'reusePeriodSeconds',
    });
    await expect(engine.seal('x', undefined as never)).rejects.toMatchObject({ field: 'options' });
    await expect(
      engine.seal('x', { keyId: keyArn, context, principal: 7 as never }),
    ).rejects.toMatchObject({
      field: 'principal',
    });
    expect(kms.calls.generateDataKey).toBe(0);
  });

  it('rejects bad open arguments before calling KMS', async () => {
    await expect(engine.open('sealed' as never, { context })).rejects.toBeInstanceOf(
      EnvelopeFormatError,
    );
    await expect(engine.open(new Uint8Array(10), { context })).rejects.toBeInstanceOf(
      EnvelopeFormatError,
    );
    const envelope = await engine.seal('x', { keyId: keyArn, context });
    await expect(engine.open(envelope, { context: 'q' as never })).rejects.toBeInstanceOf(
      InvalidParameterValueError,
    );
    expect(kms.calls.decrypt).toBe(0);
  });

  it('accepts Uint8Array views that are not Buffers, at any offset', async () => {
    const envelope = await engine.seal(new Uint8Array([1, 2, 3]), { keyId: keyArn, context });
    const padded = new Uint8Array(envelope.byteLength + 8);
    padded.set(envelope, 5);
    const view = new Uint8Array(padded.buffer, 5, envelope.byteLength);
    expect([...(await engine.open(view, { context }))]).toEqual([1, 2, 3]);
  });
});
