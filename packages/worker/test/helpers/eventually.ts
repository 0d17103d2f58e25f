import { vi } from 'vitest';

/**
 * Retries an assertion until it holds. Generous timeout: the machine running the tests is
 * shared, and a state change may wait behind other processes; nothing here measures time.
 */
export function eventually<T>(assertion: () => T | Promise<T>): Promise<T> {
  return vi.waitFor(assertion, { timeout: 15_000, interval: 5 });
}
