import { errorBase } from '@sealbus/core';

export const WORKER_STATE_ERROR = 'Sealbus.WorkerState' as const;

/** A call that the worker's lifecycle state does not allow (e.g. `handle` after `start`). */
export class WorkerStateError extends errorBase(WORKER_STATE_ERROR) {}
