import { errorBase } from './SealbusError.js';

/** A value out of range or malformed. The message names the field, the limit and the value. */
export class InvalidParameterValueError extends errorBase('InvalidParameterValue') {}

export class MissingParameterError extends errorBase('MissingParameter') {}

export class InvalidAttributeNameError extends errorBase('InvalidAttributeName') {}

export class InvalidAttributeValueError extends errorBase('InvalidAttributeValue') {}

export class InvalidMessageContentsError extends errorBase('InvalidMessageContents') {}

export class QueueDoesNotExistError extends errorBase('QueueDoesNotExist') {}

export class QueueNameExistsError extends errorBase('QueueNameExists') {}

export class ReceiptHandleIsInvalidError extends errorBase('ReceiptHandleIsInvalid') {}

export class MessageNotInflightError extends errorBase('MessageNotInflight') {}

export class PurgeQueueInProgressError extends errorBase('PurgeQueueInProgress') {}

export class TooManyEntriesInBatchRequestError extends errorBase('TooManyEntriesInBatchRequest') {}

export class EmptyBatchRequestError extends errorBase('EmptyBatchRequest') {}

export class BatchEntryIdsNotDistinctError extends errorBase('BatchEntryIdsNotDistinct') {}

export class InvalidBatchEntryIdError extends errorBase('InvalidBatchEntryId') {}

export class BatchRequestTooLongError extends errorBase('BatchRequestTooLong') {}

export class UnsupportedOperationError extends errorBase('UnsupportedOperation') {}

/** A move task or other named resource that does not exist. */
export class ResourceNotFoundError extends errorBase('ResourceNotFoundException') {}

export class OverLimitError extends errorBase('OverLimit') {}
