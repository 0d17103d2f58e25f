import { existsSync } from 'node:fs';
import type { LocalParts } from '@sealbus/broker-engine';
import {
  ACCOUNT_ID_OPTION,
  defineBackend,
  InternalFailureError,
  InvalidParameterValueError,
  observabilityOf,
  parseAccountId,
  REGION_OPTION,
} from '@sealbus/core';
import type { LocalKms } from '@sealbus/kms-local';

/** The one default SQLite file of the CLI, the gateway, the EMR app and `createBroker`. */
export const DEFAULT_SQLITE_PATH = './.sealbus/sealbus.db';

export interface SqliteBackendConfig {
  /** The SQLite file (or `:memory:`); keys live in it, the root key in `<path>.root-key`. */
  readonly path: string;
  /** Region of the ARNs and the local KMS. @defaultValue DEFAULT_REGION */
  readonly region?: string;
  /** Account of the ARNs and queue URLs. @defaultValue DEFAULT_ACCOUNT_ID */
  readonly accountId?: string;
}

/** The `sqlite` backend: messages and keys in one file shared by every process opening it. */
export const backend = defineBackend<SqliteBackendConfig, LocalParts<LocalKms>>({
  kind: 'sqlite',
  summary: 'messages and keys in one SQLite file, shared by every process that opens it',
  capabilities: { persistent: true, local: true },
  options: [
    {
      name: 'path',
      description: 'SQLite file (messages and keys; root key in <file>.root-key)',
      env: ['SEALBUS_SQLITE_PATH'],
      defaultValue: DEFAULT_SQLITE_PATH,
    },
    REGION_OPTION,
    ACCOUNT_ID_OPTION,
  ],
  parse(values) {
    const path = values['path'] ?? DEFAULT_SQLITE_PATH;
    if (path.includes('\0')) {
      throw new InvalidParameterValueError('path must not contain a NUL character.', {
        field: 'path',
      });
    }
    return {
      path,
      ...(values['region'] === undefined ? {} : { region: values['region'] }),
      ...parseAccountId(values['accountId']),
    };
  },
  describe: (config) => `sqlite ${config.path} (local KMS in the same file)`,
  newStorePath: (config) =>
    config.path === ':memory:' || existsSync(config.path) ? undefined : config.path,
  // Loaded on open, so reading options does not load the native SQLite module.
  async open(config, deps) {
    const [{ localBackend }, { openSqliteBackend }, { regionalPath }] = await Promise.all([
      import('@sealbus/broker-engine'),
      import('./createSqliteBroker.js'),
      import('./regionalPath.js'),
    ]);
    // The store creates a missing file 0600 and its missing directories 0700.
    const options = { ...config, ...observabilityOf(deps) };
    const { broker, kms } = openSqliteBackend(options);
    if (kms === undefined) {
      await broker.close();
      throw new InternalFailureError(
        'The SQLite backend opened without its local KMS; reinstall @sealbus/sqlite.',
      );
    }
    // Another region's queues and topics live in their own file beside this one, sealed by this KMS.
    return localBackend(broker, kms, (region) => {
      const path = regionalPath(config.path, region);
      return openSqliteBackend({ ...options, path, region, kms }).broker;
    });
  },
});
