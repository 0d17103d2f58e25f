import { type SpanContext, TraceFlags } from '@opentelemetry/api';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatXRayTraceHeader, parseXRayTraceHeader } from './xrayTraceHeader.js';

const hex = (length: number) =>
  fc
    .string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length })
    .filter((s) => /[1-9a-f]/.test(s));

describe('X-Ray trace header (the AWSTraceHeader system attribute)', () => {
  it('maps a W3C context onto Root=1-{8}-{24};Parent;Sampled and back, for any valid ids', () => {
    fc.assert(
      fc.property(
        fc.record({
          traceId: hex(32),
          spanId: hex(16),
          traceFlags: fc.constantFrom(TraceFlags.NONE, TraceFlags.SAMPLED),
        }),
        (given) => {
          const header = formatXRayTraceHeader(given as SpanContext);
          expect(header).toBe(
            `Root=1-${given.traceId.slice(0, 8)}-${given.traceId.slice(8)};Parent=${given.spanId};Sampled=${given.traceFlags}`,
          );
          expect(parseXRayTraceHeader(header)).toEqual({ ...given, isRemote: true });
        },
      ),
    );
  });

  it('reads the example header of the X-Ray developer guide, ignoring fields it does not know', () => {
    expect(
      parseXRayTraceHeader(
        'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:1',
      ),
    ).toEqual({
      traceId: '5759e988bd862e3fe1be46a994272793',
      spanId: '53995c3f42cd8ad8',
      traceFlags: TraceFlags.SAMPLED,
      isRemote: true,
    });
  });

  it('takes Sampled=? or a missing Sampled as not sampled', () => {
    const base = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8';
    expect(parseXRayTraceHeader(`${base};Sampled=?`)?.traceFlags).toBe(TraceFlags.NONE);
    expect(parseXRayTraceHeader(base)?.traceFlags).toBe(TraceFlags.NONE);
  });

  it.each([
    ['no Parent (a header for a trace root only)', 'Root=1-5759e988-bd862e3fe1be46a994272793'],
    [
      'a Root of another version',
      'Root=2-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8',
    ],
    ['a short Parent', 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f'],
    ['an all-zero Parent', 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=0000000000000000'],
    [
      'an oversized header',
      `Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;${'x'.repeat(1100)}`,
    ],
  ])('refuses %s', (_reason, header) => {
    expect(parseXRayTraceHeader(header)).toBeUndefined();
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (header) => {
        parseXRayTraceHeader(header);
      }),
    );
  });
});
