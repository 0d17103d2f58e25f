import { InvalidParameterValueError } from '@sealbus/core';
import { describe, expect, it } from 'vitest';
import { parseCredentials } from './credentials.js';

describe('parseCredentials', () => {
  it('parses comma-separated AKID:SECRET pairs; secrets may hold colons', () => {
    expect(parseCredentials('AKID1:s1, AKID2:a:b/c+d')).toEqual(
      new Map([
        ['AKID1', 's1'],
        ['AKID2', 'a:b/c+d'],
      ]),
    );
    expect(parseCredentials('')).toEqual(new Map());
  });

  it('rejects entries without a secret, bad key ids and duplicates', () => {
    for (const bad of ['AKID1', 'AKID1:', 'bad key:s', 'A:1,A:2']) {
      expect(() => parseCredentials(bad)).toThrow(InvalidParameterValueError);
    }
  });
});
