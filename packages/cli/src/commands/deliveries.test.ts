import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { terminalSafe } from './deliveries.js';

const CONTROL = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

describe('terminalSafe', () => {
  it('leaves no control, C1 or bidi character, and changes text without them not at all', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 64 }), (text) => {
        const safe = terminalSafe(text);
        expect(CONTROL.test(safe)).toBe(false);
        if (!CONTROL.test(text)) expect(safe).toBe(text);
      }),
    );
  });

  it('writes each escaped character as a \\u escape of four hex digits', () => {
    expect(terminalSafe('a\u001b[2Jb\n\u202ec\u0085')).toBe('a\\u001b[2Jb\\u000a\\u202ec\\u0085');
  });
});
