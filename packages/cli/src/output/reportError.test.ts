import {
  DatabaseNotFoundError,
  InternalFailureError,
  KmsDisabledError,
  KmsRootKeyMissingError,
  QueueDoesNotExistError,
  ServiceUnavailableError,
} from '@sealbus/core';
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { CliError } from './errorTaxonomy.js';
import { describeError, formatError } from './reportError.js';

/** An error shaped as Node and better-sqlite3 raise them: a message and a string `code`. */
function coded(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('describeError', () => {
  it('keeps a core error code, folds its message onto one line and adds the fix', () => {
    const reported = describeError(
      new QueueDoesNotExistError('Queue "q" does not exist.\nCreate it first.'),
    );
    expect(reported).toMatchObject({
      code: 'QueueDoesNotExist',
      message: 'Queue "q" does not exist. Create it first.',
      category: 'not-found',
      exitCode: 4,
    });
    expect(formatError(reported, false)).toBe(
      'sealbus: QueueDoesNotExist: Queue "q" does not exist. Create it first.\n  fix: list the queues with `sealbus queue list`; create one with `sealbus queue create NAME`',
    );
  });

  it('gives each category its own exit code', () => {
    const cases: [unknown, string, number][] = [
      [new CommanderError(1, 'commander.unknownCommand', "error: unknown command 'x'"), 'usage', 2],
      [new InternalFailureError('boom'), 'bug', 3],
      [new QueueDoesNotExistError('gone'), 'not-found', 4],
      [new DatabaseNotFoundError('/tmp/typo.db', 'check --path.'), 'not-found', 4],
      [new KmsDisabledError('off'), 'kms', 5],
      [new ServiceUnavailableError('locked'), 'environment', 6],
      [new KmsRootKeyMissingError('/tmp/db.root-key', '/tmp/db'), 'environment', 6],
      [coded('SQLITE_NOTADB', 'file is not a database'), 'environment', 6],
      [coded('SQLITE_BUSY', 'database is locked'), 'environment', 6],
      [coded('EADDRINUSE', 'listen EADDRINUSE'), 'environment', 6],
      [
        Object.assign(new Error('Could not load credentials'), {
          name: 'CredentialsProviderError',
        }),
        'environment',
        6,
      ],
      [new CliError('Interrupted', 'stopped', 'interrupted', 'run it again'), 'interrupted', 130],
    ];
    for (const [error, category, exitCode] of cases) {
      expect(describeError(error)).toMatchObject({ category, exitCode });
    }
    expect(describeError(cases[0]![0]).message).toBe("unknown command 'x'.");
  });

  it('reports only what nothing else explains as a bug, with what to do', () => {
    expect(describeError(new TypeError('x is undefined'))).toMatchObject({
      code: 'InternalFailure',
      category: 'bug',
      exitCode: 3,
    });
    expect(formatError(describeError('weird'), true)).toBe(
      JSON.stringify({
        error: {
          code: 'InternalFailure',
          category: 'bug',
          message: 'weird',
          fix: 'this is a bug in sealbus: rerun with --log-level debug and report the command with its output',
        },
      }),
    );
  });
});
