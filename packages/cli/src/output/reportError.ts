import { isSealbusError } from '@sealbus/core';
import { CommanderError } from 'commander';
import { CliError, classifyError, type ErrorCategory, EXIT_CODES } from './errorTaxonomy.js';
import { toJson } from './Output.js';

export interface ReportedError {
  code: string;
  message: string;
  category: ErrorCategory;
  exitCode: number;
  /** What the user can do about it. */
  fix: string;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** The code a failure is reported under: the AWS code of sealbus errors, else a category name. */
function codeOf(error: unknown, category: ErrorCategory): string {
  if (isSealbusError(error) || error instanceof CliError) return error.code;
  if (error instanceof CommanderError) return 'UsageError';
  const code = (error as { code?: unknown } | null)?.code;
  if (category === 'environment') return typeof code === 'string' ? code : 'EnvironmentError';
  return 'InternalFailure';
}

/** Maps any thrown value to the code, one-line message, category, exit code and fix line. */
export function describeError(error: unknown): ReportedError {
  const { category, fix } = classifyError(error);
  const raw = error instanceof Error ? error.message : String(error);
  const message =
    error instanceof CommanderError ? `${oneLine(raw.replace(/^error:\s*/, ''))}.` : oneLine(raw);
  return { code: codeOf(error, category), message, category, exitCode: EXIT_CODES[category], fix };
}

/**
 * What goes to stderr: `sealbus: <code>: <message>` and `  fix: <what to do>` on the next line,
 * or one `{"error":{code,category,message,fix}}` line with --json.
 */
export function formatError(reported: ReportedError, json: boolean): string {
  if (json) {
    const { code, category, message, fix } = reported;
    return toJson({ error: { code, category, message, fix } });
  }
  return `sealbus: ${reported.code}: ${reported.message}\n  fix: ${reported.fix}`;
}
