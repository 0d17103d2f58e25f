import { type Clock, silentLogger, TOKENS, type Token } from '@sealbus/core';
import { describe, expect, it } from 'vitest';
import { engineRuntime } from './engineRuntime.js';

describe('engineRuntime', () => {
  const containerClock: Clock = { now: () => 1 };
  const lookup = <T>(token: Token<T>): T | undefined =>
    (token === TOKENS.Clock ? containerClock : undefined) as T | undefined;

  it('prefers the options, falls back to the container, and leaves unbound parts out', () => {
    expect(engineRuntime({}, lookup)).toEqual({ clock: containerClock });
    const ownClock: Clock = { now: () => 2 };
    expect(engineRuntime({ clock: ownClock, logger: silentLogger }, lookup)).toEqual({
      clock: ownClock,
      logger: silentLogger,
    });
  });
});
