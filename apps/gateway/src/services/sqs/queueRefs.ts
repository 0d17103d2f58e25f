import {
  type Broker,
  DEFAULT_ACCOUNT_ID,
  parseQueueArn,
  parseQueueUrl,
  type Queue,
  queueNameFrom,
  queueUrl,
} from '@sealbus/core';
import type { ActionContext } from '../context.js';
import { type ActionInput, optionalInteger, optionalString, requiredString } from '../input.js';
import { pageAfter } from '../pagination.js';

const LIST_QUEUES_MAX = 1000;

/** Looks up the queue a request's `QueueUrl` names. */
export function queueLookup(broker: Broker): (input: ActionInput) => Promise<Queue> {
  return (input) => broker.getQueue(queueNameFrom(requiredString(input, 'QueueUrl'), 'QueueUrl'));
}

/** A queue's name and account from its ARN or URL (backends may report either). */
function queueReference(arnOrUrl: string): { queueName: string; accountId?: string } {
  return arnOrUrl.startsWith('arn:') ? parseQueueArn(arnOrUrl) : parseQueueUrl(arnOrUrl);
}

function byQueueName(a: { queueName: string }, b: { queueName: string }): number {
  return a.queueName < b.queueName ? -1 : a.queueName > b.queueName ? 1 : 0;
}

/** The queue's URL on the host the client used, so the client can reach it. */
export function urlOf(queue: Queue, context: ActionContext): string {
  return reachableUrl(queue.name, parseQueueArn(queue.arn).accountId, context);
}

export function reachableUrl(
  name: string,
  accountId: string | undefined,
  context: ActionContext,
): string {
  return queueUrl(name, { baseUrl: context.origin, accountId: accountId ?? DEFAULT_ACCOUNT_ID });
}

/**
 * One page of queues (given by ARN or URL) as ListQueues and ListDeadLetterSourceQueues answer
 * it: URLs on the request's host, by name, `MaxResults` and `NextToken` from the input.
 */
export function queueUrlPage(
  arnsOrUrls: readonly string[],
  input: ActionInput,
  context: ActionContext,
): { urls: string[]; nextToken: string | undefined } {
  const maxResults = optionalInteger(input, 'MaxResults', { min: 1, max: LIST_QUEUES_MAX });
  const queues = arnsOrUrls.map(queueReference).sort(byQueueName);
  const page = pageAfter(queues, (q) => q.queueName, {
    pageSize: maxResults ?? LIST_QUEUES_MAX,
    nextToken: optionalString(input, 'NextToken'),
  });
  return {
    urls: page.items.map((q) => reachableUrl(q.queueName, q.accountId, context)),
    // SQS returns a NextToken only to callers that paginate with MaxResults.
    nextToken: maxResults === undefined ? undefined : page.nextToken,
  };
}
