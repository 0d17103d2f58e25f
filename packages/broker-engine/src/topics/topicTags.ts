import { describeValue, InvalidParameterError, TagLimitExceededError } from '@sealbus/core';

/** SNS tag limits (TagResource API reference). */
export const MAX_TOPIC_TAGS = 50;
const MAX_KEY_LENGTH = 128;
const MAX_VALUE_LENGTH = 256;

/** `current` with `added` over it; a key given again overwrites its value, as SNS does. */
export function mergedTags(
  current: Readonly<Record<string, string>>,
  added: Readonly<Record<string, string>>,
): Record<string, string> {
  for (const [key, value] of Object.entries(added)) {
    if (key.length < 1 || key.length > MAX_KEY_LENGTH) {
      throw new InvalidParameterError(
        `Invalid parameter: Tags: a tag key is 1-${MAX_KEY_LENGTH} characters; got ${describeValue(key)}`,
        { field: 'Tags' },
      );
    }
    if (typeof value !== 'string' || value.length > MAX_VALUE_LENGTH) {
      throw new InvalidParameterError(
        `Invalid parameter: Tags: a tag value is 0-${MAX_VALUE_LENGTH} characters; got ${describeValue(value)}`,
        { field: 'Tags' },
      );
    }
  }
  const merged = { ...current, ...added };
  if (Object.keys(merged).length > MAX_TOPIC_TAGS) {
    throw new TagLimitExceededError(
      'Could not complete request: tag quota of per resource exceeded',
      { field: 'Tags' },
    );
  }
  return merged;
}
