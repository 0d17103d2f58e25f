import { isSealbusError, type SealbusError, type SealbusErrorCode } from '@sealbus/core';
import { CommanderError } from 'commander';

/**
 * What kind of failure the user met, which decides the exit code and the fix line:
 * - `refused`: the service refused a well-formed request (a value out of range, a conflict);
 * - `usage`: the command line itself is wrong;
 * - `not-found`: a queue, topic, key, task or database that does not exist;
 * - `kms`: a key refused its use (disabled, pending deletion, key policy);
 * - `environment`: the machine around sealbus (file, lock, port, credentials, network);
 * - `interrupted`: the user stopped the command (Ctrl-C);
 * - `bug`: nothing above explains it — a fault in sealbus itself.
 */
export type ErrorCategory =
  | 'refused'
  | 'usage'
  | 'not-found'
  | 'kms'
  | 'environment'
  | 'interrupted'
  | 'bug';

export const EXIT_CODES: Readonly<Record<ErrorCategory | 'ok', number>> = {
  ok: 0,
  refused: 1,
  usage: 2,
  bug: 3,
  'not-found': 4,
  kms: 5,
  environment: 6,
  // 128 + SIGINT, as a shell reports a process that Ctrl-C ended.
  interrupted: 130,
};

/** An error the CLI raises itself, already classified and with its fix. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    readonly code: string,
    message: string,
    readonly category: ErrorCategory,
    readonly fix: string,
  ) {
    super(message);
  }
}

export interface Classification {
  category: ErrorCategory;
  fix: string;
}

/** Keyed by catalogue code, so a code that does not exist fails to compile. */
const NOT_FOUND_FIXES: Readonly<Partial<Record<SealbusErrorCode, string>>> = {
  DatabaseNotFound:
    'point --path (or SEALBUS_SQLITE_PATH) at an existing database, or add --create to make a new one',
  QueueDoesNotExist:
    'list the queues with `sealbus queue list`; create one with `sealbus queue create NAME`',
  NotFound:
    'list the topics with `sealbus topic list`; create one with `sealbus topic create NAME`',
  'KMS.NotFoundException':
    'list the keys and aliases with `sealbus keys list`; create one with `sealbus keys create --alias alias/NAME`',
  ResourceNotFoundException:
    'list what exists with `sealbus dlq list` and `sealbus dlq tasks QUEUE`',
};

const REFUSED_FIXES: Readonly<Partial<Record<SealbusErrorCode, string>>> = {
  'Sealbus.MessageMoveFailed':
    'see the tasks with `sealbus dlq tasks QUEUE`; `sealbus dlq redrive QUEUE` moves what is left',
};

const KMS_FIXES: Readonly<Partial<Record<SealbusErrorCode, string>>> = {
  'KMS.DisabledException': 'enable the key with `sealbus keys enable KEY`, or use another key',
  'KMS.AccessDeniedException':
    'the key policy refuses this principal: read it with `sealbus keys policy KEY`, change it with `--put FILE`, or act --as an allowed principal',
  'KMS.InvalidStateException':
    'the key is pending deletion: `sealbus keys schedule-deletion KEY --cancel`, then `sealbus keys enable KEY`',
};
const KMS_FIX =
  'see the key with `sealbus keys describe KEY` and its recent calls with `sealbus audit --key KEY`';

/** SQLite result codes (better-sqlite3's `SqliteError.code`) that describe the file, not sealbus. */
const SQLITE_ENVIRONMENT: readonly [RegExp, string][] = [
  [
    /^SQLITE_(NOTADB|CORRUPT)/,
    'the file at --path (or SEALBUS_SQLITE_PATH) is not a sealbus database or is damaged: check the path, or restore a backup made with `sealbus backup`',
  ],
  [
    /^SQLITE_(BUSY|LOCKED)/,
    'another process holds the database lock: retry when it is done, or raise its busy timeout',
  ],
  [
    /^SQLITE_(CANTOPEN|READONLY|PERM|AUTH)/,
    'sealbus cannot open or write the database file: check that its directory exists and that you may write it',
  ],
  [/^SQLITE_FULL/, 'the disk is full: free space, then retry'],
  [/^SQLITE_IOERR/, 'the disk failed to read or write the database: check the disk, then retry'],
];

/** Node system error codes (`error.code` with a `syscall`) and what to do about each. */
const SYSTEM_FIXES: Readonly<Record<string, string>> = {
  EADDRINUSE:
    'another process already listens on that port: pick another with --port, or --port 0 for a free one',
  EACCES: 'permission denied: check the file permissions, or use a port above 1023',
  EPERM: 'the operating system refused: check the file permissions',
  EROFS: 'the file system is read-only: point --path at a writable place',
  ENOSPC: 'the disk is full: free space, then retry',
  ENOENT: 'a file or directory does not exist: check the path',
  ENOTDIR: 'a part of the path is a file, not a directory: check the path',
  EISDIR: 'the path names a directory: name a file',
  ECONNREFUSED:
    'nothing listens at the endpoint: start it (`sealbus gateway --port 4566`) or fix --endpoint',
  ENOTFOUND: 'the endpoint host name does not resolve: fix --endpoint or the network',
};

const CREDENTIALS_FIX =
  'the AWS SDK found no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE); against `sealbus gateway` any values work unless it verifies SigV4';

const ENVIRONMENT_CODES: Readonly<Partial<Record<SealbusErrorCode, string>>> = {
  ServiceUnavailable:
    'the storage or service is busy or unreachable (another process may hold the database lock): retry in a moment',
  MissingAuthenticationToken: CREDENTIALS_FIX,
  InvalidClientTokenId:
    'the access key id is not known to the service: check AWS_ACCESS_KEY_ID or the profile',
  SignatureDoesNotMatch:
    'the secret access key does not match: check AWS_SECRET_ACCESS_KEY or the profile',
  RequestExpired: "this machine's clock is more than 15 minutes off: fix the clock",
  RequestThrottled: 'the service throttled the request: slow down and retry',
  'KMS.ThrottlingException': 'KMS throttled the request: raise the reuse period or retry later',
  'KMS.KeyUnavailableException':
    'the key material cannot be read: restore the root key file the message names (the one backed up with the database), or retry if KMS was briefly unavailable',
};

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function classifySealbus(error: SealbusError): Classification {
  const notFound = NOT_FOUND_FIXES[error.code];
  if (notFound !== undefined) return { category: 'not-found', fix: notFound };
  const environment = ENVIRONMENT_CODES[error.code];
  if (environment !== undefined) return { category: 'environment', fix: environment };
  if (error.code.startsWith('KMS.') && error.code !== 'KMS.ValidationException') {
    if (error.fault === 'server') {
      return { category: 'environment', fix: 'KMS failed or is unavailable: retry later' };
    }
    return { category: 'kms', fix: KMS_FIXES[error.code] ?? KMS_FIX };
  }
  if (error.code === 'InternalFailure') return { category: 'bug', fix: BUG_FIX };
  if (error.fault === 'server') {
    return { category: 'environment', fix: 'the service failed: retry later' };
  }
  return {
    category: 'refused',
    fix:
      REFUSED_FIXES[error.code] ??
      'change the value the message names (each option and its limits are in --help)',
  };
}

const BUG_FIX =
  'this is a bug in sealbus: rerun with --log-level debug and report the command with its output';

/** Sorts any thrown value into a category with the line that tells the user what to do. */
export function classifyError(error: unknown): Classification {
  if (error instanceof CliError) return { category: error.category, fix: error.fix };
  if (isSealbusError(error)) return classifySealbus(error);
  if (error instanceof CommanderError) {
    return { category: 'usage', fix: 'run the command with --help for its usage' };
  }
  const code = errorCode(error);
  if (code?.startsWith('SQLITE_')) {
    const match = SQLITE_ENVIRONMENT.find(([pattern]) => pattern.test(code));
    if (match !== undefined) return { category: 'environment', fix: match[1] };
  }
  if (code !== undefined && SYSTEM_FIXES[code] !== undefined) {
    return { category: 'environment', fix: SYSTEM_FIXES[code] };
  }
  if ((error as { name?: unknown } | null)?.name === 'CredentialsProviderError') {
    return { category: 'environment', fix: CREDENTIALS_FIX };
  }
  return { category: 'bug', fix: BUG_FIX };
}
