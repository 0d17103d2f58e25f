import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE, type SealbusErrorCode } from './catalogue.js';
import { METHOD_THROWS } from './throws.js';

const SOURCE = new URL('../types/broker.ts', import.meta.url);
const INTERFACES = new Set(['Queue', 'Topic', 'Broker']);
const CODE_OF_CLASS = new Map<string, string>(
  Object.entries(ERROR_CATALOGUE).map(([code, entry]) => [entry.className, code]),
);

/** `Interface.method` → the ``@throws `XError` (`Code`)`` tags of its TSDoc, in order. */
function documentedThrows(): Map<string, Array<{ className: string; code: string }>> {
  const file = ts.createSourceFile(
    'broker.ts',
    readFileSync(SOURCE, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
  const found = new Map<string, Array<{ className: string; code: string }>>();
  for (const statement of file.statements) {
    if (!ts.isInterfaceDeclaration(statement) || !INTERFACES.has(statement.name.text)) continue;
    for (const member of statement.members) {
      if (!ts.isMethodSignature(member)) continue;
      const docs = ts
        .getJSDocCommentsAndTags(member)
        .map((node) => node.getText(file))
        .join('\n');
      const tags = [...docs.matchAll(/@throws `(\w+)` \(`([\w.]+)`\)/g)].map(
        ([, className, code]) => ({ className: className ?? '', code: code ?? '' }),
      );
      found.set(`${statement.name.text}.${member.name.getText(file)}`, tags);
    }
  }
  return found;
}

describe('@throws on Broker, Queue and Topic', () => {
  const documented = documentedThrows();

  it('every method has a METHOD_THROWS entry, and every entry a method', () => {
    expect([...documented.keys()].sort()).toEqual(Object.keys(METHOD_THROWS).sort());
  });

  it('each method documents exactly the codes of its METHOD_THROWS entry, by their classes', () => {
    for (const [method, tags] of documented) {
      const expected: readonly SealbusErrorCode[] =
        METHOD_THROWS[method as keyof typeof METHOD_THROWS];
      expect(
        tags.map((tag) => tag.code),
        method,
      ).toEqual([...expected]);
      for (const tag of tags) {
        expect(CODE_OF_CLASS.get(tag.className), `${method}: ${tag.className}`).toBe(tag.code);
      }
    }
  });
});
