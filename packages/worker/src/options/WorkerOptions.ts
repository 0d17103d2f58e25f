import { checkOptionKeys, InvalidParameterValueError } from '@sealbus/core';
import type { Middleware } from '../types/handler.js';
import { checkInteger } from './checks.js';
import { type HandlerDefaults, resolveHandlerOptions } from './HandlerOptions.js';
import { HANDLER_SPY_OPTION_KEYS, WORKER_OPTION_KEYS } from './optionKeys.js';

export interface WorkerOptions {
  /** Router-level middleware: wraps every handler, outside each handler's own. @defaultValue [] */
  middleware?: Middleware[];
  /** Defaults for every `handle()` call; each handler's options override them. @defaultValue {} */
  handlerDefaults?: HandlerDefaults;
  /** Close gracefully on SIGINT/SIGTERM (opt-in: a library should not own signals). @defaultValue false */
  handleSignals?: boolean;
  /** How long `close()` waits for in-flight handlers by default. 0–3,600,000. @defaultValue 30000 */
  shutdownTimeoutMs?: number;
  /** Close the broker after the worker has stopped. @defaultValue false */
  closeBroker?: boolean;
  /** Record outcomes in a `HandlerSpy` (needed by `waitFor`). @defaultValue false */
  handlerSpy?: boolean | { bufferSize?: number };
}

export interface ResolvedWorkerOptions {
  middleware: Middleware[];
  handlerDefaults: HandlerDefaults;
  handleSignals: boolean;
  shutdownTimeoutMs: number;
  closeBroker: boolean;
  /** 0 when the spy is off. */
  handlerSpyBufferSize: number;
}

export const DEFAULT_HANDLER_SPY_BUFFER_SIZE = 1_000;

export const DEFAULT_WORKER_OPTIONS = Object.freeze({
  handleSignals: false,
  shutdownTimeoutMs: 30_000,
  closeBroker: false,
});

/** The one resolver of worker options; it also checks `handlerDefaults` once, up front. */
export function resolveWorkerOptions(options: WorkerOptions = {}): ResolvedWorkerOptions {
  checkOptionKeys(options, WORKER_OPTION_KEYS);
  const merged = { ...DEFAULT_WORKER_OPTIONS, ...options };
  checkInteger('shutdownTimeoutMs', merged.shutdownTimeoutMs, 0, 3_600_000);
  const handlerDefaults = merged.handlerDefaults ?? {};
  resolveHandlerOptions({}, handlerDefaults);
  const middleware = merged.middleware ?? [];
  if (!Array.isArray(middleware) || middleware.some((m) => typeof m !== 'function')) {
    throw new InvalidParameterValueError(
      'middleware must be an array of functions (next) => handler.',
      { field: 'middleware' },
    );
  }
  let handlerSpyBufferSize = 0;
  if (merged.handlerSpy === true) handlerSpyBufferSize = DEFAULT_HANDLER_SPY_BUFFER_SIZE;
  else if (typeof merged.handlerSpy === 'object') {
    checkOptionKeys(merged.handlerSpy, HANDLER_SPY_OPTION_KEYS, 'handlerSpy.');
    handlerSpyBufferSize = checkInteger(
      'handlerSpy.bufferSize',
      merged.handlerSpy.bufferSize ?? DEFAULT_HANDLER_SPY_BUFFER_SIZE,
      1,
      1_000_000,
    );
  }
  return {
    middleware: [...middleware],
    handlerDefaults,
    handleSignals: merged.handleSignals === true,
    shutdownTimeoutMs: merged.shutdownTimeoutMs,
    closeBroker: merged.closeBroker === true,
    handlerSpyBufferSize,
  };
}
