// `@sealbus/kms-local/sqlite`: the durable key store. It is its own entry point so that the
// in-memory KMS never loads (or makes anyone install) the native better-sqlite3.
export { type LocalKmsSqliteOptions, openSqliteKms } from './storage/openSqliteKms.js';
export { SqliteKmsStorage, type SqliteKmsStorageOptions } from './storage/SqliteKmsStorage.js';
