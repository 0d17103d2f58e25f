import type { Logger } from '../runtime/logger.js';
import type { MetricsSink } from '../runtime/metrics.js';
import type { Broker } from '../types/broker.js';
import type { Principal } from '../types/keys.js';
import type { KeyAdmin } from './KeyAdmin.js';

/**
 * One setting a backend reads. The registry takes its value from the caller (a config object
 * key or the CLI flag `--<flag>`), else the first set variable of `env`, else `defaultValue`;
 * it refuses a key the chosen backend does not declare.
 */
export interface BackendOptionSpec {
  /** The config object key, e.g. `path`; the CLI flag is `--<name>` in kebab-case. */
  readonly name: string;
  /** One line for `--help`. */
  readonly description: string;
  /** Environment variables read, in order, when the caller gives no value. */
  readonly env?: readonly string[];
  /** Used when neither the caller nor the environment gives a value. */
  readonly defaultValue?: string;
  /** Opening fails, naming the flag and the variable, when no value is found. */
  readonly required?: boolean;
}

/** What a backend can do, so callers refuse a backend before opening it. */
export interface BackendCapabilities {
  /** Queues, topics, messages and keys outlive the process. */
  readonly persistent: boolean;
  /**
   * The backend runs the engine and a local KMS in this process and returns them as `local`:
   * what the gateway, the console and stored-message inspection need.
   */
  readonly local: boolean;
}

/**
 * Static AWS credentials or a function returning them, as the AWS SDK accepts; declared here so
 * that backend types need no AWS package.
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

/** Collaborators handed to `open`; a backend uses the ones it has a use for. */
export interface BackendOpenDeps {
  readonly logger?: Logger;
  readonly metrics?: MetricsSink;
  /** Backends calling AWS: credentials of their default clients. */
  readonly credentials?: AwsCredentials;
  /**
   * Backends calling AWS: credentials for a principal a call names (`send`, `receive`, …), so
   * that KMS key policies apply per principal.
   */
  readonly credentialsForPrincipal?: (principal: Principal) => AwsCredentials;
}

/** An open backend: its broker, its key administration and, on local backends, their internals. */
export interface OpenedBackend<Local = unknown> {
  readonly broker: Broker;
  readonly keys: KeyAdmin;
  /** Set exactly when `capabilities.local` is true. */
  readonly local?: Local;
  /** Closes the broker, then everything else the backend opened. */
  close(): Promise<void>;
}

/**
 * How a backend package describes itself to `@sealbus/backends`. A package exports one as
 * `backend` from its light `./backend` entry point (which must not load drivers or SDKs: the
 * registry imports it to read options and capabilities; `open` loads the rest).
 */
export interface BackendDescriptor<Config = unknown, Local = unknown> {
  /** The `--backend` / `SEALBUS_BACKEND` value, e.g. `sqlite`. */
  readonly kind: string;
  /** One line for `--help`. */
  readonly summary: string;
  readonly capabilities: BackendCapabilities;
  readonly options: readonly BackendOptionSpec[];
  /**
   * Turns the values in effect (only declared options; required ones present) into the typed
   * config. Throws `InvalidParameterValueError` with `field` set to the option's name.
   */
  parse(values: Readonly<Record<string, string>>): Config;
  /** One line saying what a config opens, e.g. `sqlite ./.sealbus/sealbus.db`. */
  describe(config: Config): string;
  /**
   * The file opening would create, when it does not exist yet; `undefined` when the store
   * exists or is not a file. Lets a CLI refuse a mistyped path instead of starting empty.
   */
  newStorePath?(config: Config): string | undefined;
  open(config: Config, deps: BackendOpenDeps): Promise<OpenedBackend<Local>>;
}

/** Types a descriptor literal (checks it and keeps its `Config` and `Local` types). */
export function defineBackend<Config, Local = never>(
  descriptor: BackendDescriptor<Config, Local>,
): BackendDescriptor<Config, Local> {
  return descriptor;
}
