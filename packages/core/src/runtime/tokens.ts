import type { Broker } from '../types/broker.js';
import type { KeyProvider } from '../types/keys.js';
import type { Clock } from './clock.js';
import type { Logger } from './logger.js';
import type { MetricsSink } from './metrics.js';

/**
 * A dependency-injection token carrying the type it resolves to. It is a plain symbol at run time;
 * the construct signature exists only in types, so that inversify's `ServiceIdentifier<T>` (which
 * infers `T` from constructors, not symbols) types `container.get(TOKENS.Broker)` as `Broker`.
 */
export type Token<T> = symbol & { readonly __type?: T } & (abstract new (...args: never) => T);

function token<T>(name: string): Token<T> {
  return Symbol.for(`sealbus.${name}`) as Token<T>;
}

/** Inversify service identifiers shared by every backend module and by applications. */
export const TOKENS = {
  Broker: token<Broker>('Broker'),
  KeyProvider: token<KeyProvider>('KeyProvider'),
  Clock: token<Clock>('Clock'),
  Logger: token<Logger>('Logger'),
  Metrics: token<MetricsSink>('Metrics'),
} as const;
