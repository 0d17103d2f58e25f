import { InternalFailureError, QueueDoesNotExistError } from '@sealbus/core';
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { describeError, formatError } from './reportError.js';

describe('describeError', () => {
  it('keeps a core error code and folds its message onto one line', () => {
    const reported = describeError(
      new QueueDoesNotExistError('Queue "q" does not exist.\nCreate it first.'),
    );
    expect(reported).toEqual({
      code: 'QueueDoesNotExist',
      message: 'Queue "q" does not exist. Create it first.',
      exitCode: 1,
    });
    expect(formatError(reported, false)).toBe(
      'sealbus: QueueDoesNotExist: Queue "q" does not exist. Create it first.',
    );
  });

  it('gives server faults exit 3 and usage errors exit 2', () => {
    expect(describeError(new InternalFailureError('boom')).exitCode).toBe(3);
    const usage = describeError(
      new CommanderError(1, 'commander.unknownCommand', "error: unknown command 'x'"),
    );
    expect(usage).toMatchObject({ code: 'UsageError', exitCode: 2 });
    expect(usage.message).toBe("unknown command 'x'. Run the command with --help for its usage.");
  });

  it('reports anything else as InternalFailure with what to do', () => {
    expect(describeError(new TypeError('x is undefined'))).toMatchObject({
      code: 'InternalFailure',
      exitCode: 3,
    });
    expect(formatError(describeError('weird'), true)).toBe(
      JSON.stringify({
        error: {
          code: 'InternalFailure',
          message:
            'weird. This is a bug or an environment problem; rerun with --log-level debug for details.',
        },
      }),
    );
  });
});
