import { parsePlatformEndpointArn } from '@sealbus/core';
import type { EngineContext } from '../engine/EngineContext.js';
import type { PlatformEndpointRecord } from '../store/PlatformStore.js';
import type { TextFor } from '../topics/messageStructure.js';

export interface PushMessage {
  messageId: string;
  /** The text per protocol key of this publish (see `messageTexts`). */
  textFor: TextFor;
  now: number;
}

/**
 * Records what SNS would hand the endpoint's push service: the platform's own text of a
 * `MessageStructure=json` message (`GCM`, `APNS`, …) or `default`, else the message. Direct
 * publishes have no topic or subscription: those fields are empty.
 */
export function recordPushNotification(
  ctx: EngineContext,
  endpoint: PlatformEndpointRecord,
  via: { topicArn: string; subscriptionArn: string },
  message: PushMessage,
): void {
  const { platform } = parsePlatformEndpointArn(endpoint.arn);
  ctx.recorded.record({
    kind: 'Notification',
    protocol: 'application',
    endpoint: endpoint.arn,
    topicArn: via.topicArn,
    subscriptionArn: via.subscriptionArn,
    messageId: message.messageId,
    body: message.textFor(platform),
    timestamp: message.now,
  });
}

/**
 * The recording of one topic message for an `application` subscription, or undefined when SNS
 * would not deliver it: the endpoint was deleted, or is disabled (`Enabled=false`).
 */
export async function applicationDelivery(
  ctx: EngineContext,
  via: { topicArn: string; subscriptionArn: string; endpointArn: string },
  message: PushMessage,
): Promise<(() => void) | undefined> {
  const endpoint = await ctx.store.platforms.getEndpoint(via.endpointArn);
  if (endpoint === undefined || endpoint.attributes.Enabled === 'false') return undefined;
  return () => recordPushNotification(ctx, endpoint, via, message);
}
