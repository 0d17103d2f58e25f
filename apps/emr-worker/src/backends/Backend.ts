import type { Broker } from '@sealbus/core';
import type { KeyAdmin } from '../scenario/KeyAdmin.js';

export interface Backend {
  /** The broker of the producer and of set-up. */
  broker: Broker;
  /**
   * The broker a consumer principal uses. Local backends take the principal per call; on AWS it
   * comes from the credentials, so each principal gets its own client (its access key id).
   */
  brokerFor(principal: string): Broker;
  keys: KeyAdmin;
  /** What the summary prints as the backend. */
  description: string;
  close(): Promise<void>;
}
