import { type Logger, silentLogger } from '@sealbus/core';
import { describe, expect, it } from 'vitest';
import { handlerContext, inbound } from '../../test/fixtures.js';
import type { HandlerContext } from '../types/handler.js';
import { CORRELATION_ID_ATTRIBUTE, correlationId } from './correlationId.js';

async function run(message = inbound(), options = {}) {
  let seen: HandlerContext | undefined;
  const bindings: Record<string, unknown>[] = [];
  const logger: Logger = {
    ...silentLogger,
    child: (b) => {
      bindings.push(b);
      return silentLogger;
    },
  };
  await correlationId(options)(async (_m, context) => {
    seen = context;
    context.logger.info({}, 'handled');
    return { status: 'consumed' };
  })(message, handlerContext({ logger }));
  return { id: seen?.correlationId, bindings };
}

describe('correlationId middleware', () => {
  it('reads the correlation id attribute and binds it to the logger', async () => {
    const { id, bindings } = await run(
      inbound({
        messageAttributes: {
          [CORRELATION_ID_ATTRIBUTE]: { dataType: 'String', stringValue: 'req-7' },
        },
      }),
    );
    expect(id).toBe('req-7');
    expect(bindings).toEqual([{ correlationId: 'req-7' }]);
  });

  it('falls back to AWSTraceHeader, then to the message id', async () => {
    const traced = inbound({
      attributes: { ApproximateReceiveCount: 1, SentTimestamp: 0, AWSTraceHeader: 'Root=1-abc' },
    });
    expect((await run(traced)).id).toBe('Root=1-abc');
    const plain = inbound();
    expect((await run(plain)).id).toBe(plain.messageId);
  });

  it('honours a custom attribute name and rejects an empty one', async () => {
    const message = inbound({
      messageAttributes: { traceId: { dataType: 'String', stringValue: 't-1' } },
    });
    expect((await run(message, { attributeName: 'traceId' })).id).toBe('t-1');
    expect(() => correlationId({ attributeName: '' })).toThrow(/attributeName/);
  });
});
