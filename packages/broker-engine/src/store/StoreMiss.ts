/**
 * The expected misses of a `MessageStore` call, returned instead of thrown. Only the engine turns
 * them into AWS errors (`storeMissError`), so every store reports the same miss the same way and
 * the wire text is written once.
 */
export type StoreMiss =
  | QueueMissing
  | TopicMissing
  | SubscriptionMissing
  | ReceiptStale
  | NotInFlight
  | MoveMiss
  | CapacityExhausted
  | PlatformApplicationMissing
  | PlatformEndpointMissing;

/** The named queue does not exist (never created, or deleted, possibly by another process). */
export interface QueueMissing {
  readonly miss: 'queueMissing';
  readonly queueName: string;
}

export interface TopicMissing {
  readonly miss: 'topicMissing';
  readonly topicName: string;
}

export interface SubscriptionMissing {
  readonly miss: 'subscriptionMissing';
  readonly subscriptionArn: string;
}

export interface PlatformApplicationMissing {
  readonly miss: 'platformApplicationMissing';
  readonly applicationArn: string;
}

export interface PlatformEndpointMissing {
  readonly miss: 'platformEndpointMissing';
  readonly endpointArn: string;
}

/** The handle is not the current one of a message in the queue: deleted, received again, foreign. */
export interface ReceiptStale {
  readonly miss: 'receiptStale';
  readonly queueName: string;
  readonly receiptHandle: string;
}

/** The handle is current but its message is visible again: its visibility timeout ended. */
export interface NotInFlight {
  readonly miss: 'notInFlight';
  readonly queueName: string;
  readonly receiptHandle: string;
}

/** A move's destination queue does not exist; nothing moved. */
export interface MoveDestinationMissing {
  readonly miss: 'moveDestinationMissing';
  readonly queueName: string;
  readonly messageId: string;
}

/** A move without a destination met a message that was never dead-lettered; nothing moved. */
export interface MoveSourceUnknown {
  readonly miss: 'moveSourceUnknown';
  readonly queueName: string;
  readonly messageId: string;
}

export type MoveMiss = QueueMissing | MoveDestinationMissing | MoveSourceUnknown;

/**
 * The store ran out of room of its own (ids, sequence ranges): nothing was written. `detail`
 * says what ran out and what frees it, in the store's terms.
 */
export interface CapacityExhausted {
  readonly miss: 'capacityExhausted';
  readonly field: string;
  readonly detail: string;
}

/** Whether a store result is a miss. Records, arrays, numbers and `undefined` never are. */
export function isStoreMiss(value: unknown): value is StoreMiss {
  return typeof value === 'object' && value !== null && 'miss' in value;
}

export const queueMissing = (queueName: string): QueueMissing => ({
  miss: 'queueMissing',
  queueName,
});

export const topicMissing = (topicName: string): TopicMissing => ({
  miss: 'topicMissing',
  topicName,
});

export const subscriptionMissing = (subscriptionArn: string): SubscriptionMissing => ({
  miss: 'subscriptionMissing',
  subscriptionArn,
});

export const receiptStale = (queueName: string, receiptHandle: string): ReceiptStale => ({
  miss: 'receiptStale',
  queueName,
  receiptHandle,
});

export const notInFlight = (queueName: string, receiptHandle: string): NotInFlight => ({
  miss: 'notInFlight',
  queueName,
  receiptHandle,
});

export const moveDestinationMissing = (
  queueName: string,
  messageId: string,
): MoveDestinationMissing => ({ miss: 'moveDestinationMissing', queueName, messageId });

export const capacityExhausted = (field: string, detail: string): CapacityExhausted => ({
  miss: 'capacityExhausted',
  field,
  detail,
});

export const platformApplicationMissing = (applicationArn: string): PlatformApplicationMissing => ({
  miss: 'platformApplicationMissing',
  applicationArn,
});

export const platformEndpointMissing = (endpointArn: string): PlatformEndpointMissing => ({
  miss: 'platformEndpointMissing',
  endpointArn,
});
