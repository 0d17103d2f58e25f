import { parseQueueArn } from '../arn/arn.js';
import { describeValue } from '../errors/SealbusError.js';
import {
  InvalidAttributeNameError,
  InvalidAttributeValueError,
  InvalidParameterValueError,
} from '../errors/sqs.js';
import type {
  QueueAttributes,
  RedriveAllowPolicy,
  RedrivePolicy,
  ResolvedQueueAttributes,
} from '../types/attributes.js';
import {
  booleanValue,
  definedAttributes,
  differingKeys,
  integerInRange,
  jsonObject,
  oneOf,
  parseBooleanString,
  parseIntegerString,
  policyDocument,
  resolveFifoFlag,
  sameAttributes,
  stringValue,
} from './attributeValues.js';
import { KMS_KEY_ID_FORMS, tryParseKmsKeyId } from './kmsKeyId.js';
import { FIFO_SUFFIX, isFifoName } from './names.js';
import { didYouMean } from './optionKeys.js';

/** SQS limits of the numeric queue attributes, with their defaults for a new queue. */
export const QUEUE_ATTRIBUTE_LIMITS = {
  DelaySeconds: { min: 0, max: 900, defaultValue: 0, unit: 'seconds' },
  MaximumMessageSize: { min: 1024, max: 1_048_576, defaultValue: 1_048_576, unit: 'bytes' },
  MessageRetentionPeriod: { min: 60, max: 1_209_600, defaultValue: 345_600, unit: 'seconds' },
  ReceiveMessageWaitTimeSeconds: { min: 0, max: 20, defaultValue: 0, unit: 'seconds' },
  VisibilityTimeout: { min: 0, max: 43_200, defaultValue: 30, unit: 'seconds' },
  KmsDataKeyReusePeriodSeconds: { min: 60, max: 86_400, defaultValue: 300, unit: 'seconds' },
} as const;

export const MAX_RECEIVE_COUNT_LIMITS = { min: 1, max: 1000 } as const;
export const MAX_REDRIVE_SOURCE_QUEUE_ARNS = 10;

type NumericQueueAttribute = keyof typeof QUEUE_ATTRIBUTE_LIMITS;
const NUMERIC_ATTRIBUTES = Object.keys(QUEUE_ATTRIBUTE_LIMITS) as NumericQueueAttribute[];
const BOOLEAN_ATTRIBUTES = [
  'SqsManagedSseEnabled',
  'FifoQueue',
  'ContentBasedDeduplication',
] as const;
const FIFO_ONLY_ATTRIBUTES = [
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
] as const;

/** Every attribute a caller may set, in SQS spelling. */
export const QUEUE_ATTRIBUTE_NAMES: readonly (keyof QueueAttributes)[] = [
  ...NUMERIC_ATTRIBUTES,
  'RedrivePolicy',
  'RedriveAllowPolicy',
  'KmsMasterKeyId',
  ...BOOLEAN_ATTRIBUTES,
  'DeduplicationScope',
  'FifoThroughputLimit',
  'Policy',
];

/** Attributes SQS computes; they may be read but never set. */
export const READ_ONLY_QUEUE_ATTRIBUTE_NAMES = [
  'QueueArn',
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
] as const;

const DEDUPLICATION_SCOPES = ['messageGroup', 'queue'] as const;
const FIFO_THROUGHPUT_LIMITS = ['perQueue', 'perMessageGroupId'] as const;
const REDRIVE_PERMISSIONS = ['allowAll', 'denyAll', 'byQueue'] as const;

export interface QueueAttributesContext {
  queueName: string;
  /** The queue's current attributes: set for `SetQueueAttributes`, absent for `CreateQueue`. */
  existing?: ResolvedQueueAttributes;
}

/**
 * Validates `input` against every SQS limit and returns the complete attributes: defaults
 * applied for a new queue, or `input` merged onto `ctx.existing` for `SetQueueAttributes`.
 * Throws `InvalidAttributeName` for names a queue cannot have, `InvalidAttributeValue` for bad
 * values and `InvalidParameterValue` when the queue name and `FifoQueue` disagree.
 */
export function resolveQueueAttributes(
  input: QueueAttributes,
  ctx: QueueAttributesContext,
): ResolvedQueueAttributes {
  const given = definedAttributes(InvalidAttributeValueError, 'SQS queue', input);
  rejectUnknownNames(given);
  const { existing } = ctx;
  const fifo = resolveFifo(given, ctx);

  const resolved: ResolvedQueueAttributes = existing
    ? { ...existing }
    : {
        DelaySeconds: QUEUE_ATTRIBUTE_LIMITS.DelaySeconds.defaultValue,
        MaximumMessageSize: QUEUE_ATTRIBUTE_LIMITS.MaximumMessageSize.defaultValue,
        MessageRetentionPeriod: QUEUE_ATTRIBUTE_LIMITS.MessageRetentionPeriod.defaultValue,
        ReceiveMessageWaitTimeSeconds:
          QUEUE_ATTRIBUTE_LIMITS.ReceiveMessageWaitTimeSeconds.defaultValue,
        VisibilityTimeout: QUEUE_ATTRIBUTE_LIMITS.VisibilityTimeout.defaultValue,
        KmsDataKeyReusePeriodSeconds:
          QUEUE_ATTRIBUTE_LIMITS.KmsDataKeyReusePeriodSeconds.defaultValue,
        SqsManagedSseEnabled: true,
        FifoQueue: fifo,
        ContentBasedDeduplication: false,
        ...(fifo ? { DeduplicationScope: 'queue', FifoThroughputLimit: 'perQueue' } : {}),
      };

  for (const name of NUMERIC_ATTRIBUTES) {
    if (name in given) {
      const { min, max, unit } = QUEUE_ATTRIBUTE_LIMITS[name];
      resolved[name] = integerInRange(
        InvalidAttributeValueError,
        name,
        given[name],
        min,
        max,
        unit,
      );
    }
  }

  if (!fifo) {
    for (const name of FIFO_ONLY_ATTRIBUTES) {
      if (name in given) {
        throw new InvalidAttributeNameError(
          `${name} applies only to FIFO queues (names ending in ${FIFO_SUFFIX} created with FifoQueue=true); remove it for the standard queue ${describeValue(ctx.queueName)}`,
          { field: name },
        );
      }
    }
  }
  if ('ContentBasedDeduplication' in given) {
    resolved.ContentBasedDeduplication = booleanValue(
      InvalidAttributeValueError,
      'ContentBasedDeduplication',
      given.ContentBasedDeduplication,
    );
  }
  if ('DeduplicationScope' in given) {
    resolved.DeduplicationScope = oneOf(
      InvalidAttributeValueError,
      'DeduplicationScope',
      given.DeduplicationScope,
      DEDUPLICATION_SCOPES,
    );
  }
  if ('FifoThroughputLimit' in given) {
    resolved.FifoThroughputLimit = oneOf(
      InvalidAttributeValueError,
      'FifoThroughputLimit',
      given.FifoThroughputLimit,
      FIFO_THROUGHPUT_LIMITS,
    );
  }
  if (
    resolved.FifoThroughputLimit === 'perMessageGroupId' &&
    resolved.DeduplicationScope !== 'messageGroup'
  ) {
    throw new InvalidAttributeValueError(
      `FifoThroughputLimit perMessageGroupId needs DeduplicationScope messageGroup; got DeduplicationScope ${describeValue(resolved.DeduplicationScope)}`,
      { field: 'FifoThroughputLimit' },
    );
  }

  if ('RedrivePolicy' in given) {
    assignOptional(resolved, 'RedrivePolicy', redrivePolicy(given.RedrivePolicy, fifo));
  }
  if ('RedriveAllowPolicy' in given) {
    assignOptional(resolved, 'RedriveAllowPolicy', redriveAllowPolicy(given.RedriveAllowPolicy));
  }
  if ('Policy' in given) {
    const policy = stringValue(InvalidAttributeValueError, 'Policy', given.Policy);
    assignOptional(
      resolved,
      'Policy',
      policy === '' ? undefined : policyDocument(InvalidAttributeValueError, 'Policy', policy),
    );
  }
  resolveSse(resolved, given, existing !== undefined);
  return resolved;
}

/** Whether two resolved attribute sets are the same (policy key order ignored). */
export function queueAttributesEqual(
  a: ResolvedQueueAttributes,
  b: ResolvedQueueAttributes,
): boolean {
  return sameAttributes(a, b);
}

/**
 * For `CreateQueue` on a name that exists: the attributes in `requested` whose values differ
 * from the queue's, as SQS compares them (only the attributes given). Non-empty means the broker
 * should throw `QueueNameExists`.
 */
export function conflictingQueueAttributes(
  existing: ResolvedQueueAttributes,
  requested: QueueAttributes,
  queueName: string,
): string[] {
  const resolved = resolveQueueAttributes(requested, { queueName });
  const given = Object.keys(
    definedAttributes(InvalidAttributeValueError, 'SQS queue', requested),
  ) as (keyof ResolvedQueueAttributes)[];
  return differingKeys(existing, resolved, given);
}

/**
 * Reads the wire form (every value a string: `'30'`, `'true'`, JSON policies) into
 * `QueueAttributes`. Text that is not a number or boolean is kept so that
 * `resolveQueueAttributes` reports it with the attribute's limits.
 */
export function parseQueueAttributeStrings(
  record: Readonly<Record<string, string>>,
): QueueAttributes {
  const attributes: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(record)) {
    if ((NUMERIC_ATTRIBUTES as readonly string[]).includes(name)) {
      attributes[name] = parseIntegerString(value);
    } else if ((BOOLEAN_ATTRIBUTES as readonly string[]).includes(name)) {
      attributes[name] = parseBooleanString(value);
    } else {
      attributes[name] = value;
    }
  }
  return attributes as QueueAttributes;
}

/** The wire form of resolved attributes, as `GetQueueAttributes` returns them. */
export function formatQueueAttributes(resolved: ResolvedQueueAttributes): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of QUEUE_ATTRIBUTE_NAMES) {
    const value = resolved[name as keyof ResolvedQueueAttributes];
    if (value === undefined) continue;
    if (!resolved.FifoQueue && (FIFO_ONLY_ATTRIBUTES as readonly string[]).includes(name)) continue;
    if (name === 'FifoQueue' && !resolved.FifoQueue) continue;
    out[name] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return out;
}

function rejectUnknownNames(given: Record<string, unknown>): void {
  for (const name of Object.keys(given)) {
    if ((QUEUE_ATTRIBUTE_NAMES as readonly string[]).includes(name)) continue;
    const readOnly = (READ_ONLY_QUEUE_ATTRIBUTE_NAMES as readonly string[]).includes(name);
    throw new InvalidAttributeNameError(
      readOnly
        ? `${name} is read-only: SQS computes it, so it cannot be set; remove it`
        : `Unknown queue attribute ${describeValue(name)}${didYouMean(name, QUEUE_ATTRIBUTE_NAMES)}; valid names are ${QUEUE_ATTRIBUTE_NAMES.join(', ')}`,
      { field: name },
    );
  }
}

function resolveFifo(given: Record<string, unknown>, ctx: QueueAttributesContext): boolean {
  return resolveFifoFlag({
    flag: 'FifoQueue',
    kind: 'queue',
    nameField: 'QueueName',
    name: ctx.queueName,
    requested:
      'FifoQueue' in given
        ? booleanValue(InvalidAttributeValueError, 'FifoQueue', given.FifoQueue)
        : undefined,
    existing: ctx.existing?.FifoQueue,
    changeError: InvalidAttributeNameError,
    nameError: InvalidParameterValueError,
  });
}

function redrivePolicy(value: unknown, fifo: boolean): RedrivePolicy | undefined {
  const field = 'RedrivePolicy';
  if (value === '') return undefined;
  const policy = jsonObject(InvalidAttributeValueError, field, value);
  rejectExtraKeys(field, policy, ['deadLetterTargetArn', 'maxReceiveCount']);
  const targetField = `${field}.deadLetterTargetArn`;
  const target = stringValue(InvalidAttributeValueError, targetField, policy.deadLetterTargetArn);
  const queueName = queueArnName(targetField, target);
  if (isFifoName(queueName) !== fifo) {
    throw new InvalidAttributeValueError(
      `${targetField} must name a ${fifo ? 'FIFO' : 'standard'} queue, like the source queue; got ${describeValue(target)}`,
      { field: targetField },
    );
  }
  const rawCount = policy.maxReceiveCount;
  const maxReceiveCount = integerInRange(
    InvalidAttributeValueError,
    `${field}.maxReceiveCount`,
    typeof rawCount === 'string' ? parseIntegerString(rawCount) : rawCount,
    MAX_RECEIVE_COUNT_LIMITS.min,
    MAX_RECEIVE_COUNT_LIMITS.max,
    'receives',
  );
  return { deadLetterTargetArn: target, maxReceiveCount };
}

function redriveAllowPolicy(value: unknown): RedriveAllowPolicy | undefined {
  const field = 'RedriveAllowPolicy';
  if (value === '') return undefined;
  const policy = jsonObject(InvalidAttributeValueError, field, value);
  rejectExtraKeys(field, policy, ['redrivePermission', 'sourceQueueArns']);
  const redrivePermission = oneOf(
    InvalidAttributeValueError,
    `${field}.redrivePermission`,
    policy.redrivePermission,
    REDRIVE_PERMISSIONS,
  );
  const arnsField = `${field}.sourceQueueArns`;
  const arns = policy.sourceQueueArns;
  if (redrivePermission !== 'byQueue') {
    if (arns !== undefined) {
      throw new InvalidAttributeValueError(
        `${arnsField} is allowed only with redrivePermission byQueue; got redrivePermission ${redrivePermission}`,
        { field: arnsField },
      );
    }
    return { redrivePermission };
  }
  if (!Array.isArray(arns) || arns.length < 1 || arns.length > MAX_REDRIVE_SOURCE_QUEUE_ARNS) {
    throw new InvalidAttributeValueError(
      `${arnsField} must list 1 to ${MAX_REDRIVE_SOURCE_QUEUE_ARNS} queue ARNs with redrivePermission byQueue; got ${describeValue(arns)}`,
      { field: arnsField },
    );
  }
  arns.forEach((arn: unknown, i) => {
    const itemField = `${arnsField}[${i}]`;
    queueArnName(itemField, stringValue(InvalidAttributeValueError, itemField, arn));
  });
  return { redrivePermission, sourceQueueArns: [...(arns as string[])] };
}

function queueArnName(field: string, arn: string): string {
  try {
    return parseQueueArn(arn, field).queueName;
  } catch {
    throw new InvalidAttributeValueError(
      `${field} must be an SQS queue ARN (arn:aws:sqs:<region>:<12-digit account>:<queue name>); got ${describeValue(arn)}`,
      { field },
    );
  }
}

function rejectExtraKeys(field: string, policy: Record<string, unknown>, allowed: string[]): void {
  for (const key of Object.keys(policy)) {
    if (!allowed.includes(key)) {
      throw new InvalidAttributeValueError(
        `${field} may only contain ${allowed.join(' and ')}; got key ${describeValue(key)}`,
        { field },
      );
    }
  }
}

/**
 * SSE-KMS (`KmsMasterKeyId`) and SSE-SQS (`SqsManagedSseEnabled`) exclude each other. New
 * queues get SSE-SQS unless a key is given; giving a key turns SSE-SQS off; `''` removes the key.
 */
function resolveSse(
  resolved: ResolvedQueueAttributes,
  given: Record<string, unknown>,
  isUpdate: boolean,
): void {
  const sseGiven =
    'SqsManagedSseEnabled' in given
      ? booleanValue(InvalidAttributeValueError, 'SqsManagedSseEnabled', given.SqsManagedSseEnabled)
      : undefined;
  if ('KmsMasterKeyId' in given) {
    const keyId = stringValue(InvalidAttributeValueError, 'KmsMasterKeyId', given.KmsMasterKeyId);
    if (keyId === '') {
      delete resolved.KmsMasterKeyId;
    } else {
      if (tryParseKmsKeyId(keyId) === undefined) {
        throw new InvalidAttributeValueError(
          `KmsMasterKeyId must be ${KMS_KEY_ID_FORMS}; got ${describeValue(keyId)}`,
          { field: 'KmsMasterKeyId' },
        );
      }
      resolved.KmsMasterKeyId = keyId;
      resolved.SqsManagedSseEnabled = false;
    }
  }
  if (sseGiven !== undefined) {
    resolved.SqsManagedSseEnabled = sseGiven;
  } else if (!isUpdate && resolved.KmsMasterKeyId !== undefined) {
    resolved.SqsManagedSseEnabled = false;
  }
  if (resolved.SqsManagedSseEnabled && resolved.KmsMasterKeyId !== undefined) {
    throw new InvalidAttributeValueError(
      `SqsManagedSseEnabled=true cannot be combined with KmsMasterKeyId ${describeValue(resolved.KmsMasterKeyId)}: a queue uses one kind of SSE. Set KmsMasterKeyId to '' to switch to SSE-SQS, or SqsManagedSseEnabled=false to keep SSE-KMS`,
      { field: 'SqsManagedSseEnabled' },
    );
  }
}

function assignOptional<K extends 'RedrivePolicy' | 'RedriveAllowPolicy' | 'Policy'>(
  target: ResolvedQueueAttributes,
  key: K,
  value: ResolvedQueueAttributes[K] | undefined,
): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}
