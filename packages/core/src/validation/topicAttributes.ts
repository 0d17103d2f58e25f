import { describeValue } from '../errors/SealbusError.js';
import { InvalidParameterError } from '../errors/sns.js';
import type { ResolvedTopicAttributes, TopicAttributes } from '../types/attributes.js';
import {
  booleanValue,
  definedAttributes,
  differingKeys,
  parseBooleanString,
  policyDocument,
  resolveFifoFlag,
  sameAttributes,
  stringValue,
} from './attributeValues.js';
import { KMS_KEY_ID_FORMS, tryParseKmsKeyId } from './kmsKeyId.js';
import { FIFO_SUFFIX } from './names.js';
import { didYouMean } from './optionKeys.js';

export const MAX_TOPIC_DISPLAY_NAME_LENGTH = 100;

/** Every topic attribute a caller may set, in SNS spelling. */
export const TOPIC_ATTRIBUTE_NAMES: readonly (keyof TopicAttributes)[] = [
  'KmsMasterKeyId',
  'FifoTopic',
  'ContentBasedDeduplication',
  'DisplayName',
  'Policy',
  'SignatureVersion',
];

const BOOLEAN_ATTRIBUTES = ['FifoTopic', 'ContentBasedDeduplication'] as const;

export interface TopicAttributesContext {
  topicName: string;
  /** The topic's current attributes: set for `SetTopicAttributes`, absent for `CreateTopic`. */
  existing?: ResolvedTopicAttributes;
}

/**
 * Validates `input` and returns the complete topic attributes: defaults for a new topic, or
 * `input` merged onto `ctx.existing`. Every failure is SNS `InvalidParameter` naming the attribute.
 */
export function resolveTopicAttributes(
  input: TopicAttributes,
  ctx: TopicAttributesContext,
): ResolvedTopicAttributes {
  const given = definedAttributes(InvalidParameterError, 'SNS topic', input);
  for (const name of Object.keys(given)) {
    if (!(TOPIC_ATTRIBUTE_NAMES as readonly string[]).includes(name)) {
      throw new InvalidParameterError(
        `Unknown topic attribute ${describeValue(name)}${didYouMean(name, TOPIC_ATTRIBUTE_NAMES)}; valid names are ${TOPIC_ATTRIBUTE_NAMES.join(', ')}`,
        { field: name },
      );
    }
  }
  const fifo = resolveFifo(given, ctx);
  const resolved: ResolvedTopicAttributes = ctx.existing
    ? { ...ctx.existing }
    : { FifoTopic: fifo, ContentBasedDeduplication: false };

  if ('ContentBasedDeduplication' in given) {
    const contentBased = booleanValue(
      InvalidParameterError,
      'ContentBasedDeduplication',
      given.ContentBasedDeduplication,
    );
    if (contentBased && !fifo) {
      throw new InvalidParameterError(
        `ContentBasedDeduplication applies only to FIFO topics (names ending in ${FIFO_SUFFIX} created with FifoTopic=true); got it for ${describeValue(ctx.topicName)}`,
        { field: 'ContentBasedDeduplication' },
      );
    }
    resolved.ContentBasedDeduplication = contentBased;
  }
  if ('DisplayName' in given) {
    const displayName = stringValue(InvalidParameterError, 'DisplayName', given.DisplayName);
    if (displayName.length > MAX_TOPIC_DISPLAY_NAME_LENGTH) {
      throw new InvalidParameterError(
        `DisplayName must be at most ${MAX_TOPIC_DISPLAY_NAME_LENGTH} characters; got ${displayName.length} (${describeValue(displayName)})`,
        { field: 'DisplayName' },
      );
    }
    if (displayName === '') delete resolved.DisplayName;
    else resolved.DisplayName = displayName;
  }
  if ('KmsMasterKeyId' in given) {
    const keyId = stringValue(InvalidParameterError, 'KmsMasterKeyId', given.KmsMasterKeyId);
    if (keyId === '') delete resolved.KmsMasterKeyId;
    else if (tryParseKmsKeyId(keyId) === undefined) {
      throw new InvalidParameterError(
        `KmsMasterKeyId must be ${KMS_KEY_ID_FORMS}; got ${describeValue(keyId)}`,
        { field: 'KmsMasterKeyId' },
      );
    } else resolved.KmsMasterKeyId = keyId;
  }
  if ('SignatureVersion' in given) {
    const version = stringValue(InvalidParameterError, 'SignatureVersion', given.SignatureVersion);
    // SNS answers this text for any value other than 1 or 2.
    if (version !== '1' && version !== '2') {
      throw new InvalidParameterError(
        `Invalid parameter: SignatureVersion must be 1 or 2; got ${describeValue(version)}`,
        { field: 'SignatureVersion' },
      );
    }
    resolved.SignatureVersion = version;
  }
  if ('Policy' in given) {
    const policy = stringValue(InvalidParameterError, 'Policy', given.Policy);
    if (policy === '') delete resolved.Policy;
    else resolved.Policy = policyDocument(InvalidParameterError, 'Policy', policy);
  }
  return resolved;
}

/** Whether two resolved topic attribute sets are the same. */
export function topicAttributesEqual(
  a: ResolvedTopicAttributes,
  b: ResolvedTopicAttributes,
): boolean {
  return sameAttributes(a, b);
}

/**
 * For `CreateTopic` on a name that exists: the attributes in `requested` whose values differ
 * from the topic's. Non-empty means SNS answers `InvalidParameter` (topic exists with other attributes).
 */
export function conflictingTopicAttributes(
  existing: ResolvedTopicAttributes,
  requested: TopicAttributes,
  topicName: string,
): string[] {
  const resolved = resolveTopicAttributes(requested, { topicName });
  const given = Object.keys(
    definedAttributes(InvalidParameterError, 'SNS topic', requested),
  ) as (keyof ResolvedTopicAttributes)[];
  return differingKeys(existing, resolved, given);
}

/** Reads the wire form (`'true'`, plain strings) into `TopicAttributes`. */
export function parseTopicAttributeStrings(
  record: Readonly<Record<string, string>>,
): TopicAttributes {
  const attributes: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(record)) {
    attributes[name] = (BOOLEAN_ATTRIBUTES as readonly string[]).includes(name)
      ? parseBooleanString(value)
      : value;
  }
  return attributes as TopicAttributes;
}

/** The wire form of resolved topic attributes, as `GetTopicAttributes` returns them. */
export function formatTopicAttributes(resolved: ResolvedTopicAttributes): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of TOPIC_ATTRIBUTE_NAMES) {
    const value = resolved[name];
    if (value === undefined) continue;
    if (!resolved.FifoTopic && (name === 'FifoTopic' || name === 'ContentBasedDeduplication')) {
      continue;
    }
    out[name] = String(value);
  }
  return out;
}

function resolveFifo(given: Record<string, unknown>, ctx: TopicAttributesContext): boolean {
  return resolveFifoFlag({
    flag: 'FifoTopic',
    kind: 'topic',
    nameField: 'Name',
    name: ctx.topicName,
    requested:
      'FifoTopic' in given
        ? booleanValue(InvalidParameterError, 'FifoTopic', given.FifoTopic)
        : undefined,
    existing: ctx.existing?.FifoTopic,
    changeError: InvalidParameterError,
    nameError: InvalidParameterError,
  });
}
