export {
  createSqliteBroker,
  openSqliteBackend,
  type SqliteBackend,
  type SqliteBrokerOptions,
} from './createSqliteBroker.js';
export { SqliteMessageStore } from './SqliteMessageStore.js';
export {
  DEFAULT_SQLITE_STORE_OPTIONS,
  type ResolvedSqliteStoreOptions,
  resolveSqliteStoreOptions,
  type SqliteStoreOptions,
  type SqliteSynchronous,
} from './SqliteStoreOptions.js';
