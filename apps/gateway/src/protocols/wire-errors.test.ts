import {
  KmsDisabledError,
  KmsInvalidStateError,
  KmsNotFoundError,
  NotFoundError,
  QueueDoesNotExistError,
  QueueNameExistsError,
  ReceiptHandleIsInvalidError,
  SignatureDoesNotMatchError,
  TooManyEntriesInBatchRequestError,
} from '@sealbus/core';
import { describe, expect, it } from 'vitest';
import { kmsWireError, snsWireError, sqsBatchEntryCode, sqsWireError } from './wire-errors.js';

describe('sqsWireError', () => {
  it('maps core codes to SQS shapes, Query codes and statuses', () => {
    expect(sqsWireError(new QueueDoesNotExistError('gone'))).toEqual({
      queryCode: 'AWS.SimpleQueueService.NonExistentQueue',
      jsonType: 'QueueDoesNotExist',
      queryStatus: 400,
      jsonStatus: 400,
      fault: 'Sender',
      message: 'gone',
    });
    expect(sqsWireError(new QueueNameExistsError('x'))).toMatchObject({
      queryCode: 'QueueAlreadyExists',
    });
    expect(sqsWireError(new ReceiptHandleIsInvalidError('x'))).toMatchObject({ queryStatus: 404 });
    expect(sqsWireError(new TooManyEntriesInBatchRequestError('x'))).toMatchObject({
      queryCode: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
    });
    expect(sqsWireError(new KmsDisabledError('x'))).toMatchObject({
      jsonType: 'KmsDisabled',
      queryCode: 'KMS.DisabledException',
    });
    expect(sqsBatchEntryCode('QueueDoesNotExist')).toBe('AWS.SimpleQueueService.NonExistentQueue');
  });

  it('reports auth errors with the Query code and the JSON exception name', () => {
    expect(sqsWireError(new SignatureDoesNotMatchError('x'))).toMatchObject({
      queryCode: 'SignatureDoesNotMatch',
      queryStatus: 403,
      jsonType: 'InvalidSignatureException',
      jsonStatus: 400,
    });
  });

  it('hides unexpected errors behind InternalFailure', () => {
    expect(sqsWireError(new Error('disk on fire'))).toMatchObject({
      queryCode: 'InternalFailure',
      queryStatus: 500,
      fault: 'Receiver',
      message: expect.not.stringContaining('disk'),
    });
  });
});

describe('snsWireError and kmsWireError', () => {
  it('use the SNS and KMS names of the same core errors', () => {
    expect(snsWireError(new NotFoundError('x'))).toMatchObject({
      queryCode: 'NotFound',
      queryStatus: 404,
    });
    expect(snsWireError(new KmsDisabledError('x'))).toMatchObject({ queryCode: 'KMSDisabled' });
    expect(kmsWireError(new KmsNotFoundError('x'))).toMatchObject({
      jsonType: 'NotFoundException',
      jsonStatus: 400,
    });
    expect(kmsWireError(new KmsInvalidStateError('x'))).toMatchObject({
      jsonType: 'KMSInvalidStateException',
    });
  });
});
