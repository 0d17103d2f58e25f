import type { Clock } from '@sealbus/core';

/** A `Clock` that moves only when told: tests advance time instead of waiting for it. */
export class ManualClock implements Clock {
  #now: number;

  /** @param start epoch ms. @defaultValue `Date.now()` at construction */
  constructor(start: number = Date.now()) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  /** Moves time forward by `ms` (≥ 0). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`advance(ms) needs a finite ms >= 0; got ${ms}`);
    }
    this.#now += ms;
  }

  /** Jumps to an epoch ms that is not in the past. */
  set(epochMs: number): void {
    if (!Number.isFinite(epochMs) || epochMs < this.#now) {
      throw new RangeError(`set(epochMs) cannot move time backwards: ${epochMs} < ${this.#now}`);
    }
    this.#now = epochMs;
  }
}
