import {
  describeValue,
  InvalidParameterValueError,
  MessageNotInflightError,
  NotFoundError,
  OverLimitError,
  QueueDoesNotExistError,
  ReceiptHandleIsInvalidError,
  ResourceNotFoundError,
  type SealbusError,
} from '@sealbus/core';
import { isStoreMiss, type StoreMiss } from './StoreMiss.js';

/** The AWS error for a store miss: the one place a store outcome becomes a wire error. */
export function storeMissError(miss: StoreMiss): SealbusError {
  switch (miss.miss) {
    case 'queueMissing':
      return new QueueDoesNotExistError(
        `Queue ${describeValue(miss.queueName)} does not exist (never created, or deleted). Create it with createQueue first.`,
        { field: 'QueueUrl' },
      );
    case 'topicMissing':
      // SNS answers NotFound for every action on a topic that does not exist.
      return new NotFoundError(
        `Topic ${describeValue(miss.topicName)} does not exist. Create it with createTopic first.`,
        { field: 'TopicArn' },
      );
    case 'subscriptionMissing':
      return new NotFoundError(
        `Subscription ${describeValue(miss.subscriptionArn)} does not exist. Subscribe the queue to the topic first.`,
        { field: 'SubscriptionArn' },
      );
    case 'receiptStale':
      return new ReceiptHandleIsInvalidError(
        `ReceiptHandle ${describeValue(miss.receiptHandle)} is not the current handle of a message in queue ${describeValue(miss.queueName)}: the message was deleted or received again since (each receive issues a new handle), or the handle is from another queue. Use the handle from the latest receive.`,
        { field: 'ReceiptHandle' },
      );
    case 'notInFlight':
      return new MessageNotInflightError(
        `The message with ReceiptHandle ${describeValue(miss.receiptHandle)} in queue ${describeValue(miss.queueName)} is not in flight: its visibility timeout has already ended. Receive it again before changing its visibility.`,
        { field: 'ReceiptHandle' },
      );
    case 'moveDestinationMissing':
      return new ResourceNotFoundError(
        `Destination queue ${describeValue(miss.queueName)} of message ${miss.messageId} does not exist. Recreate it or pass another destinationArn.`,
        { field: 'DestinationArn' },
      );
    case 'moveSourceUnknown':
      return new InvalidParameterValueError(
        `Message ${miss.messageId} in ${miss.queueName} was not dead-lettered from another queue, so it has no source to return to. Pass destinationArn to move it.`,
        { field: 'DestinationArn' },
      );
    case 'platformApplicationMissing':
      return new NotFoundError(
        `Platform application ${describeValue(miss.applicationArn)} does not exist. Create it with createPlatformApplication first.`,
        { field: 'PlatformApplicationArn' },
      );
    case 'platformEndpointMissing':
      return new NotFoundError(
        `Platform endpoint ${describeValue(miss.endpointArn)} does not exist. Create it with createPlatformEndpoint first.`,
        { field: 'EndpointArn' },
      );
    case 'capacityExhausted':
      return new OverLimitError(miss.detail, { field: miss.field });
  }
}

/** The result of a store call, or the miss thrown as its AWS error. */
export function orThrow<T>(result: T | StoreMiss): T {
  if (isStoreMiss(result)) throw storeMissError(result);
  return result;
}
