import { describe, expect, it } from 'vitest';
import { KmsDisabledError, KmsThrottlingError } from './kms.js';
import { describeValue, isSealbusError, SealbusError } from './SealbusError.js';
import { QueueDoesNotExistError } from './sqs.js';

describe('SealbusError', () => {
  it('carries the AWS code, a literal name, fault and retryable', () => {
    const error = new KmsDisabledError('key arn:aws:kms:us-east-1:000000000000:key/1 is disabled');
    expect(error).toBeInstanceOf(SealbusError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('KmsDisabledError');
    expect(error.code).toBe('KMS.DisabledException');
    expect(error.fault).toBe('client');
    expect(error.retryable).toBe(false);
    expect(new KmsThrottlingError('slow down').retryable).toBe(true);
  });

  it('keeps the cause and the field, and serialises without a stack', () => {
    const cause = new Error('socket hang up');
    const error = new QueueDoesNotExistError('no queue "a"', { cause, field: 'QueueUrl' });
    expect(error.cause).toBe(cause);
    expect(error.field).toBe('QueueUrl');
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'QueueDoesNotExistError',
      code: 'QueueDoesNotExist',
      message: 'no queue "a"',
      fault: 'client',
      retryable: false,
      field: 'QueueUrl',
    });
    expect(isSealbusError(error)).toBe(true);
    expect(isSealbusError(cause)).toBe(false);
  });

  it('describes values briefly for messages', () => {
    expect(describeValue('x'.repeat(100))).toBe(`"${'x'.repeat(77)}..."`);
    expect(describeValue(new Uint8Array(5))).toBe('<5 bytes>');
    expect(describeValue(42)).toBe('42');
  });
});
