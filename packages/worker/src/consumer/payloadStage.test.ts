import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { handlerContext, inbound } from '../../test/fixtures.js';
import { PayloadValidationError } from '../errors/PayloadValidationError.js';
import type { StandardSchemaV1 } from '../schema/StandardSchema.js';
import { payloadStage } from './payloadStage.js';

const Order = z.object({ orderId: z.number().int(), items: z.array(z.string()).min(1) });

describe('payloadStage', () => {
  it('decodes JSON, validates with zod and hands the typed payload to the handler', async () => {
    const seen: unknown[] = [];
    const stage = payloadStage<z.infer<typeof Order>>(
      async (m) => {
        if (m.state === 'open') seen.push(m.payload);
      },
      { bodyFormat: 'json', schema: Order },
    );
    const result = await stage(inbound({ body: '{"orderId":7,"items":["a"]}' }), handlerContext());
    expect(result).toEqual({ status: 'consumed' });
    expect(seen).toEqual([{ orderId: 7, items: ['a'] }]);
  });

  it('fails an invalid payload with the failing fields named, without calling the handler', async () => {
    let called = false;
    const stage = payloadStage(
      async () => {
        called = true;
      },
      { bodyFormat: 'json', schema: Order },
    );
    const failure = stage(inbound({ body: '{"orderId":"7","items":[]}' }), handlerContext());
    await expect(failure).rejects.toBeInstanceOf(PayloadValidationError);
    await expect(failure).rejects.toThrow(/orderId: .*; items: /);
    expect(called).toBe(false);
  });

  it('fails a body that is not JSON and never echoes it', async () => {
    const stage = payloadStage(async () => undefined, { bodyFormat: 'json' });
    const failure = stage(inbound({ body: 'ssn=123-45-6789' }), handlerContext());
    await expect(failure).rejects.toThrow(/not JSON/);
    await expect(failure).rejects.not.toThrow(/123-45/);
  });

  it('accepts any Standard Schema and text bodies', async () => {
    const upper: StandardSchemaV1<unknown, string> = {
      '~standard': {
        version: 1,
        vendor: 'test',
        validate: (v) =>
          typeof v === 'string'
            ? { value: v.toUpperCase() }
            : { issues: [{ message: 'not text' }] },
      },
    };
    const seen: string[] = [];
    const stage = payloadStage<string>(
      async (m) => {
        if (m.state === 'open') seen.push(m.payload);
        return { status: 'retryLater', delaySeconds: 3 };
      },
      { bodyFormat: 'text', schema: upper },
    );
    expect(await stage(inbound({ body: 'hello' }), handlerContext())).toEqual({
      status: 'retryLater',
      delaySeconds: 3,
    });
    expect(seen).toEqual(['HELLO']);
  });
});
