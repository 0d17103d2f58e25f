import { KMSServiceException } from '@aws-sdk/client-kms';
import { SNSServiceException } from '@aws-sdk/client-sns';
import { QueueDoesNotExist, SQSServiceException } from '@aws-sdk/client-sqs';
import { AwsServiceError, isSealbusError, type SealbusError } from '@sealbus/core';
import { describe, expect, it } from 'vitest';
import { type AwsService, callAws, mapAwsError, normalizeAwsCode } from './mapAwsError.js';

const EXCEPTIONS = { sqs: SQSServiceException, sns: SNSServiceException, kms: KMSServiceException };

function serviceError(service: AwsService, name: string, fault: 'client' | 'server' = 'client') {
  return new EXCEPTIONS[service]({
    name,
    $fault: fault,
    $metadata: { httpStatusCode: fault === 'client' ? 400 : 500, requestId: 'req-1' },
    message: `the service said ${name}`,
  });
}

function mapped(service: AwsService, name: string): SealbusError {
  const error = mapAwsError(serviceError(service, name), service, 'Op');
  if (!isSealbusError(error)) throw new Error(`${name} was not mapped`);
  return error;
}

/** [service, AWS name or Query code, sealbus class name, sealbus code] */
const TABLE: Array<[AwsService, string, string, string]> = [
  ['sqs', 'QueueDoesNotExist', 'QueueDoesNotExistError', 'QueueDoesNotExist'],
  ['sqs', 'AWS.SimpleQueueService.NonExistentQueue', 'QueueDoesNotExistError', 'QueueDoesNotExist'],
  ['sqs', 'QueueNameExists', 'QueueNameExistsError', 'QueueNameExists'],
  ['sqs', 'QueueAlreadyExists', 'QueueNameExistsError', 'QueueNameExists'],
  ['sqs', 'MessageNotInflight', 'MessageNotInflightError', 'MessageNotInflight'],
  ['sqs', 'ReceiptHandleIsInvalid', 'ReceiptHandleIsInvalidError', 'ReceiptHandleIsInvalid'],
  ['sqs', 'UnsupportedOperation', 'UnsupportedOperationError', 'UnsupportedOperation'],
  ['sqs', 'PurgeQueueInProgress', 'PurgeQueueInProgressError', 'PurgeQueueInProgress'],
  [
    'sqs',
    'AWS.SimpleQueueService.PurgeQueueInProgress',
    'PurgeQueueInProgressError',
    'PurgeQueueInProgress',
  ],
  [
    'sqs',
    'TooManyEntriesInBatchRequest',
    'TooManyEntriesInBatchRequestError',
    'TooManyEntriesInBatchRequest',
  ],
  ['sqs', 'EmptyBatchRequest', 'EmptyBatchRequestError', 'EmptyBatchRequest'],
  ['sqs', 'BatchEntryIdsNotDistinct', 'BatchEntryIdsNotDistinctError', 'BatchEntryIdsNotDistinct'],
  ['sqs', 'InvalidBatchEntryId', 'InvalidBatchEntryIdError', 'InvalidBatchEntryId'],
  ['sqs', 'BatchRequestTooLong', 'BatchRequestTooLongError', 'BatchRequestTooLong'],
  ['sqs', 'InvalidAttributeName', 'InvalidAttributeNameError', 'InvalidAttributeName'],
  ['sqs', 'InvalidAttributeValue', 'InvalidAttributeValueError', 'InvalidAttributeValue'],
  ['sqs', 'InvalidMessageContents', 'InvalidMessageContentsError', 'InvalidMessageContents'],
  ['sqs', 'InvalidParameterValue', 'InvalidParameterValueError', 'InvalidParameterValue'],
  ['sqs', 'MissingParameter', 'MissingParameterError', 'MissingParameter'],
  ['sqs', 'OverLimit', 'OverLimitError', 'OverLimit'],
  ['sqs', 'RequestThrottled', 'RequestThrottledError', 'RequestThrottled'],
  ['sqs', 'ResourceNotFoundException', 'ResourceNotFoundError', 'ResourceNotFoundException'],
  ['sqs', 'KmsDisabled', 'KmsDisabledError', 'KMS.DisabledException'],
  ['sqs', 'KMS.DisabledException', 'KmsDisabledError', 'KMS.DisabledException'],
  ['sqs', 'KmsNotFound', 'KmsNotFoundError', 'KMS.NotFoundException'],
  ['sqs', 'KmsAccessDenied', 'KmsAccessDeniedError', 'KMS.AccessDeniedException'],
  ['sqs', 'KmsInvalidState', 'KmsInvalidStateError', 'KMS.InvalidStateException'],
  ['sqs', 'KmsInvalidKeyUsage', 'KmsInvalidKeyUsageError', 'KMS.InvalidKeyUsageException'],
  ['sqs', 'KmsThrottled', 'KmsThrottlingError', 'KMS.ThrottlingException'],
  ['sqs', 'KmsOptInRequired', 'KmsOptInRequiredError', 'KMS.OptInRequired'],
  ['sqs', 'KMS.OptInRequired', 'KmsOptInRequiredError', 'KMS.OptInRequired'],
  ['sqs', 'AccessDenied', 'AccessDeniedError', 'AccessDenied'],
  ['sqs', 'InvalidClientTokenId', 'InvalidClientTokenIdError', 'InvalidClientTokenId'],
  ['sqs', 'SignatureDoesNotMatch', 'SignatureDoesNotMatchError', 'SignatureDoesNotMatch'],
  ['sqs', 'InvalidSignatureException', 'SignatureDoesNotMatchError', 'SignatureDoesNotMatch'],
  [
    'sqs',
    'MissingAuthenticationToken',
    'MissingAuthenticationTokenError',
    'MissingAuthenticationToken',
  ],
  ['sqs', 'RequestExpired', 'RequestExpiredError', 'RequestExpired'],
  ['sqs', 'InvalidAction', 'InvalidActionError', 'InvalidAction'],
  ['sqs', 'IncompleteSignature', 'IncompleteSignatureError', 'IncompleteSignature'],
  ['sqs', 'InternalFailure', 'InternalFailureError', 'InternalFailure'],
  ['sqs', 'ServiceUnavailable', 'ServiceUnavailableError', 'ServiceUnavailable'],
  ['sns', 'NotFoundException', 'NotFoundError', 'NotFound'],
  ['sns', 'NotFound', 'NotFoundError', 'NotFound'],
  ['sns', 'InvalidParameterException', 'InvalidParameterError', 'InvalidParameter'],
  ['sns', 'InvalidParameterValueException', 'InvalidParameterError', 'InvalidParameter'],
  [
    'sns',
    'FilterPolicyLimitExceededException',
    'FilterPolicyLimitExceededError',
    'FilterPolicyLimitExceeded',
  ],
  ['sns', 'AuthorizationErrorException', 'AccessDeniedError', 'AccessDenied'],
  ['sns', 'ThrottledException', 'RequestThrottledError', 'RequestThrottled'],
  ['sns', 'InternalErrorException', 'InternalFailureError', 'InternalFailure'],
  [
    'sns',
    'TooManyEntriesInBatchRequestException',
    'TooManyEntriesInBatchRequestError',
    'TooManyEntriesInBatchRequest',
  ],
  [
    'sns',
    'BatchEntryIdsNotDistinctException',
    'BatchEntryIdsNotDistinctError',
    'BatchEntryIdsNotDistinct',
  ],
  ['sns', 'KMSDisabledException', 'KmsDisabledError', 'KMS.DisabledException'],
  ['sns', 'KMSNotFoundException', 'KmsNotFoundError', 'KMS.NotFoundException'],
  ['sns', 'KMSAccessDeniedException', 'KmsAccessDeniedError', 'KMS.AccessDeniedException'],
  ['sns', 'KMSInvalidStateException', 'KmsInvalidStateError', 'KMS.InvalidStateException'],
  ['sns', 'KMSThrottlingException', 'KmsThrottlingError', 'KMS.ThrottlingException'],
  ['sns', 'KMSOptInRequired', 'KmsOptInRequiredError', 'KMS.OptInRequired'],
  ['kms', 'DisabledException', 'KmsDisabledError', 'KMS.DisabledException'],
  ['kms', 'NotFoundException', 'KmsNotFoundError', 'KMS.NotFoundException'],
  ['kms', 'AccessDeniedException', 'KmsAccessDeniedError', 'KMS.AccessDeniedException'],
  ['kms', 'KMSInvalidStateException', 'KmsInvalidStateError', 'KMS.InvalidStateException'],
  ['kms', 'InvalidKeyUsageException', 'KmsInvalidKeyUsageError', 'KMS.InvalidKeyUsageException'],
  ['kms', 'ThrottlingException', 'KmsThrottlingError', 'KMS.ThrottlingException'],
  ['kms', 'KMSOptInRequired', 'KmsOptInRequiredError', 'KMS.OptInRequired'],
  [
    'kms',
    'InvalidCiphertextException',
    'KmsInvalidCiphertextError',
    'KMS.InvalidCiphertextException',
  ],
  ['kms', 'IncorrectKeyException', 'KmsIncorrectKeyError', 'KMS.IncorrectKeyException'],
  ['kms', 'AlreadyExistsException', 'KmsAlreadyExistsError', 'KMS.AlreadyExistsException'],
  ['kms', 'InvalidAliasNameException', 'KmsInvalidAliasNameError', 'KMS.InvalidAliasNameException'],
  ['kms', 'InvalidArnException', 'KmsInvalidArnError', 'KMS.InvalidArnException'],
  ['kms', 'InvalidMarkerException', 'KmsInvalidMarkerError', 'KMS.InvalidMarkerException'],
  [
    'kms',
    'MalformedPolicyDocumentException',
    'KmsMalformedPolicyDocumentError',
    'KMS.MalformedPolicyDocumentException',
  ],
  ['kms', 'ValidationException', 'KmsValidationError', 'KMS.ValidationException'],
  // Its own class, as the local KMS raises it (the old hand-made table folded it into validation).
  [
    'kms',
    'InvalidGrantTokenException',
    'KmsInvalidGrantTokenError',
    'KMS.InvalidGrantTokenException',
  ],
  ['kms', 'LimitExceededException', 'KmsLimitExceededError', 'KMS.LimitExceededException'],
  [
    'kms',
    'UnsupportedOperationException',
    'KmsUnsupportedOperationError',
    'KMS.UnsupportedOperationException',
  ],
  ['kms', 'KMSInternalException', 'KmsInternalError', 'KMS.KMSInternalException'],
  ['kms', 'DependencyTimeoutException', 'KmsInternalError', 'KMS.KMSInternalException'],
  ['kms', 'KeyUnavailableException', 'KmsKeyUnavailableError', 'KMS.KeyUnavailableException'],
  ['kms', 'UnrecognizedClientException', 'InvalidClientTokenIdError', 'InvalidClientTokenId'],
];

describe('mapAwsError', () => {
  it.each(TABLE)('%s %s → %s (%s)', (service, name, className, code) => {
    const cause = serviceError(service, name);
    const error = mapAwsError(cause, service, 'SendMessage');
    expect(isSealbusError(error)).toBe(true);
    expect(error.name).toBe(className);
    expect((error as SealbusError).code).toBe(code);
    expect(error.cause).toBe(cause);
    expect(error.message).toContain(
      `${service.toUpperCase()} SendMessage failed: the service said ${name}`,
    );
    expect(normalizeAwsCode(name, service)).toBe(code);
  });

  it('reads the SQS Query code when the SDK class name is unknown', () => {
    const error = new SQSServiceException({
      name: 'SomethingNew',
      $fault: 'client',
      $metadata: {},
      message: 'gone',
    }) as SQSServiceException & { Code?: string };
    error.Code = 'AWS.SimpleQueueService.NonExistentQueue';
    expect((mapAwsError(error, 'sqs', 'GetQueueUrl') as SealbusError).code).toBe(
      'QueueDoesNotExist',
    );
  });

  it('maps the modeled SDK class itself', () => {
    const error = new QueueDoesNotExist({ message: 'no such queue', $metadata: {} });
    expect(mapAwsError(error, 'sqs', 'GetQueueUrl').name).toBe('QueueDoesNotExistError');
  });

  it('tells the services apart: NotFoundException is SNS NotFound but KMS.NotFoundException', () => {
    expect(mapped('sns', 'NotFoundException').code).toBe('NotFound');
    expect(mapped('kms', 'NotFoundException').code).toBe('KMS.NotFoundException');
  });

  it('marks throttling and server faults retryable and keeps fault', () => {
    expect(mapped('sqs', 'RequestThrottled').retryable).toBe(true);
    expect(mapped('sqs', 'KmsThrottled').retryable).toBe(true);
    const internal = mapped('sqs', 'InternalFailure');
    expect(internal.retryable).toBe(true);
    expect(internal.fault).toBe('server');
    expect(mapped('sqs', 'KmsDisabled').retryable).toBe(false);
  });

  it('keeps an unknown AWS code in an AwsServiceError with its fault', () => {
    const error = mapAwsError(serviceError('sqs', 'QueueDeletedRecently'), 'sqs', 'CreateQueue');
    expect(error).toBeInstanceOf(AwsServiceError);
    expect((error as AwsServiceError).code).toBe('AwsServiceError');
    expect((error as AwsServiceError).awsCode).toBe('QueueDeletedRecently');
    expect((error as AwsServiceError).fault).toBe('client');
    expect((error as AwsServiceError).retryable).toBe(false);
    const server = mapAwsError(serviceError('sns', 'KMSSomethingNew', 'server'), 'sns', 'Publish');
    expect((server as AwsServiceError).retryable).toBe(true);
    expect(normalizeAwsCode('QueueDeletedRecently', 'sqs')).toBe('QueueDeletedRecently');
  });

  it('turns socket failures and timeouts into ServiceUnavailable', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
      code: 'ECONNREFUSED',
    });
    const error = mapAwsError(refused, 'sqs', 'ReceiveMessage') as SealbusError;
    expect(error.code).toBe('ServiceUnavailable');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.cause).toBe(refused);
    const timeout = Object.assign(new Error('timed out'), { name: 'TimeoutError' });
    expect((mapAwsError(timeout, 'kms', 'Decrypt') as SealbusError).code).toBe(
      'ServiceUnavailable',
    );
    const wrapped = Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNRESET' } });
    expect((mapAwsError(wrapped, 'sns', 'Publish') as SealbusError).code).toBe(
      'ServiceUnavailable',
    );
  });

  it('passes programming errors and sealbus errors through unchanged', () => {
    const bug = new TypeError('x is not a function');
    expect(mapAwsError(bug, 'sqs', 'SendMessage')).toBe(bug);
    const sealbus = mapped('sqs', 'OverLimit');
    expect(mapAwsError(sealbus, 'sqs', 'SendMessage')).toBe(sealbus);
  });

  it('callAws rethrows mapped errors', async () => {
    await expect(
      callAws('kms', 'GenerateDataKey', () =>
        Promise.reject(serviceError('kms', 'DisabledException')),
      ),
    ).rejects.toMatchObject({ code: 'KMS.DisabledException', name: 'KmsDisabledError' });
    await expect(callAws('kms', 'DescribeKey', () => Promise.resolve(42))).resolves.toBe(42);
  });
});
