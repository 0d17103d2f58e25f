import { SealbusError } from './SealbusError.js';

/** A value out of range or malformed. The message names the field, the limit and the value. */
export class InvalidParameterValueError extends SealbusError {
  override readonly name = 'InvalidParameterValueError';
  readonly code = 'InvalidParameterValue';
}

export class MissingParameterError extends SealbusError {
  override readonly name = 'MissingParameterError';
  readonly code = 'MissingParameter';
}

export class InvalidAttributeNameError extends SealbusError {
  override readonly name = 'InvalidAttributeNameError';
  readonly code = 'InvalidAttributeName';
}

export class InvalidAttributeValueError extends SealbusError {
  override readonly name = 'InvalidAttributeValueError';
  readonly code = 'InvalidAttributeValue';
}

export class InvalidMessageContentsError extends SealbusError {
  override readonly name = 'InvalidMessageContentsError';
  readonly code = 'InvalidMessageContents';
}

export class QueueDoesNotExistError extends SealbusError {
  override readonly name = 'QueueDoesNotExistError';
  readonly code = 'QueueDoesNotExist';
}

export class QueueNameExistsError extends SealbusError {
  override readonly name = 'QueueNameExistsError';
  readonly code = 'QueueNameExists';
}

export class ReceiptHandleIsInvalidError extends SealbusError {
  override readonly name = 'ReceiptHandleIsInvalidError';
  readonly code = 'ReceiptHandleIsInvalid';
}

export class MessageNotInflightError extends SealbusError {
  override readonly name = 'MessageNotInflightError';
  readonly code = 'MessageNotInflight';
}

export class PurgeQueueInProgressError extends SealbusError {
  override readonly name = 'PurgeQueueInProgressError';
  readonly code = 'PurgeQueueInProgress';
}

export class TooManyEntriesInBatchRequestError extends SealbusError {
  override readonly name = 'TooManyEntriesInBatchRequestError';
  readonly code = 'TooManyEntriesInBatchRequest';
}

export class EmptyBatchRequestError extends SealbusError {
  override readonly name = 'EmptyBatchRequestError';
  readonly code = 'EmptyBatchRequest';
}

export class BatchEntryIdsNotDistinctError extends SealbusError {
  override readonly name = 'BatchEntryIdsNotDistinctError';
  readonly code = 'BatchEntryIdsNotDistinct';
}

export class InvalidBatchEntryIdError extends SealbusError {
  override readonly name = 'InvalidBatchEntryIdError';
  readonly code = 'InvalidBatchEntryId';
}

export class BatchRequestTooLongError extends SealbusError {
  override readonly name = 'BatchRequestTooLongError';
  readonly code = 'BatchRequestTooLong';
}

export class UnsupportedOperationError extends SealbusError {
  override readonly name = 'UnsupportedOperationError';
  readonly code = 'UnsupportedOperation';
}

/** A move task or other named resource that does not exist. */
export class ResourceNotFoundError extends SealbusError {
  override readonly name = 'ResourceNotFoundError';
  readonly code = 'ResourceNotFoundException';
}

export class OverLimitError extends SealbusError {
  override readonly name = 'OverLimitError';
  readonly code = 'OverLimit';
}
