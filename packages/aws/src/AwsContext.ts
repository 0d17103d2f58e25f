import type { KMSClient } from '@aws-sdk/client-kms';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { SQSClient } from '@aws-sdk/client-sqs';
import {
  type ArnContext,
  BrokerClosedError,
  type Clock,
  type MessageAttributes,
  md5OfMessageAttributes,
  md5OfMessageBody,
  parseQueueUrl,
  queueArn,
} from '@sealbus/core';
import type { ClientPool } from './clients/ClientPool.js';
import type { ClientSideSealer } from './sse/ClientSideSealer.js';

/** What every queue and topic handle of one AWS broker shares. */
export interface AwsContext {
  /** The clients with the broker's own credentials. */
  readonly sqs: SQSClient;
  readonly sns: SNSClient;
  /** Used only to open (and, with `clientSideEncryption`, seal) client-side envelopes. */
  readonly kms: KMSClient;
  /** The clients per principal, for calls that name one (see `credentialsForPrincipal`). */
  readonly clients: ClientPool;
  readonly region: string;
  readonly clock: Clock;
  /** Opens client-side envelopes always; seals outgoing bodies when `clientSideEncryption` is set. */
  readonly sealer: ClientSideSealer;
  readonly unwrapSnsNotifications: boolean;
  /** Queue ARNs by URL, learned from URLs or `GetQueueAttributes`. */
  readonly queueArns: Map<string, string>;
  /** Aborted by `close()`: ends long polls and refuses further calls. */
  readonly closing: AbortController;
}

/** Throws `BrokerClosedError` once the broker is closed, like the local backends. */
export function assertOpen(ctx: Pick<AwsContext, 'closing'>): void {
  if (ctx.closing.signal.aborted) {
    throw new BrokerClosedError(
      'The AWS broker is closed: its SDK clients were destroyed. Create a new broker with createAwsBroker',
    );
  }
}

/** The ARN partition of a region: `aws-cn` for China, `aws-us-gov` for GovCloud. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export function arnContext(ctx: Pick<AwsContext, 'region'>, accountId?: string): ArnContext {
  return {
    region: ctx.region,
    partition: partitionOf(ctx.region),
    ...(accountId === undefined ? {} : { accountId }),
  };
}

/** A queue's ARN from its URL `…/<account>/<name>`, or undefined when the URL has no account. */
export function queueArnFromUrl(ctx: Pick<AwsContext, 'region'>, url: string): string | undefined {
  const parsed = parseQueueUrl(url);
  if (parsed.accountId === undefined) return undefined;
  return queueArn(parsed.queueName, arnContext(ctx, parsed.accountId));
}

/** MD5 fields of a message as the local backends report them: over the body and the caller's attributes. */
export function messageDigests(
  body: string,
  attributes: MessageAttributes | undefined,
): { md5OfMessageBody: string; md5OfMessageAttributes?: string } {
  const md5OfAttributes = md5OfMessageAttributes(attributes);
  return {
    md5OfMessageBody: md5OfMessageBody(body),
    ...(md5OfAttributes === undefined ? {} : { md5OfMessageAttributes: md5OfAttributes }),
  };
}
