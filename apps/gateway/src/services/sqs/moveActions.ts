import type { Broker, MoveTask } from '@sealbus/core';
import type { SqsActions } from '../../protocols/sqs-query.js';
import { optionalInteger, optionalString, requiredString } from '../input.js';
import { queueLookup, queueUrlPage } from './queueRefs.js';

/** SQS dead-letter queues: their sources and message move tasks (redrive). */
export function sqsMoveActions(broker: Broker) {
  const queueFor = queueLookup(broker);

  return {
    async ListDeadLetterSourceQueues(input, context) {
      const queue = await queueFor(input);
      const sources = await broker.listDeadLetterSourceQueues(queue.name);
      const page = queueUrlPage(sources, input, context);
      return { queueUrls: page.urls, NextToken: page.nextToken };
    },

    async StartMessageMoveTask(input) {
      const task = await broker.startMessageMove({
        sourceArn: requiredString(input, 'SourceArn'),
        destinationArn: optionalString(input, 'DestinationArn'),
        maxPerSecond: optionalInteger(input, 'MaxNumberOfMessagesPerSecond'),
      });
      return { TaskHandle: task.taskHandle };
    },

    async ListMessageMoveTasks(input) {
      const tasks = await broker.listMessageMoveTasks(
        requiredString(input, 'SourceArn'),
        optionalInteger(input, 'MaxResults'),
      );
      return { Results: tasks.map(wireMoveTask) };
    },

    async CancelMessageMoveTask(input) {
      const task = await broker.cancelMessageMoveTask(requiredString(input, 'TaskHandle'));
      return { ApproximateNumberOfMessagesMoved: task.approximateNumberOfMessagesMoved };
    },
  } satisfies Partial<SqsActions>;
}

function wireMoveTask(task: MoveTask): Record<string, unknown> {
  return {
    TaskHandle: task.status === 'RUNNING' ? task.taskHandle : undefined,
    Status: task.status,
    SourceArn: task.sourceArn,
    DestinationArn: task.destinationArn,
    MaxNumberOfMessagesPerSecond: task.maxNumberOfMessagesPerSecond,
    ApproximateNumberOfMessagesMoved: task.approximateNumberOfMessagesMoved,
    ApproximateNumberOfMessagesToMove: task.approximateNumberOfMessagesToMove,
    FailureReason: task.failureReason,
    StartedTimestamp: task.startedTimestamp,
  };
}
