import { parseArgs } from 'node:util';
import { InvalidParameterValueError } from '@sealbus/core';

export type BackendName = 'memory' | 'sqlite' | 'aws';
const BACKENDS: readonly BackendName[] = ['memory', 'sqlite', 'aws'];

export interface EmrConfig {
  backend: BackendName;
  /** SQLite file of the `sqlite` backend. */
  path: string;
  /** AWS-compatible endpoint of the `aws` backend (e.g. the sealbus gateway). */
  endpoint?: string;
  region: string;
  messages: number;
  ratePerSecond: number;
  poisonShare: number;
  seed: number;
}

export const USAGE = `Usage: emr-worker [options]

The encrypted EMR fanout demo: synthetic patient records published to the SSE topic
Patient-Records fan out to Billing-, Scheduling- and Prescription-Integration (each with its
own CMK and an encrypted DLQ), consumed by three workers.

Options:
  --backend memory|sqlite|aws   broker backend (env SEALBUS_BACKEND; default sqlite)
  --path FILE                   SQLite file (env SEALBUS_SQLITE_PATH; default ./.sealbus/emr.db)
  --endpoint URL                AWS endpoint for --backend aws (env AWS_ENDPOINT_URL)
  --region REGION               AWS region (env AWS_REGION; default us-east-1)
  --messages N                  records to publish (default 600)
  --rate N                      publishes per second (default 200)
  --duration S                  publish for S seconds at --rate (sets --messages)
  --poison-share F              share of malformed records, 0–1 (default 0.03)
  --seed N                      seed of the synthetic records (default 7)
  -h, --help                    show this help

Examples:
  emr-worker
  emr-worker --backend memory --messages 2000 --rate 1000
  emr-worker --backend aws --endpoint http://127.0.0.1:4566`;

function positiveNumber(field: string, raw: string, max: number): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > max) {
    throw new InvalidParameterValueError(
      `--${field} must be a number above 0 and at most ${max}; got "${raw}"`,
      { field },
    );
  }
  return value;
}

/** Reads options from argv and the environment (flags win). Throws typed errors naming the flag. */
export function parseConfig(argv: string[], env: NodeJS.ProcessEnv): EmrConfig | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      backend: { type: 'string' },
      path: { type: 'string' },
      endpoint: { type: 'string' },
      region: { type: 'string' },
      messages: { type: 'string' },
      rate: { type: 'string' },
      duration: { type: 'string' },
      'poison-share': { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const backend = values.backend ?? env.SEALBUS_BACKEND ?? 'sqlite';
  if (!BACKENDS.includes(backend as BackendName)) {
    throw new InvalidParameterValueError(
      `--backend must be one of ${BACKENDS.join(', ')}; got "${backend}"`,
      { field: 'backend' },
    );
  }
  const ratePerSecond = positiveNumber('rate', values.rate ?? '200', 100_000);
  const messages =
    values.duration === undefined
      ? positiveNumber('messages', values.messages ?? '600', 10_000_000)
      : Math.ceil(positiveNumber('duration', values.duration, 86_400) * ratePerSecond);
  const poisonShare = Number(values['poison-share'] ?? '0.03');
  if (!(poisonShare >= 0 && poisonShare <= 1)) {
    throw new InvalidParameterValueError(
      `--poison-share must be from 0 to 1; got "${values['poison-share']}"`,
      { field: 'poison-share' },
    );
  }
  const endpoint = values.endpoint ?? env.AWS_ENDPOINT_URL_SQS ?? env.AWS_ENDPOINT_URL;
  return {
    backend: backend as BackendName,
    path: values.path ?? env.SEALBUS_SQLITE_PATH ?? '.sealbus/emr.db',
    ...(endpoint === undefined ? {} : { endpoint }),
    region: values.region ?? env.AWS_REGION ?? 'us-east-1',
    messages: Math.round(messages),
    ratePerSecond,
    poisonShare,
    seed: Math.trunc(Number(values.seed ?? '7')),
  };
}
