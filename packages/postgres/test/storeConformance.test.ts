import { runStoreConformance } from '@sealbus/conformance';
import { afterAll } from 'vitest';
import { migrate, PostgresMessageStore } from '../src/index.js';
import { freshDatabase, freshSchema } from './support/database.js';

const database = await freshDatabase();
afterAll(() => database.drop());

runStoreConformance(
  'postgres',
  async () => {
    const url = await freshSchema(database.url);
    const store = new PostgresMessageStore({ connectionString: url, poolSize: 4 });
    await migrate(store.pool);
    return {
      store,
      async reopen() {
        await store.close();
        return new PostgresMessageStore({ connectionString: url, poolSize: 4 });
      },
    };
  },
  { persistent: true },
);
