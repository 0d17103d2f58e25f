import { parseArgs } from 'node:util';
import {
  type BackendConfig,
  type BackendFlag,
  backendFlags,
  backendInputFrom,
  backendUsage,
  parseArgsOptions,
  requireCapability,
  resolveBackendConfig,
} from '@sealbus/backends';
import { describeValue, InvalidParameterValueError } from '@sealbus/core';
import { parseCredentials } from '../auth/credentials.js';
import { assertConsoleProtected } from '../consoleGuard.js';
import { DEFAULT_GATEWAY_HOST, DEFAULT_GATEWAY_PORT } from '../gateway.js';

export interface GatewayCliOptions {
  /** Where queues, topics and keys live: a backend with the `local` capability. */
  backend: BackendConfig;
  port: number;
  host: string;
  verifySigv4: boolean;
  credentials: Map<string, string>;
  /** Access token of the web console at /console; without one it answers loopback names only. */
  consoleToken?: string;
}

/** `--help`: the gateway's own options after the backend flags of the installed backends. */
export async function gatewayUsage(
  flags: readonly BackendFlag[] | Promise<BackendFlag[]> = backendFlags(),
): Promise<string> {
  return `Usage: sealbus gateway [options]

AWS wire-compatible endpoint: SQS (JSON + Query), SNS (Query) and KMS (JSON) over a local
backend (one with the local capability: the engine and its KMS in this process).

Backend options:
${backendUsage(await flags)}

Options:
  --port <n>            port to listen on (env PORT; default ${DEFAULT_GATEWAY_PORT}; 0 picks a free one)
  --host <addr>         address to bind (env SEALBUS_GATEWAY_HOST; default ${DEFAULT_GATEWAY_HOST})
  --verify-sigv4        check every SigV4 signature: secret, date, scope, payload hash
                        (env SEALBUS_VERIFY_SIGV4=true). Without it the access key id
                        names the caller unchecked; unsigned requests are refused always
  --credentials <list>  AKID:SECRET[,AKID:SECRET...] accepted with --verify-sigv4
                        (env SEALBUS_GATEWAY_CREDENTIALS)
  --console-token <t>   access token of the web console at /console, needed with
                        --verify-sigv4 or a non-loopback --host (env SEALBUS_CONSOLE_TOKEN)
  -h, --help            show this help
`;
}

/**
 * Resolves flags over environment variables over defaults (flags win), or `'help'` for `--help`. The backend is resolved
 * and checked by the backend registry, before any file is created.
 */
export async function parseGatewayCliOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<GatewayCliOptions | 'help'> {
  const flags = await backendFlags();
  const { values } = parseArgs({
    // `pnpm start -- --port 1` passes the separator through; it ends no options here.
    args: argv[0] === '--' ? argv.slice(1) : [...argv],
    options: {
      ...parseArgsOptions(flags),
      port: { type: 'string' },
      host: { type: 'string' },
      'verify-sigv4': { type: 'boolean' },
      credentials: { type: 'string' },
      'console-token': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help === true) return 'help';
  const portText = values.port ?? env.PORT ?? String(DEFAULT_GATEWAY_PORT);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65_535) {
    throw new InvalidParameterValueError(
      `--port must be an integer from 0 to 65535; got ${describeValue(portText)}`,
      { field: 'port' },
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
  const consoleToken = values['console-token'] ?? env.SEALBUS_CONSOLE_TOKEN;
  const host = values.host ?? env.SEALBUS_GATEWAY_HOST ?? DEFAULT_GATEWAY_HOST;
  // Refused before any file is created: the console is mounted on every gateway.
  assertConsoleProtected({
    host,
    verifySigv4,
    console: consoleToken === undefined ? 'open' : 'token',
  });
  const backend = await resolveBackendConfig(backendInputFrom(values, flags), env);
  await requireCapability(backend, 'local', 'The gateway');
  return {
    backend,
    port,
    host,
    verifySigv4,
    credentials,
    ...(consoleToken === undefined ? {} : { consoleToken }),
  };
}

/** What the gateway prints on start: the endpoint and how to point AWS clients at it. */
export function startupBanner(url: string, options: GatewayCliOptions): string {
  return [
    `sealbus gateway listening on ${url}`,
    `  Backend: ${options.backend.descriptor.describe(options.backend.options)}${options.backend.descriptor.capabilities.persistent ? '' : '; nothing is kept after exit'}`,
    `  SigV4: ${options.verifySigv4 ? `verified (${options.credentials.size} key(s))` : 'required; the access key id names the caller, secrets are not checked (--verify-sigv4 checks them)'}`,
    `  Web console: ${url}/console${options.consoleToken === undefined ? ' (loopback names only)' : ' (access token required)'}`,
    '',
    'Point AWS SDKs and CLIs at it:',
    `  export AWS_ENDPOINT_URL=${url}`,
    `  export AWS_ENDPOINT_URL_SQS=${url} AWS_ENDPOINT_URL_SNS=${url} AWS_ENDPOINT_URL_KMS=${url}`,
    '  export AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=AKIDLOCAL AWS_SECRET_ACCESS_KEY=local',
    `  (awscli 2.9 / boto3 1.26 ignore these: pass --endpoint-url ${url} / endpoint_url=)`,
    '',
  ].join('\n');
}
