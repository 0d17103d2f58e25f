import type { IncomingHttpHeaders } from 'node:http';
import type { Broker } from '@sealbus/core';
import { requestFormPairs } from '../protocols/form.js';

/**
 * Whether a request is one of the links SNS puts in http/https messages, which their receivers
 * open without AWS credentials: `SubscribeURL` (ConfirmSubscription, which needs the secret
 * token) and `UnsubscribeURL` (only for an http/https subscription, whose ARN the message named).
 */
export async function isUnsignedSubscriptionLink(
  broker: Broker,
  operation: string,
  request: { method: string; query: string; headers: IncomingHttpHeaders; body: Uint8Array },
): Promise<boolean> {
  if (request.method !== 'GET' || request.headers.authorization !== undefined) return false;
  if (operation === 'ConfirmSubscription') return true;
  if (operation !== 'Unsubscribe') return false;
  const arn = new Map(requestFormPairs(request, true)).get('SubscriptionArn');
  if (arn === undefined) return false;
  try {
    const { protocol } = await broker.getSubscription(arn);
    return protocol === 'http' || protocol === 'https';
  } catch {
    // Unknown ARN: authentication refuses the request, revealing nothing.
    return false;
  }
}
