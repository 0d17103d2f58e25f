import type { Broker, Queue, Topic } from '@sealbus/core';
import { PRESCRIBING_RECORD_TYPES } from '../records/PatientRecord.js';
import type { KeyAdmin } from './KeyAdmin.js';
import {
  deadLetterQueueName,
  INTEGRATIONS,
  type Integration,
  MAX_RECEIVE_COUNT,
  REUSE_PERIOD_SECONDS,
  TOPIC_KEY_ALIAS,
  TOPIC_NAME,
} from './names.js';

export interface IntegrationQueues {
  integration: Integration;
  queue: Queue;
  deadLetterQueue: Queue;
}

export interface Topology {
  topic: Topic;
  integrations: IntegrationQueues[];
}

/**
 * Creates (or finds, on later runs) the keys, the encrypted topic, the encrypted queues with their
 * encrypted DLQs and the subscriptions. Every resource has its own CMK, as the seed scenario asks.
 */
export async function setUpTopology(broker: Broker, keys: KeyAdmin): Promise<Topology> {
  await keys.ensureKey(TOPIC_KEY_ALIAS, 'Patient-Records topic (SNS SSE)');
  const topic = await broker.createTopic(TOPIC_NAME, { KmsMasterKeyId: TOPIC_KEY_ALIAS });
  const integrations: IntegrationQueues[] = [];
  for (const integration of INTEGRATIONS) {
    const keyArn = await keys.ensureKey(integration.keyAlias, `${integration.queueName} (SQS SSE)`);
    if ('deniedDecrypt' in integration) await keys.denyDecrypt(keyArn, integration.principal);
    const sse = {
      KmsMasterKeyId: integration.keyAlias,
      KmsDataKeyReusePeriodSeconds: REUSE_PERIOD_SECONDS,
    };
    const deadLetterQueue = await broker.createQueue(deadLetterQueueName(integration.queueName), {
      ...sse,
      MessageRetentionPeriod: 1_209_600,
    });
    const queue = await broker.createQueue(integration.queueName, {
      ...sse,
      VisibilityTimeout: 30,
      RedrivePolicy: {
        deadLetterTargetArn: deadLetterQueue.arn,
        maxReceiveCount: MAX_RECEIVE_COUNT,
      },
    });
    await topic.subscribe(queue, {
      rawMessageDelivery: true,
      ...('filtered' in integration
        ? { filterPolicy: { recordType: [...PRESCRIBING_RECORD_TYPES] } }
        : {}),
    });
    integrations.push({ integration, queue, deadLetterQueue });
  }
  return { topic, integrations };
}

/**
 * Empties every queue of the topology so a run reports only its own messages; returns how many
 * messages of earlier runs each queue held (approximate, as SQS counts).
 */
export async function purgeTopology(topology: Topology): Promise<Array<[string, number]>> {
  const removed: Array<[string, number]> = [];
  for (const { queue, deadLetterQueue } of topology.integrations) {
    for (const q of [queue, deadLetterQueue]) {
      const attributes = await q.getAttributes();
      const held =
        attributes.ApproximateNumberOfMessages +
        attributes.ApproximateNumberOfMessagesNotVisible +
        attributes.ApproximateNumberOfMessagesDelayed;
      await q.purge();
      removed.push([q.name, held]);
    }
  }
  return removed;
}
