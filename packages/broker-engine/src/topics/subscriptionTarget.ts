import {
  InvalidParameterError,
  isE164,
  isQueueArn,
  type Queue,
  type SubscriptionProtocol,
  type SubscriptionTarget,
} from '@sealbus/core';
import { checkEndpointUrl } from './push/endpointUrl.js';

/** Why sealbus refuses these SNS protocols: nothing local could receive them. */
const REFUSED_PROTOCOLS: Readonly<Record<string, string>> = {
  lambda: 'sealbus runs no AWS Lambda functions; subscribe an http endpoint or an SQS queue',
  firehose: 'sealbus runs no Amazon Data Firehose streams; subscribe an SQS queue',
};

const PUSH_PROTOCOLS: readonly SubscriptionProtocol[] = ['http', 'https'];

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export interface TargetRules {
  fifoTopic: boolean;
  /** Undefined when the broker has no http/https delivery configured. */
  allowNonLoopback: boolean | undefined;
}

/**
 * The protocol and endpoint of a `subscribe` call, validated as the SNS `Subscribe` reference
 * does: an `sqs` endpoint is a queue ARN (the queue need not exist yet), http/https endpoints
 * are URLs of their scheme, `sms` endpoints E.164 numbers, `email`/`email-json` addresses. A FIFO
 * topic takes only SQS subscriptions (FIFO or standard queues); a standard topic refuses FIFO
 * queues.
 */
export function resolveTarget(target: Queue | SubscriptionTarget, rules: TargetRules) {
  const { protocol, endpoint } =
    'protocol' in target ? target : { protocol: 'sqs' as const, endpoint: target.arn };
  if (typeof protocol !== 'string' || (protocol as string) === '') {
    throw new InvalidParameterError('Invalid parameter: Protocol', { field: 'Protocol' });
  }
  const refused = REFUSED_PROTOCOLS[protocol];
  if (refused !== undefined) {
    throw new InvalidParameterError(`Invalid parameter: Protocol Reason: ${refused}`, {
      field: 'Protocol',
    });
  }
  if (protocol === 'sqs') {
    if (!isQueueArn(endpoint)) {
      throw new InvalidParameterError('Invalid parameter: SQS endpoint ARN', { field: 'Endpoint' });
    }
    if (endpoint.endsWith('.fifo') && !rules.fifoTopic) {
      throw new InvalidParameterError(
        'Invalid parameter: Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics',
        { field: 'Endpoint' },
      );
    }
    return { protocol, endpoint } as const;
  }
  if (rules.fifoTopic) {
    throw new InvalidParameterError(
      'Invalid parameter: Invalid parameter: Endpoint Reason: Please use FIFO SQS queue',
      { field: 'Endpoint' },
    );
  }
  if (protocol === 'sms') {
    if (!isE164(endpoint)) {
      throw new InvalidParameterError(`Invalid SMS endpoint: ${endpoint.slice(0, 64)}`, {
        field: 'Endpoint',
      });
    }
    return { protocol, endpoint } as const;
  }
  if (protocol === 'email' || protocol === 'email-json') {
    if (!EMAIL.test(endpoint) || endpoint.length > 254) {
      throw new InvalidParameterError('Invalid parameter: Email address', { field: 'Endpoint' });
    }
    return { protocol, endpoint } as const;
  }
  if ((PUSH_PROTOCOLS as readonly string[]).includes(protocol)) {
    if (rules.allowNonLoopback === undefined) {
      throw new InvalidParameterError(
        `Invalid parameter: Protocol Reason: ${protocol} delivery is not configured on this broker; pass the snsHttp option (the gateway does)`,
        { field: 'Protocol' },
      );
    }
    checkEndpointUrl(protocol as 'http' | 'https', endpoint, rules.allowNonLoopback);
    return { protocol: protocol as 'http' | 'https', endpoint } as const;
  }
  throw new InvalidParameterError(
    `Invalid parameter: Amazon SNS does not support this protocol string: ${protocol.slice(0, 64)}`,
    { field: 'Protocol' },
  );
}
