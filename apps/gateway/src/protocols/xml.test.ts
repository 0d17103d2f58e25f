import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { element, escapeXml, textElement } from './xml.js';

const unescapeXml = (xml: string) =>
  xml
    .replace(/&#xD;/g, '\r')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

describe('escapeXml', () => {
  it('leaves no markup characters or raw CR, and unescapes to the original', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const escaped = escapeXml(text);
        expect(escaped).not.toMatch(/[<>"'\r]|&(?!amp;|lt;|gt;|quot;|apos;|#xD;)/);
        expect(unescapeXml(escaped)).toBe(text);
      }),
    );
  });

  it('writes CR as &#xD; so parsers keep it', () => {
    expect(textElement('Body', 'a\r\nb & c')).toBe('<Body>a&#xD;\nb &amp; c</Body>');
    expect(element('ReceiveMessageResult', '')).toBe('<ReceiveMessageResult/>');
  });
});
