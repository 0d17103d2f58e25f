import { runStoreConformance } from '@sealbus/conformance';
import { afterAll } from 'vitest';
import { migrate, PostgresMessageStore } from '../src/index.js';
import { freshDatabase } from './support/database.js';

const databases: Array<Awaited<ReturnType<typeof freshDatabase>>> = [];
afterAll(async () => {
  for (const database of databases) await database.drop();
});

runStoreConformance(
  'postgres',
  async () => {
    const database = await freshDatabase();
    databases.push(database);
    const store = new PostgresMessageStore({ connectionString: database.url, poolSize: 4 });
    await migrate(store.pool);
    return {
      store,
      async reopen() {
        await store.close();
        return new PostgresMessageStore({ connectionString: database.url, poolSize: 4 });
      },
    };
  },
  { persistent: true },
);
