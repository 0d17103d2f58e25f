import { SealbusError } from '@sealbus/core';

export const WORKER_STATE_ERROR = 'Sealbus.WorkerState';

/** A call that the worker's lifecycle state does not allow (e.g. `handle` after `start`). */
export class WorkerStateError extends SealbusError {
  override readonly name = 'WorkerStateError';
  readonly code = WORKER_STATE_ERROR;
}
