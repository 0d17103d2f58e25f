import { type Broker, isSealbusError, TOKENS } from '@sealbus/core';

/** Sends through any backend: memory, SQLite or AWS. */
export async function submit(broker: Broker, order: { id: string }): Promise<string> {
  try {
    const queue = await broker.getQueue('orders');
    const { messageId } = await queue.send(JSON.stringify(order));
    return messageId;
  } catch (error) {
    // The same codes on every backend, e.g. AWS.SimpleQueueService.NonExistentQueue.
    if (isSealbusError(error)) throw new Error(`${error.code}: ${error.message}`, { cause: error });
    throw error;
  }
}

// Tokens are typed: with inversify, container.get(TOKENS.Broker) is a Broker.
export const brokerToken = TOKENS.Broker;
