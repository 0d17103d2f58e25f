import {
  type Backend,
  type BackendConfig,
  type BackendConfigInput,
  type BackendDeps,
  type BackendFlag,
  backendsWith,
  type LocalBackendParts,
  openBackend,
  resolveBackendConfig,
} from '@sealbus/backends';
import {
  type Clock,
  DatabaseNotFoundError,
  describeValue,
  InvalidParameterValueError,
  systemClock,
  UnsupportedOperationError,
} from '@sealbus/core';
import type { Command } from 'commander';
import type { LevelWithSilent } from 'pino';
import { createLogger, LOG_LEVELS } from '../operability/createLogger.js';
import type { CliIo } from '../output/CliIo.js';
import { Output } from '../output/Output.js';

/** The options every command accepts. */
export interface GlobalOptions {
  json?: boolean;
  logLevel?: string;
  /** Lets any command create a missing SQLite database. */
  create?: boolean;
}

/** Commands that create something, so they may create a missing SQLite database too. */
const CREATING_COMMANDS = new Set(['queue create', 'topic create', 'keys create']);

function createsSomething(command: Command): boolean {
  return CREATING_COMMANDS.has(`${command.parent?.name()} ${command.name()}`);
}

export interface CommandSession {
  readonly backend: Backend;
  readonly out: Output;
  readonly clock: Clock;
}

/** What commands need from the outside; tests and embedders replace parts of it. */
export interface CommandContext {
  readonly io: CliIo;
  readonly clock: Clock;
  /** `--backend` and the options of the installed backends, accepted before or after any command. */
  readonly backendFlags: readonly BackendFlag[];
  openBackend(config: BackendConfig, deps: BackendDeps): Promise<Backend>;
  /** Calls `listener` on Ctrl-C (SIGINT) instead of ending the process; returns the undo. */
  onInterrupt(listener: () => void): () => void;
}

function onProcessInterrupt(listener: () => void): () => void {
  process.on('SIGINT', listener);
  return () => process.off('SIGINT', listener);
}

export function defaultContext(io: CliIo, backendFlags: readonly BackendFlag[]): CommandContext {
  return { io, clock: systemClock, backendFlags, openBackend, onInterrupt: onProcessInterrupt };
}

export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

/** The backend configuration of a command: its backend flags over the environment. */
export function backendConfigOf(ctx: CommandContext, command: Command): Promise<BackendConfig> {
  const options = command.optsWithGlobals<Record<string, unknown>>();
  const input: Record<string, string | undefined> = {};
  for (const { name } of ctx.backendFlags) {
    const value = options[name];
    if (typeof value === 'string') input[name] = value;
  }
  return resolveBackendConfig(input satisfies BackendConfigInput, ctx.io.env);
}

export function outputFor(ctx: CommandContext, command: Command): Output {
  return new Output(ctx.io, globalOptions(command).json === true);
}

function logLevel(value: string | undefined): LevelWithSilent {
  const level = value ?? 'warn';
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new InvalidParameterValueError(
      `log-level must be one of ${LOG_LEVELS.join(', ')}; got ${describeValue(level)}`,
      { field: 'log-level' },
    );
  }
  return level as LevelWithSilent;
}

/**
 * A mistyped path must not silently start an empty broker: only commands that create something
 * (or `--create`) may make a new SQLite database; the others fail before anything is written.
 */
function requireExistingStore(config: BackendConfig): void {
  const created = config.descriptor.newStorePath?.(config.options);
  if (created !== undefined) {
    throw new DatabaseNotFoundError(
      created,
      'check --path or SEALBUS_SQLITE_PATH. Nothing was created: a new database is made by a command that creates something (e.g. "sealbus queue create NAME" or "sealbus keys create") or by adding --create.',
    );
  }
}

/** Opens the configured backend for one command, runs it, and closes the backend whatever happens. */
export async function withBackend(
  ctx: CommandContext,
  command: Command,
  action: (session: CommandSession) => Promise<void>,
): Promise<void> {
  const options = globalOptions(command);
  const logger = createLogger({
    level: logLevel(options.logLevel ?? ctx.io.env['SEALBUS_LOG_LEVEL']),
    destination: { write: (line: string) => ctx.io.stderr.write(line) },
  });
  const config = await backendConfigOf(ctx, command);
  if (options.create !== true && !createsSomething(command)) requireExistingStore(config);
  const backend = await ctx.openBackend(config, { logger, env: ctx.io.env });
  const log = logger.child({ command: command.name(), backend: backend.config.backend });
  log.debug({}, 'command started');
  try {
    await action({ backend, out: outputFor(ctx, command), clock: ctx.clock });
    log.debug({}, 'command finished');
  } catch (error) {
    log.debug({ err: error }, 'command failed');
    throw error;
  } finally {
    await backend.close();
  }
}

/**
 * The local-only parts, or an error naming the feature, the installed local backends (from the
 * registry) and what to use instead.
 */
export async function requireLocal(
  backend: Backend,
  feature: string,
  instead: string,
): Promise<LocalBackendParts> {
  if (backend.local === undefined) {
    throw new UnsupportedOperationError(
      `${feature} needs a local backend (${await backendsWith('local')}); the ${backend.config.backend} backend cannot do it. ${instead}`,
      { field: 'backend' },
    );
  }
  return backend.local;
}

/** Examples shown at the end of `--help`. */
export function withExamples(command: Command, examples: readonly string[]): Command {
  return command.addHelpText(
    'after',
    `\nExamples:\n${examples.map((example) => `  $ ${example}`).join('\n')}\n`,
  );
}
