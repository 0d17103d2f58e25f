import { parseArgs } from 'node:util';
import {
  type BackendConfig,
  type BackendFlag,
  backendFlags,
  backendInputFrom,
  backendUsage,
  parseArgsOptions,
  resolveBackendConfig,
} from '@sealbus/backends';
import { InvalidParameterValueError } from '@sealbus/core';

export interface EmrConfig {
  /** The broker backend, resolved by the backend registry as the CLI and the gateway do. */
  backend: BackendConfig;
  messages: number;
  ratePerSecond: number;
  poisonShare: number;
  seed: number;
}

/** `--help`: the demo's options after the backend flags of the installed backends. */
export async function usage(
  flags: readonly BackendFlag[] | Promise<BackendFlag[]> = backendFlags(),
): Promise<string> {
  return `Usage: pnpm start [options]

The encrypted EMR fanout demo: synthetic patient records published to the SSE topic
Patient-Records fan out to Billing-, Scheduling- and Prescription-Integration (each with its
own CMK and an encrypted DLQ), consumed by three workers. Each run first purges the six demo
queues (the three integrations and their DLQs) so its numbers add up, and says how many
messages of earlier runs that removed.

Backend options:
${backendUsage(await flags, 30)}

Options:
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
  pnpm start --backend aws --region us-east-1 --endpoint http://127.0.0.1:4566`;
}

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

/** The registry's verdict on the backend flags, as a usage error naming the field. */
async function resolveBackend(
  values: Readonly<Record<string, unknown>>,
  flags: readonly BackendFlag[],
  env: NodeJS.ProcessEnv,
): Promise<BackendConfig> {
  try {
    return await resolveBackendConfig(backendInputFrom(values, flags), env);
  } catch (error) {
    if (error instanceof InvalidParameterValueError) throw new UsageError(error.message);
    throw error;
  }
}

/** Reads options from argv and the environment (flags win). Throws typed errors naming the flag. */
export async function parseConfig(
  argv: string[],
  env: NodeJS.ProcessEnv,
): Promise<EmrConfig | 'help'> {
  const flags = await backendFlags();
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv, flags);
  } catch (error) {
    throw usageErrorFrom(error);
  }
  const { values } = parsed;
  if (values.help) return 'help';
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
  return {
    backend: await resolveBackend(values, flags, env),
    messages: Math.round(messages),
    ratePerSecond,
    poisonShare,
    seed,
  };
}

function parseOptions(argv: string[], flags: readonly BackendFlag[]) {
  return parseArgs({
    args: argv,
    options: {
      ...parseArgsOptions(flags),
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
