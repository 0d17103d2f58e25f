import { type SpanContext, TraceFlags } from '@opentelemetry/api';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTraceparent, parseTraceparent } from './traceparent.js';

const hex = (length: number) =>
  fc
    .string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length })
    .filter((s) => /[1-9a-f]/.test(s));

const spanContexts = fc.record({
  traceId: hex(32),
  spanId: hex(16),
  traceFlags: fc.constantFrom(TraceFlags.NONE, TraceFlags.SAMPLED),
});

describe('traceparent (W3C Trace Context)', () => {
  it('formats version 00 and parses back the same remote context, for any valid ids', () => {
    fc.assert(
      fc.property(spanContexts, (given) => {
        const header = formatTraceparent(given as SpanContext);
        expect(header).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
        expect(parseTraceparent(header)).toEqual({ ...given, isRemote: true });
      }),
    );
  });

  it('parses the example of the W3C recommendation, with its tracestate', () => {
    const parsed = parseTraceparent(
      '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      'congo=t61rcWkgMzE,rojo=00f067aa0ba902b7',
    );
    expect(parsed).toMatchObject({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: 1,
      isRemote: true,
    });
    expect(parsed?.traceState?.get('rojo')).toBe('00f067aa0ba902b7');
  });

  it.each([
    ['all-zero trace id', '00-00000000000000000000000000000000-b7ad6b7169203331-01'],
    ['all-zero span id', '00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01'],
    ['version ff', 'ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'],
    ['extra field on version 00', '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-x'],
    ['upper-case hex', '00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01'],
    ['short trace id', '00-0af7651916cd43dd8448eb211c8031-b7ad6b7169203331-01'],
    ['surrounding spaces', ' 00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'],
    [
      'an oversized value',
      `00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01${'-a'.repeat(200)}`,
    ],
  ])('refuses %s', (_reason, header) => {
    expect(parseTraceparent(header)).toBeUndefined();
  });

  it('accepts a later version with extra fields, reading the four it knows', () => {
    expect(
      parseTraceparent('01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-future'),
    ).toMatchObject({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' });
  });

  it('drops a malformed tracestate and keeps the traceparent', () => {
    const parsed = parseTraceparent(
      '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      '=,=,Not A Valid Member',
    );
    expect(parsed?.spanId).toBe('b7ad6b7169203331');
    expect(parsed?.traceState).toBeUndefined();
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.option(fc.string({ maxLength: 600 })),
        (a, b) => {
          const parsed = parseTraceparent(a, b ?? undefined);
          if (parsed !== undefined) expect(parsed.traceId).toMatch(/^[0-9a-f]{32}$/);
        },
      ),
    );
  });
});
