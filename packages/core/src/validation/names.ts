import { describeValue } from '../errors/SealbusError.js';
import { InvalidParameterError } from '../errors/sns.js';
import { InvalidBatchEntryIdError, InvalidParameterValueError } from '../errors/sqs.js';

/** SQS and SNS mark FIFO queues and topics with this name suffix. */
export const FIFO_SUFFIX = '.fifo';

export const MAX_QUEUE_NAME_LENGTH = 80;
export const MAX_TOPIC_NAME_LENGTH = 256;
export const MAX_BATCH_ENTRY_ID_LENGTH = 80;

const NAME_CHARS = /^[A-Za-z0-9_-]+$/;

export function isFifoName(name: string): boolean {
  return name.endsWith(FIFO_SUFFIX);
}

/** Whether `name` is a valid queue name (FIFO suffix allowed), without throwing. */
export function isValidQueueName(name: string): boolean {
  return isValidName(name, MAX_QUEUE_NAME_LENGTH);
}

/** Whether `name` is a valid topic name (FIFO suffix allowed), without throwing. */
export function isValidTopicName(name: string): boolean {
  return isValidName(name, MAX_TOPIC_NAME_LENGTH);
}

/**
 * A queue name: 1–80 characters of `[A-Za-z0-9_-]`; a FIFO queue's name ends in `.fifo`,
 * which counts towards the 80.
 */
export function validateQueueName(name: string, field = 'QueueName'): void {
  if (!isValidQueueName(name)) {
    throw new InvalidParameterValueError(
      `${field} must be 1 to ${MAX_QUEUE_NAME_LENGTH} characters of A-Z, a-z, 0-9, hyphen or underscore, optionally ending in ${FIFO_SUFFIX} (counted in the ${MAX_QUEUE_NAME_LENGTH}); got ${describeValue(name)}`,
      { field },
    );
  }
}

/**
 * A topic name: 1–256 characters of `[A-Za-z0-9_-]`; a FIFO topic's name ends in `.fifo`,
 * which counts towards the 256.
 */
export function validateTopicName(name: string, field = 'Name'): void {
  if (!isValidTopicName(name)) {
    throw new InvalidParameterError(
      `${field} must be 1 to ${MAX_TOPIC_NAME_LENGTH} characters of A-Z, a-z, 0-9, hyphen or underscore, optionally ending in ${FIFO_SUFFIX} (counted in the ${MAX_TOPIC_NAME_LENGTH}); got ${describeValue(name)}`,
      { field },
    );
  }
}

/** A batch entry `Id`: 1–80 characters of `[A-Za-z0-9_-]`. */
export function validateBatchEntryId(id: string, field = 'Id'): void {
  if (
    typeof id !== 'string' ||
    id.length === 0 ||
    id.length > MAX_BATCH_ENTRY_ID_LENGTH ||
    !NAME_CHARS.test(id)
  ) {
    throw new InvalidBatchEntryIdError(
      `${field} must be 1 to ${MAX_BATCH_ENTRY_ID_LENGTH} characters of A-Z, a-z, 0-9, hyphen or underscore; got ${describeValue(id)}`,
      { field },
    );
  }
}

function isValidName(name: string, maxLength: number): boolean {
  if (typeof name !== 'string' || name.length === 0 || name.length > maxLength) return false;
  const base = isFifoName(name) ? name.slice(0, -FIFO_SUFFIX.length) : name;
  return NAME_CHARS.test(base);
}
