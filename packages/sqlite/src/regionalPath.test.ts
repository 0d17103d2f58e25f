import { expect, it } from 'vitest';
import { regionalPath } from './regionalPath.js';

it('regionalPath puts the region before the extension', () => {
  expect(regionalPath('./.sealbus/sealbus.db', 'eu-west-1')).toBe(
    './.sealbus/sealbus.eu-west-1.db',
  );
  expect(regionalPath('/var/lib/sealbus', 'eu-west-1')).toBe('/var/lib/sealbus.eu-west-1');
  expect(regionalPath('/a.b/file', 'eu-west-1')).toBe('/a.b/file.eu-west-1');
  expect(regionalPath(':memory:', 'eu-west-1')).toBe(':memory:');
});
