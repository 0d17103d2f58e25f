import { isSealbusError } from '@sealbus/core';
import { CommanderError } from 'commander';
import { toJson } from './Output.js';

/** Exit codes: 1 a request the service refused, 2 bad command-line usage, 3 a service or internal failure. */
export const EXIT_CODES = { ok: 0, request: 1, usage: 2, failure: 3 } as const;

export interface ReportedError {
  code: string;
  message: string;
  exitCode: number;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** Maps any thrown value to the code, one-line message and exit code the CLI reports. */
export function describeError(error: unknown): ReportedError {
  if (isSealbusError(error)) {
    return {
      code: error.code,
      message: oneLine(error.message),
      exitCode: error.fault === 'server' ? EXIT_CODES.failure : EXIT_CODES.request,
    };
  }
  if (error instanceof CommanderError) {
    return {
      code: 'UsageError',
      message: `${oneLine(error.message.replace(/^error:\s*/, ''))}. Run the command with --help for its usage.`,
      exitCode: EXIT_CODES.usage,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: 'InternalFailure',
    message: `${oneLine(message)}. This is a bug or an environment problem; rerun with --log-level debug for details.`,
    exitCode: EXIT_CODES.failure,
  };
}

/** The single line written to stderr: `sealbus: <code>: <message>`, or `{"error":…}` with --json. */
export function formatError(reported: ReportedError, json: boolean): string {
  if (json) return toJson({ error: { code: reported.code, message: reported.message } });
  return `sealbus: ${reported.code}: ${reported.message}`;
}
