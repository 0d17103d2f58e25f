import type { Broker, Topic } from '@sealbus/core';
import { type ActionInput, requiredString } from '../input.js';

/** SNS returns at most 100 topics or subscriptions per page. */
export const PAGE_SIZE = 100;

/** Looks up the topic a request's `TopicArn` names. */
export function topicLookup(broker: Broker): (input: ActionInput) => Promise<Topic> {
  return (input) => broker.getTopic(requiredString(input, 'TopicArn'));
}
