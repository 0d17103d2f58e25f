import { AwsServiceError } from './AwsServiceError.js';
import { BrokerClosedError, DatabaseNotFoundError, UnknownOptionError } from './broker.js';
import type { ExternalErrorCode, SealbusErrorCode } from './catalogue.js';
import * as kms from './kms.js';
import * as request from './request.js';
import type { SealbusError, SealbusErrorOptions } from './SealbusError.js';
import * as service from './service.js';
import * as sns from './sns.js';
import * as sqs from './sqs.js';

/** Errors whose constructor carries fields of their own; the rest take `(message, options)`. */
export const FIELD_ERROR_CLASSES = {
  AwsServiceError,
  DatabaseNotFound: DatabaseNotFoundError,
  UnknownOption: UnknownOptionError,
} as const;

/** Codes whose core class takes fields of its own in its constructor. */
export type FieldErrorCode = keyof typeof FIELD_ERROR_CLASSES;
/** Codes whose core class takes `(message, options)`: what `createSealbusError` builds. */
export type PlainErrorCode = Exclude<SealbusErrorCode, FieldErrorCode | ExternalErrorCode>;

/**
 * The class of every plain catalogue code. `satisfies` makes the compiler check that each
 * code has a class and that each class carries its key as `code`.
 */
export const ERROR_CLASSES = {
  InvalidAction: request.InvalidActionError,
  MissingAuthenticationToken: request.MissingAuthenticationTokenError,
  IncompleteSignature: request.IncompleteSignatureError,
  InvalidClientTokenId: request.InvalidClientTokenIdError,
  SignatureDoesNotMatch: request.SignatureDoesNotMatchError,
  RequestExpired: request.RequestExpiredError,
  AccessDenied: service.AccessDeniedError,
  RequestThrottled: service.RequestThrottledError,
  InternalFailure: service.InternalFailureError,
  ServiceUnavailable: service.ServiceUnavailableError,
  BrokerClosed: BrokerClosedError,
  InvalidParameterValue: sqs.InvalidParameterValueError,
  MissingParameter: sqs.MissingParameterError,
  InvalidParameter: sns.InvalidParameterError,
  QueueDoesNotExist: sqs.QueueDoesNotExistError,
  QueueNameExists: sqs.QueueNameExistsError,
  InvalidAttributeName: sqs.InvalidAttributeNameError,
  InvalidAttributeValue: sqs.InvalidAttributeValueError,
  InvalidMessageContents: sqs.InvalidMessageContentsError,
  ReceiptHandleIsInvalid: sqs.ReceiptHandleIsInvalidError,
  MessageNotInflight: sqs.MessageNotInflightError,
  PurgeQueueInProgress: sqs.PurgeQueueInProgressError,
  TooManyEntriesInBatchRequest: sqs.TooManyEntriesInBatchRequestError,
  EmptyBatchRequest: sqs.EmptyBatchRequestError,
  BatchEntryIdsNotDistinct: sqs.BatchEntryIdsNotDistinctError,
  InvalidBatchEntryId: sqs.InvalidBatchEntryIdError,
  BatchRequestTooLong: sqs.BatchRequestTooLongError,
  UnsupportedOperation: sqs.UnsupportedOperationError,
  ResourceNotFoundException: sqs.ResourceNotFoundError,
  OverLimit: sqs.OverLimitError,
  NotFound: sns.NotFoundError,
  FilterPolicyLimitExceeded: sns.FilterPolicyLimitExceededError,
  ResourceNotFound: sns.SnsResourceNotFoundError,
  TagLimitExceeded: sns.TagLimitExceededError,
  EndpointDisabled: sns.EndpointDisabledError,
  'KMS.DisabledException': kms.KmsDisabledError,
  'KMS.AccessDeniedException': kms.KmsAccessDeniedError,
  'KMS.NotFoundException': kms.KmsNotFoundError,
  'KMS.InvalidStateException': kms.KmsInvalidStateError,
  'KMS.ThrottlingException': kms.KmsThrottlingError,
  'KMS.OptInRequired': kms.KmsOptInRequiredError,
  'KMS.InvalidKeyUsageException': kms.KmsInvalidKeyUsageError,
  'KMS.InvalidCiphertextException': kms.KmsInvalidCiphertextError,
  'KMS.IncorrectKeyException': kms.KmsIncorrectKeyError,
  'KMS.AlreadyExistsException': kms.KmsAlreadyExistsError,
  'KMS.InvalidAliasNameException': kms.KmsInvalidAliasNameError,
  'KMS.InvalidArnException': kms.KmsInvalidArnError,
  'KMS.InvalidMarkerException': kms.KmsInvalidMarkerError,
  'KMS.MalformedPolicyDocumentException': kms.KmsMalformedPolicyDocumentError,
  'KMS.ValidationException': kms.KmsValidationError,
  'KMS.UnsupportedOperationException': kms.KmsUnsupportedOperationError,
  'KMS.KMSInternalException': kms.KmsInternalError,
  'KMS.KeyUnavailableException': kms.KmsKeyUnavailableError,
  'KMS.KMSInvalidSignatureException': kms.KmsInvalidSignatureError,
  'KMS.KMSInvalidMacException': kms.KmsInvalidMacError,
  'KMS.LimitExceededException': kms.KmsLimitExceededError,
  'KMS.TagException': kms.KmsTagError,
  'KMS.InvalidGrantTokenException': kms.KmsInvalidGrantTokenError,
  'KMS.InvalidGrantIdException': kms.KmsInvalidGrantIdError,
  'KMS.NotAuthorizedException': kms.KmsNotAuthorizedError,
} as const satisfies {
  readonly [C in PlainErrorCode]: new (
    message: string,
    options?: SealbusErrorOptions,
  ) => SealbusError<C>;
};

/**
 * The class an error of code `C` is an instance of; for a class outside core (`owner` in the
 * catalogue) the sealbus error with that code.
 */
export type SealbusErrorOf<C extends SealbusErrorCode> = C extends FieldErrorCode
  ? InstanceType<(typeof FIELD_ERROR_CLASSES)[C]>
  : C extends PlainErrorCode
    ? InstanceType<(typeof ERROR_CLASSES)[C]>
    : SealbusError<C>;

export function isPlainErrorCode(code: SealbusErrorCode): code is PlainErrorCode {
  return Object.hasOwn(ERROR_CLASSES, code);
}

/** The error of a catalogue code, built from its class (the AWS backend's mapping uses it). */
export function createSealbusError<C extends PlainErrorCode>(
  code: C,
  message: string,
  options?: SealbusErrorOptions,
): SealbusErrorOf<C> {
  const ErrorClass: new (message: string, options?: SealbusErrorOptions) => SealbusError =
    ERROR_CLASSES[code];
  return new ErrorClass(message, options) as SealbusErrorOf<C>;
}
