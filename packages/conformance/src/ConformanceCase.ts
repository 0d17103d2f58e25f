import { randomBytes } from 'node:crypto';
import type { Broker, Queue, ReceivedMessage, ReceiveOptions } from '@sealbus/core';
import { onTestFinished } from 'vitest';
import type { BrokerFeatures } from './BrokerFeatures.js';
import type { ConformanceHarness, ConformanceKeyAdmin } from './ConformanceHarness.js';
import type { ManualClock } from './ManualClock.js';

/** How often `receiveAll` polls before giving up. */
const RECEIVE_ATTEMPTS = 50;
/** Real pause between polls when a receive came back short (background moves, other processes). */
const POLL_PAUSE_MS = 20;

let caseCounter = 0;

/** One running case: its harness, clock and helpers. Closed when the case finishes. */
export class ConformanceCase {
  readonly harness: ConformanceHarness;
  readonly clock: ManualClock;
  readonly features: BrokerFeatures;
  readonly #prefix: string;
  #names = 0;

  constructor(harness: ConformanceHarness, clock: ManualClock, features: BrokerFeatures) {
    this.harness = harness;
    this.clock = clock;
    this.features = features;
    caseCounter++;
    this.#prefix = `cf${caseCounter}${randomBytes(3).toString('hex')}`;
  }

  get broker(): Broker {
    return this.harness.broker;
  }

  get keys(): ConformanceKeyAdmin {
    const keys = this.harness.keys;
    if (keys === undefined) {
      throw new Error(
        'This case needs harness.keys (features sse/keyPolicies/keyStates); give the harness a ConformanceKeyAdmin',
      );
    }
    return keys;
  }

  /** A queue or topic name unique to this case (and run), ending in `.fifo` when asked. */
  name(base: string, fifo = false): string {
    this.#names++;
    const name = `${this.#prefix}-${this.#names}-${base}`.slice(0, fifo ? 75 : 80);
    return fifo ? `${name}.fifo` : name;
  }

  /** Advances the backend's clock (cases using it require `controllableClock`). */
  advanceSeconds(seconds: number): void {
    this.clock.advance(seconds * 1000);
  }

  /** Receives until `count` messages arrived or the attempts run out; returns what arrived. */
  async receiveAll(
    queue: Queue,
    count: number,
    options: Omit<ReceiveOptions, 'maxMessages' | 'waitTimeSeconds'> = {},
  ): Promise<ReceivedMessage[]> {
    const received: ReceivedMessage[] = [];
    for (let attempt = 0; attempt < RECEIVE_ATTEMPTS && received.length < count; attempt++) {
      const batch = await queue.receive({
        ...options,
        maxMessages: Math.min(10, count - received.length),
        waitTimeSeconds: this.features.controllableClock ? 0 : 1,
      });
      received.push(...batch);
      if (batch.length === 0) await pause(POLL_PAUSE_MS);
    }
    return received;
  }

  /** Stored bytes of a queue (`storeInspection`). */
  async rawBodies(queueName: string): Promise<Uint8Array[]> {
    const store = this.harness.store;
    if (store === undefined) throw new Error('This case needs harness.store (storeInspection)');
    return store.rawBodies(queueName);
  }

  /** A second harness on the same storage, closed with the case (`multiProcess`). */
  async openAnother(): Promise<ConformanceCase> {
    const open = this.harness.openAnother;
    if (open === undefined) throw new Error('This case needs harness.openAnother (multiProcess)');
    const other = await open.call(this.harness);
    onTestFinished(() => other.close());
    return new ConformanceCase(other, this.clock, this.features);
  }
}

export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const utf8 = new TextDecoder();

/** Whether `plaintext` appears anywhere in the stored bytes. */
export function containsText(bytes: Uint8Array, plaintext: string): boolean {
  return utf8.decode(bytes).includes(plaintext);
}
