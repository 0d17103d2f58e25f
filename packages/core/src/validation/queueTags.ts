import { InvalidParameterValueError, MissingParameterError } from '../errors/sqs.js';

/** SQS queue tags: "a maximum of 50 tags per queue"; keys 1–128 characters, values 0–256. */
export const MAX_QUEUE_TAGS = 50;
export const MAX_TAG_KEY_LENGTH = 128;
export const MAX_TAG_VALUE_LENGTH = 256;

/**
 * `TagQueue` (and `CreateQueue` tags): at least one tag, keys and values within their lengths,
 * and at most 50 on the queue once merged with `existing`. Texts and codes are SQS's.
 */
export function validateQueueTags(
  tags: Readonly<Record<string, string>>,
  existing: Readonly<Record<string, string>>,
  queueName: string,
): void {
  const keys = Object.keys(tags);
  if (keys.length === 0) {
    throw new MissingParameterError('The request must contain the parameter Tags.', {
      field: 'Tags',
    });
  }
  for (const key of keys) {
    checkTagKey(key);
    const value = tags[key];
    if (typeof value !== 'string' || value.length > MAX_TAG_VALUE_LENGTH) {
      throw new InvalidParameterValueError(
        `Tag values must be between 0 and ${MAX_TAG_VALUE_LENGTH} characters in length.`,
        { field: `Tags.${key}` },
      );
    }
  }
  if (new Set([...Object.keys(existing), ...keys]).size > MAX_QUEUE_TAGS) {
    throw new InvalidParameterValueError(`Too many tags added for queue ${queueName}.`, {
      field: 'Tags',
    });
  }
}

/** `UntagQueue`: at least one key, each 1–128 characters. */
export function validateTagKeys(tagKeys: readonly string[]): void {
  if (tagKeys.length === 0) checkTagKey('');
  for (const key of tagKeys) checkTagKey(key);
}

function checkTagKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_TAG_KEY_LENGTH) {
    throw new InvalidParameterValueError(
      `Tag keys must be between 1 and ${MAX_TAG_KEY_LENGTH} characters in length.`,
      { field: 'TagKeys' },
    );
  }
}
