import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EnvelopeEngine,
  EnvelopeIntegrityError,
  isSealed,
  readEnvelopeHeader,
} from '../src/index.js';
import { TestKeyProvider } from './support/TestKeyProvider.js';

const context = fc.dictionary(fc.string({ maxLength: 20 }), fc.string({ maxLength: 40 }), {
  maxKeys: 5,
});

describe('seal → open round trip', () => {
  const kms = new TestKeyProvider();
  const keyArn = kms.createKey('alias/orders');
  const engine = new EnvelopeEngine({ keyProvider: kms });

  it('returns the exact bytes for random bodies and contexts', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 4096 }),
        context,
        fc.option(fc.string({ maxLength: 10 }), { nil: undefined }),
        async (body, ctx, principal) => {
          const sealed = await engine.seal(body, {
            keyId: 'alias/orders',
            context: ctx,
            principal,
          });
          expect(isSealed(sealed)).toBe(true);
          const opened = await engine.open(sealed, { context: ctx, principal });
          expect(Buffer.from(opened).equals(Buffer.from(body))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('opens only with the binding it was sealed with (cached key or not)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 40 }),
        fc.string({ maxLength: 40 }),
        async (binding, other) => {
          fc.pre(Buffer.from(binding).compare(Buffer.from(other)) !== 0);
          const options = { keyId: keyArn, context: { q: 'a' } };
          const sealed = await engine.seal('body', { ...options, binding });
          const opened = await engine.open(sealed, { context: { q: 'a' }, binding });
          expect(Buffer.from(opened).toString()).toBe('body');
          // The first open cached the data key: this one takes the cached path.
          await expect(
            engine.open(sealed, { context: { q: 'a' }, binding: other }),
          ).rejects.toBeInstanceOf(EnvelopeIntegrityError);
        },
      ),
      { numRuns: 200 },
    );
    // Bindings too long for the AAD template's room take the concatenating path.
    for (const binding of ['é'.repeat(300), new Uint8Array(300).fill(7), 'x'.repeat(85)]) {
      const sealed = await engine.seal('long', { keyId: keyArn, context: {}, binding });
      const opened = await engine.open(sealed, { context: {}, binding });
      expect(Buffer.from(opened).toString()).toBe('long');
      await expect(engine.open(sealed, { context: {}, binding: 'other' })).rejects.toBeInstanceOf(
        EnvelopeIntegrityError,
      );
    }
    await expect(
      engine.seal('x', { keyId: keyArn, context: {}, binding: 'b'.repeat(65_536) }),
    ).rejects.toMatchObject({ field: 'binding', message: expect.stringContaining('65535') });
    await expect(
      engine.open(new Uint8Array(200), { context: {}, binding: 7 as never }),
    ).rejects.toMatchObject({ field: 'binding' });
  });

  it('seals strings as UTF-8', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        context,
        async (body, ctx) => {
          const sealed = await engine.seal(body, { keyId: keyArn, context: ctx });
          const opened = await engine.open(sealed, { context: ctx });
          expect(Buffer.from(opened).toString('utf8')).toBe(body);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('opens regardless of the context object key order, and the header names the key ARN', async () => {
    const sealed = await engine.seal('hello', {
      keyId: 'alias/orders',
      context: { b: '2', a: '1' },
    });
    const opened = await engine.open(sealed, { context: { a: '1', b: '2' } });
    expect(Buffer.from(opened).toString()).toBe('hello');
    const header = readEnvelopeHeader(sealed);
    expect(header.keyArn).toBe(keyArn);
    expect(header.version).toBe(2);
    expect(header.suiteId).toBe(1);
    expect(header.suiteName).toBe('AES_256_GCM_HKDF_SHA256_COMMIT_KEY');
    expect(header.ciphertextLength).toBe(5);
    expect(header.envelopeLength).toBe(sealed.byteLength);
    expect(header.headerLength + header.ciphertextLength + header.tagLength).toBe(
      sealed.byteLength,
    );
  });

  it('a second engine (another process) opens what the first sealed', async () => {
    const consumer = new EnvelopeEngine({ keyProvider: kms });
    const sealed = await engine.seal('cross', { keyId: keyArn, context: { q: 'x' } });
    expect(Buffer.from(await consumer.open(sealed, { context: { q: 'x' } })).toString()).toBe(
      'cross',
    );
  });

  it('refuses to open under another encryption context with EnvelopeIntegrityError', async () => {
    const sealed = await engine.seal('secret', { keyId: keyArn, context: { 'aws:sqs:arn': 'a' } });
    await expect(engine.open(sealed, { context: { 'aws:sqs:arn': 'b' } })).rejects.toBeInstanceOf(
      EnvelopeIntegrityError,
    );
    await expect(engine.open(sealed, { context: {} })).rejects.toBeInstanceOf(
      EnvelopeIntegrityError,
    );
    await expect(
      engine.open(sealed, { context: { 'aws:sqs:arn': 'a', extra: '' } }),
    ).rejects.toBeInstanceOf(EnvelopeIntegrityError);
  });

  it('keeps context binding even when the cached opening key exists for the right context', async () => {
    const sealed = await engine.seal('secret', { keyId: keyArn, context: { q: '1' } });
    await engine.open(sealed, { context: { q: '1' } });
    await expect(engine.open(sealed, { context: { q: '2' } })).rejects.toMatchObject({
      code: 'EnvelopeIntegrity',
    });
  });
});
