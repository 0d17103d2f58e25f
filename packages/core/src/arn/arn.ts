import { describeValue } from '../errors/SealbusError.js';
import { InvalidParameterError } from '../errors/sns.js';
import { InvalidParameterValueError } from '../errors/sqs.js';
import { isValidQueueName, isValidTopicName } from '../validation/names.js';

export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_ACCOUNT_ID = '000000000000';
/** Where local backends say their queues live; the gateway's default address. */
export const DEFAULT_QUEUE_BASE_URL = 'http://127.0.0.1:4566';

/** Region and account an ARN is built for. @defaultValue us-east-1 / 000000000000 */
export interface ArnContext {
  region?: string;
  accountId?: string;
  /** @defaultValue 'aws' */
  partition?: string;
}

export interface QueueUrlContext {
  /** Scheme, host and optional path prefix, without a trailing slash. @defaultValue DEFAULT_QUEUE_BASE_URL */
  baseUrl?: string;
  /** @defaultValue DEFAULT_ACCOUNT_ID */
  accountId?: string;
}

/** The parts of `arn:<partition>:<service>:<region>:<accountId>:<resource>`. */
export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

export interface ParsedQueueArn {
  partition: string;
  region: string;
  accountId: string;
  queueName: string;
}

export interface ParsedTopicArn {
  partition: string;
  region: string;
  accountId: string;
  topicName: string;
}

export interface ParsedQueueUrl {
  /** Absent when the URL path is just `/<name>`. */
  accountId?: string;
  queueName: string;
}

const PARTITION = /^aws(-[a-z]+)*$/;
const SERVICE = /^[a-z0-9-]+$/;
const REGION = /^[a-z0-9-]*$/;
const ACCOUNT_ID = /^(\d{12})?$/;

/** Splits an ARN into its six parts; region and account may be empty (as for S3). */
export function parseArn(arn: string, field = 'Arn'): ParsedArn {
  const parts = typeof arn === 'string' ? arn.split(':') : [];
  const [prefix, partition, service, region, accountId] = parts;
  const resource = parts.slice(5).join(':');
  if (
    parts.length < 6 ||
    prefix !== 'arn' ||
    !PARTITION.test(partition!) ||
    !SERVICE.test(service!) ||
    !REGION.test(region!) ||
    !ACCOUNT_ID.test(accountId!) ||
    resource.length === 0
  ) {
    throw new InvalidParameterValueError(
      `${field} must be an ARN of the form arn:<partition>:<service>:<region>:<12-digit account>:<resource>; got ${describeValue(arn)}`,
      { field },
    );
  }
  return {
    partition: partition!,
    service: service!,
    region: region!,
    accountId: accountId!,
    resource,
  };
}

export function queueArn(name: string, context: ArnContext = {}): string {
  return buildArn('sqs', name, context);
}

/** Parses an SQS queue ARN; the resource must be a valid queue name. */
export function parseQueueArn(arn: string, field = 'QueueArn'): ParsedQueueArn {
  const parsed = parseArnOf('sqs', arn, field, InvalidParameterValueError);
  if (!isValidQueueName(parsed.resource)) {
    throw new InvalidParameterValueError(
      `${field} must be an SQS queue ARN arn:aws:sqs:<region>:<12-digit account>:<queue name>; got ${describeValue(arn)}`,
      { field },
    );
  }
  return {
    partition: parsed.partition,
    region: parsed.region,
    accountId: parsed.accountId,
    queueName: parsed.resource,
  };
}

export function isQueueArn(value: string): boolean {
  return tryParse(() => parseQueueArn(value)) !== undefined;
}

/** `<baseUrl>/<accountId>/<name>`, the SQS queue URL layout. */
export function queueUrl(name: string, context: QueueUrlContext = {}): string {
  const baseUrl = (context.baseUrl ?? DEFAULT_QUEUE_BASE_URL).replace(/\/+$/, '');
  return `${baseUrl}/${context.accountId ?? DEFAULT_ACCOUNT_ID}/${name}`;
}

/**
 * Parses a queue URL on any host whose path ends in `/<12-digit account>/<name>` or is `/<name>`.
 */
export function parseQueueUrl(url: string, field = 'QueueUrl'): ParsedQueueUrl {
  const parsed = tryParse(() => new URL(url));
  const segments = parsed?.pathname.split('/').slice(1).map(decodeSegment) ?? [];
  const queueName = segments.at(-1);
  const accountId = segments.length === 2 ? segments[0] : undefined;
  const wellFormed =
    parsed !== undefined &&
    (parsed.protocol === 'http:' || parsed.protocol === 'https:') &&
    (segments.length === 1 || (segments.length === 2 && /^\d{12}$/.test(accountId ?? ''))) &&
    queueName !== undefined &&
    isValidQueueName(queueName);
  if (!wellFormed) {
    throw new InvalidParameterValueError(
      `${field} must be a queue URL like ${queueUrl('my-queue')} (path /<12-digit account>/<queue name> or /<queue name>); got ${describeValue(url)}`,
      { field },
    );
  }
  return accountId === undefined ? { queueName: queueName! } : { accountId, queueName: queueName! };
}

/** The queue name from a name, a queue URL or a queue ARN. */
export function queueNameFrom(nameOrUrlOrArn: string, field = 'QueueUrl'): string {
  if (typeof nameOrUrlOrArn === 'string') {
    if (nameOrUrlOrArn.startsWith('arn:')) return parseQueueArn(nameOrUrlOrArn, field).queueName;
    if (/^https?:\/\//i.test(nameOrUrlOrArn)) return parseQueueUrl(nameOrUrlOrArn, field).queueName;
    if (isValidQueueName(nameOrUrlOrArn)) return nameOrUrlOrArn;
  }
  throw new InvalidParameterValueError(
    `${field} must be a queue name, a queue URL (${queueUrl('my-queue')}) or a queue ARN (${queueArn('my-queue')}); got ${describeValue(nameOrUrlOrArn)}`,
    { field },
  );
}

export function topicArn(name: string, context: ArnContext = {}): string {
  return buildArn('sns', name, context);
}

/** Parses an SNS topic ARN; the resource must be a valid topic name. */
export function parseTopicArn(arn: string, field = 'TopicArn'): ParsedTopicArn {
  const parsed = parseArnOf('sns', arn, field, InvalidParameterError);
  if (!isValidTopicName(parsed.resource)) {
    throw new InvalidParameterError(
      `${field} must be an SNS topic ARN arn:aws:sns:<region>:<12-digit account>:<topic name>; got ${describeValue(arn)}`,
      { field },
    );
  }
  return {
    partition: parsed.partition,
    region: parsed.region,
    accountId: parsed.accountId,
    topicName: parsed.resource,
  };
}

/** The topic name from a name or a topic ARN. */
export function topicNameFrom(nameOrArn: string, field = 'TopicArn'): string {
  if (typeof nameOrArn === 'string') {
    if (nameOrArn.startsWith('arn:')) return parseTopicArn(nameOrArn, field).topicName;
    if (isValidTopicName(nameOrArn)) return nameOrArn;
  }
  throw new InvalidParameterError(
    `${field} must be a topic name or a topic ARN (${topicArn('my-topic')}); got ${describeValue(nameOrArn)}`,
    { field },
  );
}

/** `<topicArn>:<subscription id>`, as SNS builds subscription ARNs. */
export function subscriptionArn(topic: string, id: string): string {
  return `${topic}:${id}`;
}

export interface ParsedSubscriptionArn extends ParsedTopicArn {
  topicArn: string;
  subscriptionId: string;
}

export function parseSubscriptionArn(
  arn: string,
  field = 'SubscriptionArn',
): ParsedSubscriptionArn {
  const cut = typeof arn === 'string' ? arn.lastIndexOf(':') : -1;
  const topic = cut > 0 ? arn.slice(0, cut) : '';
  const subscriptionId = cut > 0 ? arn.slice(cut + 1) : '';
  const parsedTopic = tryParse(() => parseTopicArn(topic));
  if (parsedTopic === undefined || !/^[A-Za-z0-9-]+$/.test(subscriptionId)) {
    throw new InvalidParameterError(
      `${field} must be <topic ARN>:<subscription id>, e.g. ${subscriptionArn(topicArn('my-topic'), '<uuid>')}; got ${describeValue(arn)}`,
      { field },
    );
  }
  return { ...parsedTopic, topicArn: topic, subscriptionId };
}

/** `arn:aws:kms:<region>:<account>:key/<keyId>`. */
export function kmsKeyArn(keyId: string, context: ArnContext = {}): string {
  return buildArn('kms', `key/${keyId}`, context);
}

/** `arn:aws:kms:<region>:<account>:alias/<name>`; `aliasName` includes the `alias/` prefix. */
export function kmsAliasArn(aliasName: string, context: ArnContext = {}): string {
  return buildArn('kms', aliasName, context);
}

function buildArn(service: string, resource: string, context: ArnContext): string {
  const partition = context.partition ?? 'aws';
  const region = context.region ?? DEFAULT_REGION;
  const accountId = context.accountId ?? DEFAULT_ACCOUNT_ID;
  return `arn:${partition}:${service}:${region}:${accountId}:${resource}`;
}

type ErrorClass = new (message: string, options: { field: string }) => Error;

function parseArnOf(service: string, arn: string, field: string, error: ErrorClass): ParsedArn {
  const parsed = tryParse(() => parseArn(arn, field));
  if (parsed === undefined || parsed.service !== service || parsed.accountId === '') {
    throw new error(
      `${field} must be an ${service.toUpperCase()} ARN arn:aws:${service}:<region>:<12-digit account>:<name>; got ${describeValue(arn)}`,
      { field },
    );
  }
  return parsed;
}

function decodeSegment(segment: string): string {
  return tryParse(() => decodeURIComponent(segment)) ?? segment;
}

function tryParse<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch {
    return undefined;
  }
}
