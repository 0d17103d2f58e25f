import { describe, expect, it } from 'vitest';
import { AwsServiceError } from './AwsServiceError.js';
import { BrokerClosedError } from './broker.js';
import { KmsDisabledError, KmsInvalidStateError, KmsNotFoundError } from './kms.js';
import { SignatureDoesNotMatchError } from './request.js';
import { NotFoundError } from './sns.js';
import {
  EmptyBatchRequestError,
  InvalidAttributeValueError,
  InvalidParameterValueError,
  QueueDoesNotExistError,
  QueueNameExistsError,
  ReceiptHandleIsInvalidError,
  TooManyEntriesInBatchRequestError,
} from './sqs.js';
import { awsBatchEntryCode, awsWireError } from './wire.js';

describe('awsWireError (SQS)', () => {
  it('gives the Query code, the JSON shape, the status and AWS text, not sealbus message', () => {
    expect(awsWireError(new QueueDoesNotExistError('Queue "a" does not exist'), 'sqs')).toEqual({
      code: 'AWS.SimpleQueueService.NonExistentQueue',
      jsonType: 'QueueDoesNotExist',
      status: 400,
      fault: 'Sender',
      message: 'The specified queue does not exist.',
      sealbusCode: 'QueueDoesNotExist',
    });
    expect(awsWireError(new ReceiptHandleIsInvalidError('x'), 'sqs')).toMatchObject({
      status: 404,
    });
    expect(awsWireError(new KmsDisabledError('x'), 'sqs')).toMatchObject({
      jsonType: 'KmsDisabled',
      code: 'KMS.DisabledException',
    });
    expect(awsBatchEntryCode('QueueDoesNotExist', 'sqs')).toBe(
      'AWS.SimpleQueueService.NonExistentQueue',
    );
    expect(awsBatchEntryCode('SomethingElse', 'sqs')).toBe('SomethingElse');
  });

  it('fills a text from the request action, the bare field and the params', () => {
    const empty = new EmptyBatchRequestError('Entries must hold at least one entry', {
      field: 'Entries',
    });
    expect(awsWireError(empty, 'sqs', { action: 'DeleteMessageBatch' }).message).toBe(
      'There should be at least one DeleteMessageBatchRequestEntry in the request.',
    );
    const attribute = new InvalidAttributeValueError('VisibilityTimeout must be 0-43200', {
      field: 'VisibilityTimeout',
    });
    expect(awsWireError(attribute, 'sqs').message).toBe(
      'Invalid value for the parameter VisibilityTimeout.',
    );
    const delay = new InvalidParameterValueError('no per-message delay on FIFO', {
      field: 'Entries[2].DelaySeconds',
      params: { value: 5, parameter: 'DelaySeconds', reason: 'whatever AWS says.' },
    });
    expect(awsWireError(delay, 'sqs').message).toBe(
      'Value 5 for parameter DelaySeconds is invalid. Reason: whatever AWS says.',
    );
    expect(
      awsWireError(new TooManyEntriesInBatchRequestError('x', { params: { count: 11 } }), 'sqs')
        .message,
    ).toBe('Maximum number of entries per request are 10. You have sent 11.');
    expect(
      awsWireError(new QueueNameExistsError('x', { field: 'DelaySeconds' }), 'sqs').message,
    ).toBe(
      'A queue already exists with the same name and a different value for attribute DelaySeconds',
    );
  });

  it('keeps the message when a placeholder has no value, rather than a half-filled text', () => {
    const delay = new InvalidParameterValueError('DelaySeconds must be 0-900; got 901', {
      field: 'DelaySeconds',
    });
    expect(awsWireError(delay, 'sqs').message).toBe('DelaySeconds must be 0-900; got 901');
    expect(awsWireError(new EmptyBatchRequestError('none'), 'sqs').message).toBe('none');
  });

  it('reports auth errors with the Query code and status; KMS with its JSON name', () => {
    expect(awsWireError(new SignatureDoesNotMatchError('x'), 'sqs')).toMatchObject({
      code: 'SignatureDoesNotMatch',
      jsonType: 'InvalidSignatureException',
      status: 403,
    });
    expect(awsWireError(new SignatureDoesNotMatchError('x'), 'kms')).toMatchObject({
      code: 'InvalidSignatureException',
      status: 400,
    });
  });

  it('hides unexpected errors behind InternalFailure and AWS generic text', () => {
    expect(awsWireError(new Error('disk on fire'), 'sqs')).toMatchObject({
      code: 'InternalFailure',
      status: 500,
      fault: 'Receiver',
      message: 'We encountered an internal error. Please try again.',
    });
    expect(awsWireError(new Error('disk on fire'), 'sns')).toMatchObject({
      code: 'InternalError',
    });
  });

  it('answers a closed broker as ServiceUnavailable and an unlisted AWS code as itself', () => {
    expect(awsWireError(new BrokerClosedError('closed'), 'sqs')).toMatchObject({
      code: 'ServiceUnavailable',
      status: 503,
      fault: 'Receiver',
    });
    const unlisted = new AwsServiceError('QueueDeletedRecently', 'wait 60 s', {
      fault: 'client',
      retryable: false,
    });
    expect(awsWireError(unlisted, 'sqs')).toMatchObject({
      code: 'QueueDeletedRecently',
      status: 400,
      message: 'wait 60 s',
    });
  });
});

describe('awsWireError (SNS, KMS)', () => {
  it('uses the SNS and KMS names and texts of the same errors', () => {
    expect(
      awsWireError(new NotFoundError('Topic "t" does not exist', { field: 'TopicArn' }), 'sns'),
    ).toMatchObject({ code: 'NotFound', status: 404, message: 'Topic does not exist' });
    expect(
      awsWireError(new NotFoundError('gone', { field: 'SubscriptionArn' }), 'sns').message,
    ).toBe('Subscription does not exist');
    expect(awsWireError(new QueueDoesNotExistError('x'), 'sns')).toMatchObject({
      code: 'NotFound',
    });
    expect(awsWireError(new KmsDisabledError('x'), 'sns')).toMatchObject({ code: 'KMSDisabled' });
    expect(awsWireError(new KmsNotFoundError('x'), 'kms')).toMatchObject({
      code: 'NotFoundException',
      status: 400,
    });
    expect(awsWireError(new KmsInvalidStateError('x'), 'kms')).toMatchObject({
      code: 'KMSInvalidStateException',
    });
    const bad = new InvalidParameterValueError('x', {
      params: { parameter: 'TopicArn', reason: 'fake_topic does not start with arn' },
    });
    expect(awsWireError(bad, 'sns')).toMatchObject({
      code: 'InvalidParameter',
      message: 'Invalid parameter: TopicArn Reason: fake_topic does not start with arn',
    });
  });
});
