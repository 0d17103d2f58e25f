import type { Broker } from '@sealbus/core';
import type { ManualClock } from './ManualClock.js';

/** KMS administration the suite needs to set up keys, policies and key states. */
export interface ConformanceKeyAdmin {
  /** Creates a symmetric CMK; returns its key ARN. */
  createKey(description: string): Promise<string>;
  disableKey(keyId: string): Promise<void>;
  enableKey(keyId: string): Promise<void>;
  /** Schedules deletion with the shortest window, leaving the key `PendingDeletion`. */
  scheduleKeyDeletion(keyId: string): Promise<void>;
  /** Keeps every other permission, but denies `kms:Decrypt` to `principal`. */
  denyDecrypt(keyId: string, principal: string): Promise<void>;
  /** Keeps every other permission, but denies `kms:GenerateDataKey` to `principal`. */
  denyGenerateDataKey(keyId: string, principal: string): Promise<void>;
  /** How many KMS calls of `operation` (e.g. `GenerateDataKey`) were made with this key. */
  auditCount?(operation: string, keyArn: string): Promise<number>;
}

/** One backend instance under test, built fresh for every case. */
export interface ConformanceHarness {
  broker: Broker;
  keys?: ConformanceKeyAdmin;
  /** The clock the backend reads, when it honours one (`controllableClock`). */
  clock?: ManualClock;
  /** Stored bytes of a queue's messages, oldest first (`storeInspection`). */
  store?: { rawBodies(queueName: string): Promise<Uint8Array[]> };
  /** A second harness on the same storage and keys, alive together with this one (`multiProcess`). */
  openAnother?(): Promise<ConformanceHarness>;
  /** Closes this harness and opens a new one on the same storage and keys (`persistent`). */
  reopen?(): Promise<ConformanceHarness>;
  close(): Promise<void>;
}

export type MakeHarness = (ctx: { clock: ManualClock }) => Promise<ConformanceHarness>;
