import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, html, jsonScript, raw } from './html.js';

describe('html', () => {
  it('escapes every interpolated string so no markup character survives', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(escapeHtml(text)).not.toMatch(/[<>"'`]/);
        expect(html`<td title="${text}">${text}</td>`.value).toBe(
          `<td title="${escapeHtml(text)}">${escapeHtml(text)}</td>`,
        );
      }),
    );
  });

  it('round-trips through an HTML decoder', () => {
    const decode = (s: string) =>
      s
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&#96;/g, '`')
        .replace(/&amp;/g, '&');
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(decode(escapeHtml(text))).toBe(text);
      }),
    );
  });

  it('keeps SafeHtml and joins arrays, dropping null, undefined and false', () => {
    const out = html`<ul>${['a<', raw('<b>b</b>'), null, undefined, false, 3]}</ul>`;
    expect(out.value).toBe('<ul>a&lt;<b>b</b>3</ul>');
  });

  it('embeds JSON that cannot close its script element', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const out = jsonScript('d', { value, evil: '</script><script>alert(1)</script>' }).value;
        const body = out.slice(out.indexOf('>') + 1, -'</script>'.length);
        expect(body).not.toMatch(/<\/script/i);
        expect(JSON.parse(body)).toEqual(
          JSON.parse(JSON.stringify({ value, evil: '</script><script>alert(1)</script>' })),
        );
      }),
    );
  });
});
