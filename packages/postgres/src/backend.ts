import type { LocalParts } from '@sealbus/broker-engine';
import {
  defineBackend,
  InternalFailureError,
  InvalidParameterValueError,
  observabilityOf,
  REGION_OPTION,
} from '@sealbus/core';
import type { LocalKms } from '@sealbus/kms-local';
import { redactUrl } from './redactUrl.js';

export { redactUrl };

/** Where the root key of the local KMS is read, unless configured otherwise. */
export const DEFAULT_POSTGRES_ROOT_KEY_FILE = './.sealbus/postgres.root-key';

export interface PostgresBackendConfig {
  /** `postgres://user:password@host:port/database`. */
  readonly databaseUrl: string;
  /** The root key file of the local KMS (0600), created together with a new KMS schema. */
  readonly rootKeyFile: string;
  /** Region of the ARNs and the local KMS. @defaultValue DEFAULT_REGION */
  readonly region?: string;
}

/** The `postgres` backend: messages and keys in one PostgreSQL database, shared by any number of machines. */
export const backend = defineBackend<PostgresBackendConfig, LocalParts<LocalKms>>({
  kind: 'postgres',
  summary: 'messages and keys in one PostgreSQL database, shared by processes on many machines',
  capabilities: { persistent: true, local: true },
  options: [
    {
      name: 'databaseUrl',
      description: 'PostgreSQL connection string, e.g. postgres://sealbus@127.0.0.1:5432/sealbus',
      env: ['DATABASE_URL'],
      required: true,
    },
    {
      name: 'rootKeyFile',
      description: 'root key file of the local KMS (never stored in the database)',
      env: ['SEALBUS_ROOT_KEY_FILE'],
      defaultValue: DEFAULT_POSTGRES_ROOT_KEY_FILE,
    },
    REGION_OPTION,
  ],
  parse(values) {
    // The registry refuses a missing required option before parse runs.
    const databaseUrl = values['databaseUrl'] ?? '';
    if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
      throw new InvalidParameterValueError(
        'databaseUrl must be a postgres:// or postgresql:// connection string; fix --database-url or DATABASE_URL.',
        { field: 'databaseUrl' },
      );
    }
    return {
      databaseUrl,
      rootKeyFile: values['rootKeyFile'] ?? DEFAULT_POSTGRES_ROOT_KEY_FILE,
      ...(values['region'] === undefined ? {} : { region: values['region'] }),
    };
  },
  // The password never reaches logs or `--help` output.
  describe: (config) =>
    `postgres ${redactUrl(config.databaseUrl)} (local KMS in the same database)`,
  // Loaded on open: this module is read for options and capabilities alone.
  async open(config, deps) {
    const [{ localBackend }, { openPostgresBackend }] = await Promise.all([
      import('@sealbus/broker-engine'),
      import('./createPostgresBroker.js'),
    ]);
    const { broker, kms } = await openPostgresBackend({
      connectionString: config.databaseUrl,
      rootKeyPath: config.rootKeyFile,
      ...(config.region === undefined ? {} : { region: config.region }),
      ...observabilityOf(deps),
    });
    if (kms === undefined) {
      await broker.close();
      throw new InternalFailureError(
        'The PostgreSQL backend opened without its local KMS; reinstall @sealbus/postgres.',
      );
    }
    return localBackend(broker, kms);
  },
});
