import type { Clock, Logger } from '@sealbus/core';
import type { BodySealer } from '../sse/BodySealer.js';
import type { MessageStore } from '../store/MessageStore.js';
import type { HttpPush } from '../topics/push/HttpPush.js';
import type { RecordedDeliveries } from '../topics/push/RecordedDeliveries.js';
import type { EngineMetrics } from './EngineMetrics.js';

/** What every queue, topic and task of one engine broker shares. */
export interface EngineContext {
  readonly store: MessageStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: EngineMetrics;
  readonly sealer: BodySealer;
  readonly region: string;
  readonly accountId: string;
  readonly baseUrl: string;
  readonly newReceiptHandle: () => string;
  /** http/https delivery; absent until `snsHttp` is given (at creation or `enableHttpDelivery`). */
  push: HttpPush | undefined;
  /** Email and SMS deliveries, kept in memory instead of sent. */
  readonly recorded: RecordedDeliveries;
  /** Rejects every call once the broker is closed. */
  assertOpen(): void;
  /** Aborted by `close()`, ending long polls and move tasks. */
  readonly closeSignal: AbortSignal;
}
