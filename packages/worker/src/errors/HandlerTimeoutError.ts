import { errorBase } from '@sealbus/core';

export const HANDLER_TIMEOUT_ERROR = 'Sealbus.HandlerTimeout' as const;

/** A handler ran longer than `handlerTimeoutMs`; the message is retried with backoff. */
export class HandlerTimeoutError extends errorBase(HANDLER_TIMEOUT_ERROR) {
  readonly timeoutMs: number;

  constructor(messageId: string, timeoutMs: number) {
    super(
      `Handler for message ${messageId} exceeded handlerTimeoutMs (${timeoutMs} ms). Raise handlerTimeoutMs or make the handler honour context.signal.`,
      { field: 'handlerTimeoutMs' },
    );
    this.timeoutMs = timeoutMs;
  }
}
