import { describeValue } from '../errors/SealbusError.js';
import { InvalidParameterValueError, MissingParameterError } from '../errors/sqs.js';
import type { ResolvedQueueAttributes } from '../types/attributes.js';
import type { ReceiveOptions, SendOptions } from '../types/messages.js';
import { type FieldErrorClass, integerInRange } from './attributeValues.js';
import {
  SQS_MESSAGE_ATTRIBUTE_RULES,
  validateMessageAttributes,
  validateMessageBody,
} from './message.js';
import { QUEUE_ATTRIBUTE_LIMITS } from './queueAttributes.js';

/** AWS's reason for a per-message delay on a FIFO queue (sic: "include"). */
const FIFO_DELAY_REASON = 'The request include parameter that is not valid for this queue type.';

/** `MessageGroupId` and `MessageDeduplicationId`: 1–128 of alphanumerics and ASCII punctuation. */
export const MAX_MESSAGE_SYSTEM_ID_LENGTH = 128;
export const RECEIVE_LIMITS = {
  maxMessages: { min: 1, max: 10 },
  waitTimeSeconds: { min: 0, max: 20 },
  visibilityTimeoutSeconds: { min: 0, max: 43_200 },
} as const;

/** Printable ASCII without space: the letters, digits and `!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~`. */
const SYSTEM_ID = /^[\x21-\x7E]+$/;

/** The FIFO ids a send or publish carries, with their request field names. */
export interface FifoIds {
  messageGroupId?: string | undefined;
  messageDeduplicationId?: string | undefined;
}

/** How a FIFO queue or topic treats the ids; shared by SQS send and SNS publish. */
export interface FifoIdRules {
  fifo: boolean;
  contentBasedDeduplication: boolean;
  /** `queue` or `topic`, for messages. */
  kind: string;
  /** Error for a malformed id or one not allowed here. */
  invalid: FieldErrorClass;
  /** Error for a missing `MessageGroupId`. */
  missing: FieldErrorClass;
  /** Field prefix for batch entries, e.g. `Entries[2].`. */
  fieldPrefix?: string;
}

/**
 * The FIFO id rules of SQS and SNS: a FIFO destination needs a `MessageGroupId` and, unless it
 * has content-based deduplication, a `MessageDeduplicationId`; a standard one rejects
 * `MessageDeduplicationId` and accepts `MessageGroupId` (fair queues).
 */
export function validateFifoIds(ids: FifoIds, rules: FifoIdRules): void {
  const prefix = rules.fieldPrefix ?? '';
  const groupField = `${prefix}MessageGroupId`;
  const dedupField = `${prefix}MessageDeduplicationId`;
  if (ids.messageGroupId !== undefined)
    validateSystemId(ids.messageGroupId, groupField, rules.invalid);
  if (ids.messageDeduplicationId !== undefined) {
    validateSystemId(ids.messageDeduplicationId, dedupField, rules.invalid);
  }
  if (rules.fifo) {
    if (ids.messageGroupId === undefined) {
      throw new rules.missing(
        `${groupField} is required on a FIFO ${rules.kind}; pass the id of the ordered group (1 to ${MAX_MESSAGE_SYSTEM_ID_LENGTH} characters)`,
        { field: groupField },
      );
    }
    if (ids.messageDeduplicationId === undefined && !rules.contentBasedDeduplication) {
      // SQS answers InvalidParameterValue here, not MissingParameter.
      throw new rules.invalid(
        `${dedupField} is required on a FIFO ${rules.kind} without ContentBasedDeduplication; pass one or enable ContentBasedDeduplication`,
        { field: dedupField },
      );
    }
  } else if (ids.messageDeduplicationId !== undefined) {
    throw new rules.invalid(
      `${dedupField} is only valid on FIFO ${rules.kind}s; remove it for this standard ${rules.kind}`,
      { field: dedupField },
    );
  }
}

/**
 * `SendMessage` options against the queue: attributes, per-message delay 0–900 (only 0 on FIFO
 * queues) and the FIFO ids.
 */
export function validateSendOptions(
  options: SendOptions | undefined,
  queue: ResolvedQueueAttributes,
  fieldPrefix = '',
): void {
  if (options === undefined) {
    validateFifoIds({}, sqsFifoRules(queue, fieldPrefix));
    return;
  }
  // The rules object is built only when there are attributes: most sends have none.
  if (options.messageAttributes !== undefined) {
    validateMessageAttributes(options.messageAttributes, {
      ...SQS_MESSAGE_ATTRIBUTE_RULES,
      field: `${fieldPrefix}MessageAttributes`,
    });
  }
  if (options.delaySeconds !== undefined) {
    const field = `${fieldPrefix}DelaySeconds`;
    // SQS accepts DelaySeconds=0 on a FIFO queue (the default) and refuses any other value.
    if (queue.FifoQueue && options.delaySeconds !== 0) {
      throw new InvalidParameterValueError(
        `${field} cannot be set per message on a FIFO queue; got ${describeValue(options.delaySeconds)}. Set the queue's DelaySeconds instead`,
        {
          field,
          params: {
            value: options.delaySeconds,
            parameter: 'DelaySeconds',
            reason: FIFO_DELAY_REASON,
          },
        },
      );
    }
    const { min, max, unit } = QUEUE_ATTRIBUTE_LIMITS.DelaySeconds;
    integerInRange(InvalidParameterValueError, field, options.delaySeconds, min, max, unit);
  }
  validateFifoIds(options, sqsFifoRules(queue, fieldPrefix));
}

/** A whole `SendMessage`: body (with the queue's `MaximumMessageSize`) and options. */
export function validateSendMessage(
  body: string | Uint8Array,
  options: SendOptions | undefined,
  queue: ResolvedQueueAttributes,
  fieldPrefix = '',
): void {
  validateSendOptions(options, queue, fieldPrefix);
  validateMessageBody(
    body,
    queue.MaximumMessageSize,
    options?.messageAttributes,
    `${fieldPrefix}MessageBody`,
  );
}

/** `ReceiveMessage` options: maxMessages 1–10, waitTimeSeconds 0–20, visibilityTimeoutSeconds 0–43,200. */
export function validateReceiveOptions(options: ReceiveOptions | undefined): void {
  if (options === undefined) return;
  const { maxMessages, waitTimeSeconds } = RECEIVE_LIMITS;
  if (options.maxMessages !== undefined) {
    integerInRange(
      InvalidParameterValueError,
      'MaxNumberOfMessages',
      options.maxMessages,
      maxMessages.min,
      maxMessages.max,
      'messages',
    );
  }
  if (options.waitTimeSeconds !== undefined) {
    integerInRange(
      InvalidParameterValueError,
      'WaitTimeSeconds',
      options.waitTimeSeconds,
      waitTimeSeconds.min,
      waitTimeSeconds.max,
      'seconds',
    );
  }
  if (options.visibilityTimeoutSeconds !== undefined) {
    validateVisibilityTimeout(options.visibilityTimeoutSeconds);
  }
}

/** A visibility timeout for `ReceiveMessage` or `ChangeMessageVisibility`: 0–43,200 seconds. */
export function validateVisibilityTimeout(seconds: number, field = 'VisibilityTimeout'): number {
  const { min, max } = RECEIVE_LIMITS.visibilityTimeoutSeconds;
  return integerInRange(InvalidParameterValueError, field, seconds, min, max, 'seconds');
}

function validateSystemId(id: unknown, field: string, error: FieldErrorClass): void {
  if (
    typeof id !== 'string' ||
    id.length === 0 ||
    id.length > MAX_MESSAGE_SYSTEM_ID_LENGTH ||
    !SYSTEM_ID.test(id)
  ) {
    throw new error(
      `${field} must be 1 to ${MAX_MESSAGE_SYSTEM_ID_LENGTH} characters of letters, digits and punctuation !"#$%&'()*+,-./:;<=>?@[\\]^_\`{|}~; got ${describeValue(id)}`,
      { field },
    );
  }
}

function sqsFifoRules(queue: ResolvedQueueAttributes, fieldPrefix: string): FifoIdRules {
  return {
    fifo: queue.FifoQueue,
    contentBasedDeduplication: queue.ContentBasedDeduplication,
    kind: 'queue',
    invalid: InvalidParameterValueError,
    missing: MissingParameterError,
    fieldPrefix,
  };
}
