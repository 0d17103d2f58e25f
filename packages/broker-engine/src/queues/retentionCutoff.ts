import type { QueueRecord } from '../store/MessageStore.js';

/** The retention cut-off at `now`: messages sent before it are past `MessageRetentionPeriod`. */
export function retentionCutoff(queue: QueueRecord, now: number): number {
  return now - queue.attributes.MessageRetentionPeriod * 1000;
}
