import { describe, expect, it } from 'vitest';
import { TypedEmitter } from './TypedEmitter.js';

interface Events {
  ping: [n: number];
  error: [error: unknown];
}

class Probe extends TypedEmitter<Events> {
  fire<K extends keyof Events & string>(event: K, ...args: Events[K]): void {
    this.emit(event, ...args);
  }
}

describe('TypedEmitter', () => {
  it('delivers typed arguments to on and once listeners and stops after off', () => {
    const probe = new Probe();
    const seen: string[] = [];
    const listener = (n: number) => seen.push(`on ${n}`);
    probe.on('ping', listener).once('ping', (n) => seen.push(`once ${n}`));
    probe.fire('ping', 1);
    probe.off('ping', listener);
    probe.fire('ping', 2);
    expect(seen).toEqual(['on 1', 'once 1']);
    expect(probe.listenerCount('ping')).toBe(0);
  });

  it('drops an error event nobody listens to instead of throwing', () => {
    expect(() => new Probe().fire('error', new Error('unheard'))).not.toThrow();
  });
});
