/**
 * What a backend can do. A conformance case that needs a feature the backend lacks is skipped,
 * and its title says which flag was off.
 */
export interface BrokerFeatures {
  /** FIFO queues (and, with `topics`, FIFO topics): ordering, deduplication, sequence numbers. */
  fifo: boolean;
  /** SNS topics with queue subscriptions, filter policies and raw/envelope delivery. */
  topics: boolean;
  /** SSE with `KmsMasterKeyId` and `SqsManagedSseEnabled`; needs `harness.keys`. */
  sse: boolean;
  /** Key policies per principal (`keys.denyDecrypt`, `keys.denyGenerateDataKey`). */
  keyPolicies: boolean;
  /** Key states: `keys.disableKey`, `keys.enableKey`, `keys.scheduleKeyDeletion`. */
  keyStates: boolean;
  /** KMS call counting through `keys.auditCount` (data-key reuse). */
  kmsAudit: boolean;
  /** `startMessageMove`, `listMessageMoveTasks`, `cancelMessageMoveTask`. */
  moveTasks: boolean;
  /** The backend reads time from the harness's `ManualClock`, so cases can advance it. */
  controllableClock: boolean;
  /** `harness.openAnother()` opens a second broker on the same storage, as another process would. */
  multiProcess: boolean;
  /** `harness.reopen()` closes the broker and opens a new one on the same storage. */
  persistent: boolean;
  /** `harness.store.rawBodies()` returns the stored bytes, for at-rest assertions. */
  storeInspection: boolean;
}

export type FeatureName = keyof BrokerFeatures;

/** Every feature on: the in-memory and SQLite backends. */
export const ALL_FEATURES: Readonly<BrokerFeatures> = {
  fifo: true,
  topics: true,
  sse: true,
  keyPolicies: true,
  keyStates: true,
  kmsAudit: true,
  moveTasks: true,
  controllableClock: true,
  multiProcess: true,
  persistent: true,
  storeInspection: true,
};
