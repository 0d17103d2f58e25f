import type { Clock } from '@sealbus/core';

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  constructor(private time = Date.UTC(2026, 0, 1)) {}
  now(): number {
    return this.time;
  }
  advanceDays(days: number): void {
    this.time += days * 86_400_000;
  }
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
