export {
  createPostgresBroker,
  openPostgresBackend,
  type PostgresBackend,
  type PostgresBrokerOptions,
} from './createPostgresBroker.js';
export { openPostgresKms, type PostgresKmsOptions } from './kms/openPostgresKms.js';
export {
  PostgresKmsStorage,
  type PostgresKmsStorageOptions,
  type PostgresRootKeySource,
} from './kms/PostgresKmsStorage.js';
export {
  MIGRATION_LOCK,
  MIGRATIONS,
  type MigrationResult,
  migrate,
} from './schema/migrations.js';
export {
  createPostgresPool,
  PostgresMessageStore,
  type PostgresStoreOptions,
  postgresTypes,
} from './store/PostgresMessageStore.js';
