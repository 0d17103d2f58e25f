import { parseArgs } from 'node:util';
import {
  DEFAULT_ACCOUNT_ID,
  DEFAULT_REGION,
  describeValue,
  InvalidParameterValueError,
} from '@sealbus/core';
import { parseCredentials } from '../auth/credentials.js';
import type { GatewayBackendKind } from '../backend.js';
import { assertConsoleProtected } from '../consoleGuard.js';
import { DEFAULT_GATEWAY_HOST, DEFAULT_GATEWAY_PORT } from '../gateway.js';
import { isAwsRegionName } from '../regions/requestRegion.js';

export const DEFAULT_SQLITE_PATH = './.sealbus/gateway.db';

export interface GatewayCliOptions {
  /** Where queues, topics and keys live. */
  backend: GatewayBackendKind;
  port: number;
  host: string;
  /** The SQLite file holding queues, topics, messages and the local KMS. */
  path: string;
  verifySigv4: boolean;
  credentials: Map<string, string>;
  /** Access token of the web console at /console; without one it answers loopback names only. */
  consoleToken?: string;
  /** The account id in every ARN and queue URL. */
  accountId: string;
  /** The region of requests that name none; every other region gets its own namespace. */
  region: string;
  help: boolean;
}

export const GATEWAY_USAGE = `Usage: sealbus gateway [options]

AWS wire-compatible endpoint: SQS (JSON + Query), SNS (Query) and KMS (JSON) over SQLite.

Options:
  --backend <kind>      sqlite (durable, default) or memory (env SEALBUS_BACKEND)
  --port <n>            port to listen on (env PORT; default ${DEFAULT_GATEWAY_PORT}; 0 picks a free one)
  --host <addr>         address to bind (env SEALBUS_GATEWAY_HOST; default ${DEFAULT_GATEWAY_HOST})
  --path <file>         SQLite file (env SEALBUS_SQLITE_PATH; default ${DEFAULT_SQLITE_PATH})
  --verify-sigv4        check every SigV4 signature: secret, date, scope, payload hash
                        (env SEALBUS_VERIFY_SIGV4=true). Without it the access key id
                        names the caller unchecked; unsigned requests are refused always
  --credentials <list>  AKID:SECRET[,AKID:SECRET...] accepted with --verify-sigv4
                        (env SEALBUS_GATEWAY_CREDENTIALS)
  --console-token <t>   access token of the web console at /console, needed with
                        --verify-sigv4 or a non-loopback --host (env SEALBUS_CONSOLE_TOKEN)
  --account-id <id>     12-digit account id in ARNs and queue URLs
                        (env SEALBUS_ACCOUNT_ID; default ${DEFAULT_ACCOUNT_ID})
  --region <name>       region of requests that name none (env SEALBUS_REGION; default
                        ${DEFAULT_REGION}); each region a request names (SigV4 scope or
                        regional host name) is its own namespace, as on AWS
  -h, --help            show this help
`;

/** Resolves flags over environment variables over defaults; flags win. */
export function parseGatewayCliOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): GatewayCliOptions {
  const { values } = parseArgs({
    // `pnpm start -- --port 1` passes the separator through; it ends no options here.
    args: argv[0] === '--' ? argv.slice(1) : [...argv],
    options: {
      backend: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      path: { type: 'string' },
      'verify-sigv4': { type: 'boolean' },
      credentials: { type: 'string' },
      'console-token': { type: 'string' },
      'account-id': { type: 'string' },
      region: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  const portText = values.port ?? env.PORT ?? String(DEFAULT_GATEWAY_PORT);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65_535) {
    throw new InvalidParameterValueError(
      `--port must be an integer from 0 to 65535; got ${describeValue(portText)}`,
      { field: 'port' },
    );
  }
  const backend = values.backend ?? env.SEALBUS_BACKEND ?? 'sqlite';
  if (backend !== 'sqlite' && backend !== 'memory') {
    throw new InvalidParameterValueError(
      `--backend must be sqlite or memory (the gateway serves a local backend); got ${describeValue(backend)}`,
      { field: 'backend' },
    );
  }
  const verifyEnv = env.SEALBUS_VERIFY_SIGV4;
  const credentials = parseCredentials(
    values.credentials ?? env.SEALBUS_GATEWAY_CREDENTIALS ?? '',
    values.credentials === undefined ? 'SEALBUS_GATEWAY_CREDENTIALS' : '--credentials',
  );
  const verifySigv4 = values['verify-sigv4'] ?? (verifyEnv === 'true' || verifyEnv === '1');
  if (verifySigv4 && credentials.size === 0) {
    throw new InvalidParameterValueError(
      '--verify-sigv4 needs credentials: pass --credentials AKID:SECRET or set SEALBUS_GATEWAY_CREDENTIALS',
      { field: 'credentials' },
    );
  }
  const accountId = values['account-id'] ?? env.SEALBUS_ACCOUNT_ID ?? DEFAULT_ACCOUNT_ID;
  if (!/^\d{12}$/.test(accountId)) {
    throw new InvalidParameterValueError(
      `--account-id must be 12 digits, as AWS account ids are; got ${describeValue(accountId)}`,
      { field: 'accountId' },
    );
  }
  const region = values.region ?? env.SEALBUS_REGION ?? DEFAULT_REGION;
  if (!isAwsRegionName(region)) {
    throw new InvalidParameterValueError(
      `--region must be an AWS region name such as us-east-1 or eu-west-1; got ${describeValue(region)}`,
      { field: 'region' },
    );
  }
  const consoleToken = values['console-token'] ?? env.SEALBUS_CONSOLE_TOKEN;
  const host = values.host ?? env.SEALBUS_GATEWAY_HOST ?? DEFAULT_GATEWAY_HOST;
  // Refused before any file is created: the console is mounted on every gateway.
  assertConsoleProtected({
    host,
    verifySigv4,
    console: consoleToken === undefined ? 'open' : 'token',
  });
  return {
    backend,
    port,
    host,
    path: values.path ?? env.SEALBUS_SQLITE_PATH ?? DEFAULT_SQLITE_PATH,
    verifySigv4,
    credentials,
    ...(consoleToken === undefined ? {} : { consoleToken }),
    accountId,
    region,
    help: values.help ?? false,
  };
}

/** What the gateway prints on start: the endpoint and how to point AWS clients at it. */
export function startupBanner(url: string, options: GatewayCliOptions): string {
  return [
    `sealbus gateway listening on ${url}`,
    options.backend === 'sqlite'
      ? `  SQLite file: ${options.path}`
      : '  Backend: memory (nothing is kept after exit)',
    `  SigV4: ${options.verifySigv4 ? `verified (${options.credentials.size} key(s))` : 'required; the access key id names the caller, secrets are not checked (--verify-sigv4 checks them)'}`,
    `  Account ${options.accountId}; region ${options.region} by default, other regions on request`,
    `  Web console: ${url}/console${options.consoleToken === undefined ? ' (loopback names only)' : ' (access token required)'}`,
    '',
    'Point AWS SDKs and CLIs at it:',
    `  export AWS_ENDPOINT_URL=${url}`,
    `  export AWS_ENDPOINT_URL_SQS=${url} AWS_ENDPOINT_URL_SNS=${url} AWS_ENDPOINT_URL_KMS=${url}`,
    `  export AWS_REGION=${options.region} AWS_ACCESS_KEY_ID=AKIDLOCAL AWS_SECRET_ACCESS_KEY=local`,
    `  (awscli 2.9 / boto3 1.26 ignore these: pass --endpoint-url ${url} / endpoint_url=)`,
    '',
  ].join('\n');
}
