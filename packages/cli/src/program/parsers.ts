import { readFileSync } from 'node:fs';
import { describeValue, InvalidParameterValueError, type MessageAttributes } from '@sealbus/core';

/** A whole number of at least `min`, allowing `,` or `_` as thousands separators (`2,678,400`). */
export function parseCount(value: string, field: string, min = 0): number {
  const digits = value.trim();
  if (!/^\d{1,3}([,_]?\d{3})*$/.test(digits)) {
    throw new InvalidParameterValueError(
      `${field} must be a whole number such as 300 or 2,678,400; got ${describeValue(value)}`,
      { field },
    );
  }
  const parsed = Number(digits.replace(/[,_]/g, ''));
  if (!Number.isSafeInteger(parsed)) {
    throw new InvalidParameterValueError(`${field} is too large; got ${describeValue(value)}`, {
      field,
    });
  }
  if (parsed < min) {
    throw new InvalidParameterValueError(`${field} must be at least ${min}; got ${parsed}`, {
      field,
    });
  }
  return parsed;
}

/** A comma-separated list of whole numbers: `3,5`. */
export function parseCountList(value: string, field: string): number[] {
  const parts = value.split(',');
  if (parts.some((part) => part.trim().length === 0)) {
    throw new InvalidParameterValueError(
      `${field} must be comma-separated whole numbers such as 3,5; got ${describeValue(value)}`,
      { field },
    );
  }
  return parts.map((part) => parseCount(part, field));
}

/** A non-negative decimal number, e.g. a price. */
export function parseDecimal(value: string, field: string): number {
  if (!/^\d+(\.\d+)?$/.test(value.trim())) {
    throw new InvalidParameterValueError(
      `${field} must be a non-negative number such as 0.03; got ${describeValue(value)}`,
      { field },
    );
  }
  return Number(value);
}

const UNIT_MS: Readonly<Record<string, number>> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** `--since`: an ISO 8601 date/time, or a duration back from `nowMs` such as `90s`, `15m`, `2h`, `7d`. */
export function parseSince(value: string, nowMs: number, field = 'since'): Date {
  const relative = /^(\d+)([smhd])$/.exec(value.trim());
  if (relative !== null) {
    return new Date(nowMs - Number(relative[1]) * UNIT_MS[relative[2]!]!);
  }
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new InvalidParameterValueError(
    `${field} must be an ISO date/time (2026-11-25T10:00:00Z) or a duration such as 15m, 2h, 7d; got ${describeValue(value)}`,
    { field },
  );
}

/** `Name=Value` pairs (repeated options) as a record; the first `=` splits. */
export function parsePairs(pairs: readonly string[], field: string): Record<string, string> {
  const record: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) {
      throw new InvalidParameterValueError(
        `${field} must be Name=Value; got ${describeValue(pair)}`,
        { field },
      );
    }
    record[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return record;
}

/** `--attribute name=value` or `name:Number=42` as SQS/SNS message attributes. */
export function parseMessageAttributes(pairs: readonly string[]): MessageAttributes {
  const attributes: MessageAttributes = {};
  for (const [key, stringValue] of Object.entries(parsePairs(pairs, 'attribute'))) {
    const typed = /^([^:]+):(String|Number)(\.[A-Za-z0-9_.-]+)?$/.exec(key);
    const name = typed === null ? key : typed[1]!;
    const dataType = typed === null ? 'String' : `${typed[2]}${typed[3] ?? ''}`;
    attributes[name] = { dataType, stringValue };
  }
  return attributes;
}

/** Collects a repeatable option into an array (commander's argParser for `--attribute`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Reads a file named on the command line (`-` is stdin), failing with the option's name. */
export function readInputFile(path: string, field: string): string {
  try {
    return readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidParameterValueError(
      `${field}: cannot read ${describeValue(path)} (${reason}). Check the path and its permissions.`,
      { field, cause: error },
    );
  }
}
