import type { MessageStore } from '@sealbus/broker-engine';
import { describe, it, onTestFinished } from 'vitest';
import { messageCases } from './messageCases.js';
import { moveCases } from './moveCases.js';
import { queueFifoCases } from './queueFifoCases.js';
import { recordCases } from './recordCases.js';
import { StoreFixture } from './StoreFixture.js';
import { smsCases } from './smsCases.js';

/** What a store can do beyond the contract every store meets. */
export interface StoreFeatures {
  /** `reopen` closes the store and opens a new one on the same storage, as after a restart. */
  persistent: boolean;
}

/** One store under test, built fresh for every case. */
export interface StoreUnderTest {
  store: MessageStore;
  /** Closes `store` and opens another on the same storage (`persistent`). */
  reopen?(): Promise<MessageStore>;
}

export type MakeStore = () => Promise<StoreUnderTest>;

/** A case body: a fixture over a fresh store, and a way to reopen it. */
export type StoreCaseBody = (
  fixture: StoreFixture,
  reopen: () => Promise<StoreFixture>,
) => Promise<void>;

export type DefineStoreCase = (
  title: string,
  needs: ReadonlyArray<keyof StoreFeatures>,
  body: StoreCaseBody,
) => void;

const SECTIONS: ReadonlyArray<readonly [string, (test: DefineStoreCase) => void]> = [
  ['queue, topic, subscription and move task records', recordCases],
  ['messages', messageCases],
  ['FIFO and deduplication', queueFifoCases],
  ['redrive and moves', moveCases],
  ['SMS attributes and the opt-out list', smsCases],
];

/**
 * The contract of `MessageStore`, at the level a store author implements it: plain requests in,
 * records and typed misses out, no broker and no KMS. Call it from a store's test file with a
 * factory for a fresh, empty store; the broker-level `runConformance` still runs on top.
 */
export function runStoreConformance(
  name: string,
  makeStore: MakeStore,
  features: StoreFeatures,
): void {
  const define: DefineStoreCase = (title, needs, body) => {
    // A case a store cannot run is left out rather than skipped: the store declared it lacks it.
    if (needs.some((flag) => !features[flag])) return;
    it(title, async () => {
      const underTest = await makeStore();
      let current = underTest.store;
      onTestFinished(() => current.close());
      const reopen = async () => {
        if (underTest.reopen === undefined) throw new Error('persistent store without reopen()');
        current = await underTest.reopen();
        return new StoreFixture(current);
      };
      await body(new StoreFixture(current), reopen);
    });
  };
  describe(`${name}: MessageStore contract`, () => {
    for (const [section, declare] of SECTIONS) describe(section, () => declare(define));
  });
}
