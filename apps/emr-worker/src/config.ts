import { parseArgs } from 'node:util';

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

export const USAGE = `Usage: pnpm start [options]

The encrypted EMR fanout demo: synthetic patient records published to the SSE topic
Patient-Records fan out to Billing-, Scheduling- and Prescription-Integration (each with its
own CMK and an encrypted DLQ), consumed by three workers. Each run first purges the six demo
queues (the three integrations and their DLQs) so its numbers add up, and says how many
messages of earlier runs that removed.

Options:
  --backend memory|sqlite|aws   broker backend (env SEALBUS_BACKEND; default sqlite)
  --path FILE                   SQLite file (env SEALBUS_SQLITE_PATH; default ./.sealbus/emr.db)
  --endpoint URL                AWS endpoint for --backend aws (env AWS_ENDPOINT_URL)
  --region REGION               AWS region (env AWS_REGION; default us-east-1)
  --messages N                  records to publish (default 600)
  --rate N                      publishes per second (default 200)
  --duration S                  publish for S seconds at --rate; with --messages, publishing
                                stops at whichever limit comes first
  --poison-share F              share of malformed records, 0–1 (default 0.03)
  --seed N                      seed of the synthetic records (default 7)
  -h, --help                    show this help

Examples:
  pnpm start
  pnpm start --backend memory --messages 2000 --rate 1000
  pnpm start --duration 30 --rate 500
  pnpm start --backend aws --endpoint http://127.0.0.1:4566`;

/** A wrong command line: the program prints it with a pointer to --help and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** parseArgs' own errors, reworded to name the flag and what it accepts. */
function usageErrorFrom(error: unknown): UsageError {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(--[\w-]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    return new UsageError(`unknown option ${option ?? message}`);
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option !== undefined) {
    return new UsageError(
      message.includes('ambiguous')
        ? `${option} needs a value; a value starting with "-" is not accepted (numbers must be above 0)`
        : `${option} needs a value`,
    );
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    return new UsageError(
      `unexpected argument ${/'([^']*)'/.exec(message)?.[1] ?? ''}; every option starts with --`,
    );
  }
  return new UsageError(message.split('\n')[0] ?? message);
}

function positiveNumber(field: string, raw: string, max: number): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > max) {
    throw new UsageError(`--${field} must be a number above 0 and at most ${max}; got "${raw}"`);
  }
  return value;
}

/** Reads options from argv and the environment (flags win). Throws typed errors naming the flag. */
export function parseConfig(argv: string[], env: NodeJS.ProcessEnv): EmrConfig | 'help' {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (error) {
    throw usageErrorFrom(error);
  }
  const { values } = parsed;
  if (values.help) return 'help';
  const backend = values.backend ?? env.SEALBUS_BACKEND ?? 'sqlite';
  if (!BACKENDS.includes(backend as BackendName)) {
    throw new UsageError(`--backend must be one of ${BACKENDS.join(', ')}; got "${backend}"`);
  }
  const ratePerSecond = positiveNumber('rate', values.rate ?? '200', 100_000);
  // With both limits the run stops at the first one reached: `--duration 2 --messages 50` is 50.
  const byCount =
    values.messages === undefined && values.duration !== undefined
      ? Number.POSITIVE_INFINITY
      : positiveNumber('messages', values.messages ?? '600', 10_000_000);
  const byDuration =
    values.duration === undefined
      ? Number.POSITIVE_INFINITY
      : Math.ceil(positiveNumber('duration', values.duration, 86_400) * ratePerSecond);
  const messages = Math.min(byCount, byDuration);
  const poisonShare = Number(values['poison-share'] ?? '0.03');
  if (!(poisonShare >= 0 && poisonShare <= 1)) {
    throw new UsageError(`--poison-share must be from 0 to 1; got "${values['poison-share']}"`);
  }
  const seed = Number(values.seed ?? '7');
  if (!Number.isInteger(seed)) {
    throw new UsageError(`--seed must be an integer; got "${values.seed}"`);
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
    seed,
  };
}

function parseOptions(argv: string[]) {
  return parseArgs({
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
}
