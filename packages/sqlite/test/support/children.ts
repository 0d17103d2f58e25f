import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixtureSpawner } from '../../../../test-support/children.js';

export { type Child, start } from '../../../../test-support/children.js';

/** Runs this package's `test/fixtures/<name>.ts` in a child process. */
export const spawnFixture = fixtureSpawner(
  join(dirname(fileURLToPath(import.meta.url)), '..', '..'),
);
