import type { IncomingHttpHeaders } from 'node:http';
import type { Broker } from '@sealbus/core';
import { requestFormPairs } from '../protocols/form.js';
import { isAwsRegionName } from '../regions/requestRegion.js';

/** A region's broker if the gateway has it open; a link never opens a region. */
export type OpenBroker = (region: string) => Broker | undefined;

/**
 * Whether a request is one of the links SNS puts in http/https messages, which their receivers
 * open without AWS credentials: `SubscribeURL` (ConfirmSubscription, which needs the secret
 * token) and `UnsubscribeURL` (only for an http/https subscription, whose ARN the message named).
 * Returns the region the link is for — the region of the ARN it carries, as every region's
 * links point at the same gateway — or `undefined` when it is no such link (authentication then
 * refuses it). An unsigned request reaches only regions already open, so it cannot make the
 * gateway open brokers (SQLite files).
 */
export async function unsignedSubscriptionLinkRegion(
  operation: string,
  request: { method: string; query: string; headers: IncomingHttpHeaders; body: Uint8Array },
  defaultRegion: string,
  brokerOf: OpenBroker,
): Promise<string | undefined> {
  if (request.method !== 'GET' || request.headers.authorization !== undefined) return undefined;
  if (operation !== 'ConfirmSubscription' && operation !== 'Unsubscribe') return undefined;
  const parameters = new Map(requestFormPairs(request, true));
  const arn = parameters.get(operation === 'Unsubscribe' ? 'SubscriptionArn' : 'TopicArn');
  const named = arn?.split(':')[3];
  const region =
    named !== undefined && isAwsRegionName(named) && brokerOf(named) !== undefined
      ? named
      : defaultRegion;
  if (operation === 'ConfirmSubscription') return region;
  const broker = brokerOf(region);
  if (arn === undefined || broker === undefined) return undefined;
  try {
    const { protocol } = await broker.getSubscription(arn);
    return protocol === 'http' || protocol === 'https' ? region : undefined;
  } catch {
    // Unknown ARN: authentication refuses the request, revealing nothing.
    return undefined;
  }
}
