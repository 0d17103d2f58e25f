import { randomUUID } from 'node:crypto';
import type { Logger } from '@sealbus/core';
import { type DestinationStream, type LevelWithSilent, pino } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export interface LoggerOptions {
  /** @defaultValue 'warn' */
  level?: LevelWithSilent;
  /** Bound to every line so one command's or request's lines can be found together. @defaultValue a new UUID */
  correlationId?: string;
  /** @defaultValue stderr */
  destination?: DestinationStream;
}

/**
 * Paths pino removes from every line: message bodies, data keys and decrypted text must never
 * reach a log, even when a caller logs a whole object by mistake.
 */
export const REDACTED_LOG_PATHS = [
  'body',
  '*.body',
  'plaintext',
  '*.plaintext',
  'storedBody',
  '*.storedBody',
  'envelope',
  '*.envelope',
  'messageAttributes',
  '*.messageAttributes',
];

/** A pino logger (core's `Logger`) writing JSON lines with a `correlationId` on each. */
export function createLogger(options: LoggerOptions = {}): Logger & { correlationId: string } {
  const correlationId = options.correlationId ?? randomUUID();
  const logger = pino(
    {
      level: options.level ?? 'warn',
      base: { correlationId },
      redact: { paths: REDACTED_LOG_PATHS, remove: true },
    },
    options.destination ?? pino.destination(2),
  );
  return Object.assign(logger, { correlationId });
}
