import { createTraceState, type SpanContext, TraceFlags } from '@opentelemetry/api';
import type { MessageAttributes } from '@sealbus/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  extractCreationContext,
  injectTraceContext,
  MAX_MESSAGE_ATTRIBUTES,
} from './messageCarrier.js';

const CONTEXT: SpanContext = {
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  traceFlags: TraceFlags.SAMPLED,
};
const WITH_STATE: SpanContext = {
  ...CONTEXT,
  traceState: createTraceState('rojo=00f067aa0ba902b7'),
};
const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

function userAttributes(count: number): MessageAttributes {
  return Object.fromEntries(
    Array.from({ length: count }, (_, i) => [`a${i}`, { dataType: 'String', stringValue: `${i}` }]),
  );
}

function carrier(overrides: Partial<Parameters<typeof extractCreationContext>[0]> = {}) {
  return { body: '{"orderId":1}', messageAttributes: {}, attributes: {}, ...overrides };
}

describe('injectTraceContext: the message attribute budget', () => {
  it('adds traceparent, and tracestate only while the message stays within the limit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_MESSAGE_ATTRIBUTES }),
        fc.integer({ min: 0, max: MAX_MESSAGE_ATTRIBUTES }),
        (existing, limit) => {
          const given = userAttributes(existing);
          const before = structuredClone(given);
          const injected = injectTraceContext(WITH_STATE, given, limit);
          expect(given).toEqual(before); // the caller's object is never changed
          if (existing + 1 > limit) {
            expect(injected).toBeUndefined();
            return;
          }
          expect(injected?.traceparent).toEqual({ dataType: 'String', stringValue: TRACEPARENT });
          expect(injected?.tracestate !== undefined).toBe(existing + 2 <= limit);
          expect(Object.keys(injected!).length).toBeLessThanOrEqual(limit);
          expect(injected).toMatchObject(given);
        },
      ),
    );
  });

  it('writes no tracestate attribute for an empty trace state', () => {
    expect(injectTraceContext(CONTEXT, undefined, 10)).toEqual({
      traceparent: { dataType: 'String', stringValue: TRACEPARENT },
    });
  });
});

describe('extractCreationContext', () => {
  const envelope = (attributes: object) =>
    JSON.stringify(
      {
        Type: 'Notification',
        MessageId: 'm-1',
        Message: '{"orderId":1}',
        MessageAttributes: attributes,
      },
      null,
      2,
    );

  it('reads the traceparent and tracestate message attributes', () => {
    const found = extractCreationContext(
      carrier({
        messageAttributes: {
          traceparent: { dataType: 'String', stringValue: TRACEPARENT },
          tracestate: { dataType: 'String', stringValue: 'rojo=00f067aa0ba902b7' },
        },
      }),
    );
    expect(found).toMatchObject({ ...CONTEXT, isRemote: true });
    expect(found?.traceState?.get('rojo')).toBe('00f067aa0ba902b7');
  });

  it('reads them inside the JSON envelope of a non-raw SNS delivery', () => {
    const found = extractCreationContext(
      carrier({
        body: envelope({
          traceparent: { Type: 'String', Value: TRACEPARENT },
          tracestate: { Type: 'String', Value: 'rojo=00f067aa0ba902b7' },
        }),
      }),
    );
    expect(found).toMatchObject({ ...CONTEXT, isRemote: true });
    expect(found?.traceState?.serialize()).toBe('rojo=00f067aa0ba902b7');
  });

  it('falls back to the X-Ray AWSTraceHeader system attribute', () => {
    expect(
      extractCreationContext(
        carrier({
          attributes: {
            AWSTraceHeader:
              'Root=1-0af76519-16cd43dd8448eb211c80319c;Parent=b7ad6b7169203331;Sampled=1',
          },
        }),
      ),
    ).toEqual({ ...CONTEXT, isRemote: true });
  });

  it('prefers the attribute over the envelope and the envelope over AWSTraceHeader', () => {
    const other = '00-11111111111111111111111111111111-2222222222222222-01';
    const xray = 'Root=1-33333333-333333333333333333333333;Parent=4444444444444444;Sampled=1';
    const body = envelope({ traceparent: { Type: 'String', Value: other } });
    expect(
      extractCreationContext(
        carrier({
          body,
          messageAttributes: { traceparent: { dataType: 'String', stringValue: TRACEPARENT } },
          attributes: { AWSTraceHeader: xray },
        }),
      )?.spanId,
    ).toBe(CONTEXT.spanId);
    expect(
      extractCreationContext(carrier({ body, attributes: { AWSTraceHeader: xray } }))?.spanId,
    ).toBe('2222222222222222');
  });

  it('finds nothing in plain bodies, look-alike JSON, or a forged envelope', () => {
    expect(extractCreationContext(carrier())).toBeUndefined();
    expect(
      extractCreationContext(carrier({ body: `{"traceparent":"${TRACEPARENT}"}` })),
    ).toBeUndefined();
    expect(
      extractCreationContext(
        carrier({
          body: envelope({ traceparent: { Type: 'String', Value: 'not-a-traceparent' } }),
        }),
      ),
    ).toBeUndefined();
    expect(
      extractCreationContext(
        carrier({ body: '{"Type":"Notification","MessageAttributes":null, "traceparent"' }),
      ),
    ).toBeUndefined();
  });

  it('never throws, whatever the body and attributes hold', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json().map((j) => `{"Type":"Notification","MessageAttributes":{"traceparent":${j}}}`),
        ),
        fc.option(fc.string()),
        fc.option(fc.string()),
        (body, traceparent, header) => {
          extractCreationContext(
            carrier({
              body,
              messageAttributes:
                traceparent === null
                  ? {}
                  : { traceparent: { dataType: 'String', stringValue: traceparent } },
              attributes: header === null ? {} : { AWSTraceHeader: header },
            }),
          );
        },
      ),
    );
  });
});
