import { describeValue, InvalidParameterValueError } from '@sealbus/core';

export const BACKEND_KINDS = ['memory', 'sqlite', 'aws'] as const;
export type BackendKind = (typeof BACKEND_KINDS)[number];

/** Where the CLI (or an application) finds its broker and keys. */
export interface BackendConfig {
  /** @defaultValue 'sqlite' (env `SEALBUS_BACKEND`) */
  backend: BackendKind;
  /** The SQLite file of the `sqlite` backend. @defaultValue DEFAULT_SQLITE_PATH (env `SEALBUS_SQLITE_PATH`) */
  path: string;
  /** AWS region of the `aws` backend (env `AWS_REGION`, then `AWS_DEFAULT_REGION`). */
  region?: string;
  /** One endpoint for SQS, SNS and KMS, e.g. a local gateway (env `AWS_ENDPOINT_URL`). */
  endpoint?: string;
}

export const DEFAULT_SQLITE_PATH = './.sealbus/sealbus.db';
export const DEFAULT_BACKEND: BackendKind = 'sqlite';

/** Values given on the command line; anything missing falls back to the environment, then defaults. */
export type BackendConfigInput = Partial<Record<keyof BackendConfig, string | undefined>>;

/** Environment variables the configuration is read from (`process.env` or a test's record). */
export type BackendEnv = Readonly<Record<string, string | undefined>>;

function isBackendKind(value: string): value is BackendKind {
  return (BACKEND_KINDS as readonly string[]).includes(value);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.length === 0 ? undefined : value;
}

/**
 * Resolves the backend configuration: explicit input first, then `SEALBUS_BACKEND`,
 * `SEALBUS_SQLITE_PATH`, `AWS_REGION`/`AWS_DEFAULT_REGION` and `AWS_ENDPOINT_URL`, then defaults.
 */
export function resolveBackendConfig(
  input: BackendConfigInput = {},
  env: BackendEnv = {},
): BackendConfig {
  const backend = nonEmpty(input.backend) ?? nonEmpty(env['SEALBUS_BACKEND']) ?? DEFAULT_BACKEND;
  if (!isBackendKind(backend)) {
    throw new InvalidParameterValueError(
      `backend must be one of ${BACKEND_KINDS.join(', ')}; got ${describeValue(backend)}. Pass --backend or set SEALBUS_BACKEND.`,
      { field: 'backend' },
    );
  }
  const config: BackendConfig = {
    backend,
    path: nonEmpty(input.path) ?? nonEmpty(env['SEALBUS_SQLITE_PATH']) ?? DEFAULT_SQLITE_PATH,
  };
  const region =
    nonEmpty(input.region) ?? nonEmpty(env['AWS_REGION']) ?? nonEmpty(env['AWS_DEFAULT_REGION']);
  if (region !== undefined) config.region = region;
  const endpoint = nonEmpty(input.endpoint) ?? nonEmpty(env['AWS_ENDPOINT_URL']);
  if (endpoint !== undefined) {
    if (!/^https?:\/\/[^\s/]+/.test(endpoint)) {
      throw new InvalidParameterValueError(
        `endpoint must be an http(s) URL such as http://127.0.0.1:4566; got ${describeValue(endpoint)}. Fix --endpoint or AWS_ENDPOINT_URL.`,
        { field: 'endpoint' },
      );
    }
    config.endpoint = endpoint;
  }
  if (backend === 'aws' && config.region === undefined) {
    throw new InvalidParameterValueError(
      'region is required for the aws backend (there is no silent default). Pass --region or set AWS_REGION.',
      { field: 'region' },
    );
  }
  return config;
}
