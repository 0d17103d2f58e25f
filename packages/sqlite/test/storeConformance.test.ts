import { runStoreConformance } from '@sealbus/conformance';
import { afterEach } from 'vitest';
import { SqliteMessageStore } from '../src/index.js';
import { tempDir } from './support/records.js';

const dirs: Array<ReturnType<typeof tempDir>> = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.cleanup();
});

runStoreConformance(
  'sqlite',
  async () => {
    const dir = tempDir();
    dirs.push(dir);
    const path = dir.path('store.db');
    let store = new SqliteMessageStore({ path });
    return {
      store,
      reopen: async () => {
        await store.close();
        store = new SqliteMessageStore({ path });
        return store;
      },
    };
  },
  { persistent: true },
);
