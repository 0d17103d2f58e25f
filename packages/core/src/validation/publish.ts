import { describeValue } from '../errors/SealbusError.js';
import { InvalidParameterError } from '../errors/sns.js';
import type { ResolvedTopicAttributes } from '../types/attributes.js';
import type { PublishBatchEntry, PublishOptions } from '../types/messages.js';
import { MAX_SNS_BATCH_PAYLOAD_BYTES, validateBatch, validateBatchPayload } from './batch.js';
import { PUBLISH_BATCH_ENTRY_KEYS } from './callOptionKeys.js';
import { type MessageAttributeRules, messageSize, validateMessageAttributes } from './message.js';
import { validateFifoIds } from './sendReceive.js';
import { SMS_MESSAGE_ATTRIBUTE_NAMES, validateSmsMessageAttributes } from './sms.js';

/** SNS: a message, attributes included, is at most 256 KiB. */
export const MAX_SNS_MESSAGE_BYTES = 262_144;
/** SNS: a subject is shorter than 100 characters. */
export const MAX_SNS_SUBJECT_LENGTH = 99;

export const SNS_MESSAGE_ATTRIBUTE_RULES: MessageAttributeRules = {
  dataTypes: ['String', 'String.Array', 'Number', 'Binary'],
  error: InvalidParameterError,
  reservedNames: SMS_MESSAGE_ATTRIBUTE_NAMES,
};

// Lone surrogates cannot be encoded as UTF-8, which SNS requires.
const LONE_SURROGATE = /\p{Surrogate}/u;
// Line breaks and other C0/C1 control characters.
const CONTROL_CHARACTER = /\p{Cc}/u;

/**
 * An SNS `Publish`: a non-empty UTF-8 message of at most 256 KiB with its attributes, a subject
 * under 100 characters without line breaks or control characters, SNS attribute types
 * (`String.Array` included) and the FIFO id rules of the topic. Failures are `InvalidParameter`.
 */
export function validatePublish(
  message: string,
  options: PublishOptions | undefined,
  topic: ResolvedTopicAttributes,
  fieldPrefix = '',
): void {
  const field = `${fieldPrefix}Message`;
  if (typeof message !== 'string' || message.length === 0) {
    throw new InvalidParameterError(
      `${field} must be a non-empty string; got ${describeValue(message)}`,
      { field },
    );
  }
  if (LONE_SURROGATE.test(message)) {
    throw new InvalidParameterError(
      `${field} must be valid UTF-8 text; it contains an unpaired surrogate. Encode binary data, e.g. as base64`,
      { field },
    );
  }
  validateSubject(options?.subject, `${fieldPrefix}Subject`);
  validateMessageAttributes(options?.messageAttributes, {
    ...SNS_MESSAGE_ATTRIBUTE_RULES,
    field: `${fieldPrefix}MessageAttributes`,
  });
  validateSmsMessageAttributes(options?.messageAttributes);
  const size = messageSize(message, options?.messageAttributes);
  if (size > MAX_SNS_MESSAGE_BYTES) {
    throw new InvalidParameterError(
      `${field} plus message attributes must be at most ${MAX_SNS_MESSAGE_BYTES} bytes; got ${size} bytes. Send less, or put the payload elsewhere and publish a reference`,
      { field },
    );
  }
  validateFifoIds(options ?? {}, {
    fifo: topic.FifoTopic,
    contentBasedDeduplication: topic.ContentBasedDeduplication,
    kind: 'topic',
    invalid: InvalidParameterError,
    missing: InvalidParameterError,
    fieldPrefix,
  });
}

/** `PublishBatch` request-level rules: 1–10 entries, distinct ids, at most 256 KiB in total. */
export function validatePublishBatch(entries: readonly PublishBatchEntry[]): void {
  validateBatch(
    entries,
    (entry) => entry.id,
    'PublishBatchRequestEntries',
    PUBLISH_BATCH_ENTRY_KEYS,
  );
  validateBatchPayload(entries, MAX_SNS_BATCH_PAYLOAD_BYTES, 'PublishBatchRequestEntries');
}

function validateSubject(subject: string | undefined, field: string): void {
  if (subject === undefined) return;
  if (
    typeof subject !== 'string' ||
    subject.length === 0 ||
    subject.length > MAX_SNS_SUBJECT_LENGTH ||
    CONTROL_CHARACTER.test(subject) ||
    LONE_SURROGATE.test(subject)
  ) {
    throw new InvalidParameterError(
      `${field} must be 1 to ${MAX_SNS_SUBJECT_LENGTH} characters of UTF-8 text without line breaks or control characters; got ${describeValue(subject)}`,
      { field },
    );
  }
}
