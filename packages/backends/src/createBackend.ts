import type { EngineBroker } from '@sealbus/broker-engine';
import {
  type Broker,
  InternalFailureError,
  type Logger,
  type MetricsSink,
  type Principal,
} from '@sealbus/core';
import type { LocalKms } from '@sealbus/kms-local';
import {
  type BackendConfig,
  type BackendConfigInput,
  type BackendEnv,
  resolveBackendConfig,
} from './BackendConfig.js';
import type { KeyAdmin } from './KeyAdmin.js';
import { loadBackendModule } from './loadBackendModule.js';

/**
 * Static AWS credentials or a function returning them, as the AWS SDK accepts. Declared here, not
 * taken from `@sealbus/aws`, so that these types need no AWS package when only local backends
 * are installed.
 */
export type AwsCredentials =
  | AwsCredentialValues
  | ((properties?: Record<string, unknown>) => Promise<AwsCredentialValues>);

export interface AwsCredentialValues {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

/** The parts only the local backends have: stored-message inspection and the local KMS. */
export interface LocalBackendParts {
  readonly engine: EngineBroker;
  readonly kms: LocalKms;
}

/** A broker with its key administration, opened from a `BackendConfig`. */
export interface Backend {
  readonly config: BackendConfig;
  readonly broker: Broker;
  readonly keys: KeyAdmin;
  /** Set on the memory and sqlite backends. */
  readonly local?: LocalBackendParts;
  /** Closes the broker, then the key store. */
  close(): Promise<void>;
}

export interface BackendDeps {
  logger?: Logger;
  metrics?: MetricsSink;
  /** Where `SEALBUS_BACKEND`, `SEALBUS_SQLITE_PATH`, `AWS_REGION`, … are read. @defaultValue process.env */
  env?: BackendEnv;
  /** aws backend: credentials of its default clients. @defaultValue the AWS SDK's provider chain */
  credentials?: AwsCredentials;
  /**
   * aws backend: credentials for a principal a call names (`send`, `receive`, `publish`, …), so
   * that KMS key policies apply per principal, e.g. one access key per service on the gateway.
   */
  credentialsForPrincipal?: (principal: Principal) => AwsCredentials;
}

function observability(deps: BackendDeps): BackendDeps {
  return {
    ...(deps.logger === undefined ? {} : { logger: deps.logger }),
    ...(deps.metrics === undefined ? {} : { metrics: deps.metrics }),
  };
}

function regionOf(config: BackendConfig): { region?: string } {
  return config.region === undefined ? {} : { region: config.region };
}

function localBackend(config: BackendConfig, engine: EngineBroker, kms: LocalKms): Backend {
  return {
    config,
    broker: engine,
    keys: kms,
    local: { engine, kms },
    close: async () => {
      await engine.close();
      await kms.close();
    },
  };
}

// Backends load on first use: a command such as `cost` starts without SQLite or AWS SDKs.
async function openMemory(config: BackendConfig, deps: BackendDeps): Promise<Backend> {
  const [{ LocalKms }, { createMemoryBroker }] = await Promise.all([
    import('@sealbus/kms-local'),
    loadBackendModule('memory', () => import('@sealbus/memory')),
  ]);
  const kms = new LocalKms(regionOf(config));
  const broker = createMemoryBroker({ kms, ...regionOf(config), ...observability(deps) });
  return localBackend(config, broker, kms);
}

async function openSqlite(config: BackendConfig, deps: BackendDeps): Promise<Backend> {
  const { openSqliteBackend } = await loadBackendModule('sqlite', () => import('@sealbus/sqlite'));
  // Keys live in the same file as the messages; the root key beside it in `<path>.root-key`.
  // The store creates a missing file 0600 and its missing directories 0700.
  const { broker, kms } = openSqliteBackend({
    path: config.path,
    ...regionOf(config),
    ...observability(deps),
  });
  if (kms === undefined) {
    await broker.close();
    throw new InternalFailureError(
      'The SQLite backend opened without its local KMS; reinstall @sealbus/sqlite.',
    );
  }
  return localBackend(config, broker, kms);
}

async function openAws(config: BackendConfig, deps: BackendDeps): Promise<Backend> {
  const [{ createAwsBroker, noteNodeSupport }, { KMSClient }, { AwsKeyAdmin }] = await Promise.all([
    loadBackendModule('aws', () => import('@sealbus/aws')),
    loadBackendModule('aws', () => import('@aws-sdk/client-kms')),
    import('./AwsKeyAdmin.js'),
  ]);
  noteNodeSupport(); // before the KMSClient below, which would print the SDK's own warning
  // resolveBackendConfig refuses the aws backend without a region.
  const region = config.region!;
  const endpoint = config.endpoint === undefined ? {} : { endpoint: config.endpoint };
  const credentials = deps.credentials === undefined ? {} : { credentials: deps.credentials };
  const broker = createAwsBroker({
    region,
    ...endpoint,
    ...credentials,
    ...(deps.credentialsForPrincipal === undefined
      ? {}
      : { credentialsForPrincipal: deps.credentialsForPrincipal }),
  });
  const client = new KMSClient({ region, ...endpoint, ...credentials });
  const keys = new AwsKeyAdmin({ client });
  return {
    config,
    broker,
    keys,
    close: async () => {
      await broker.close();
      client.destroy();
    },
  };
}

/**
 * Opens the backend a configuration names: `memory` (everything in this process), `sqlite`
 * (messages and keys in one file, shared by every process that opens it) or `aws`.
 */
export async function createBackend(
  input: BackendConfig | BackendConfigInput,
  deps: BackendDeps = {},
): Promise<Backend> {
  const config = resolveBackendConfig(input, deps.env ?? process.env);
  switch (config.backend) {
    case 'memory':
      return openMemory(config, deps);
    case 'sqlite':
      return openSqlite(config, deps);
    case 'aws':
      return openAws(config, deps);
  }
}

/**
 * `createBroker(config)`: the broker of a configuration, for application code that
 * needs nothing else. Closing it closes the key store it opened too.
 */
export async function createBroker(
  input: BackendConfig | BackendConfigInput,
  deps: BackendDeps = {},
): Promise<Broker> {
  const backend = await createBackend(input, deps);
  const broker = backend.broker;
  return {
    createQueue: (name, attributes) => broker.createQueue(name, attributes),
    getQueue: (name) => broker.getQueue(name),
    listQueues: (prefix) => broker.listQueues(prefix),
    deleteQueue: (name) => broker.deleteQueue(name),
    listDeadLetterSourceQueues: (name) => broker.listDeadLetterSourceQueues(name),
    createTopic: (name, attributes) => broker.createTopic(name, attributes),
    getTopic: (name) => broker.getTopic(name),
    listTopics: () => broker.listTopics(),
    deleteTopic: (name) => broker.deleteTopic(name),
    getSubscription: (arn) => broker.getSubscription(arn),
    confirmSubscription: (topicArn, token) => broker.confirmSubscription(topicArn, token),
    setSubscriptionAttributes: (arn, attributes) =>
      broker.setSubscriptionAttributes(arn, attributes),
    startMessageMove: (request) => broker.startMessageMove(request),
    listMessageMoveTasks: (sourceArn, maxResults) =>
      broker.listMessageMoveTasks(sourceArn, maxResults),
    cancelMessageMoveTask: (taskHandle) => broker.cancelMessageMoveTask(taskHandle),
    close: () => backend.close(),
  };
}
