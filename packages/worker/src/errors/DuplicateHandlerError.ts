import { errorBase } from '@sealbus/core';

export const DUPLICATE_HANDLER_ERROR = 'Sealbus.DuplicateHandler' as const;

/** A second handler for a queue that already has one (Watermill's `DuplicateHandlerNameError`). */
export class DuplicateHandlerError extends errorBase(DUPLICATE_HANDLER_ERROR) {
  readonly queueName: string;

  constructor(queueName: string) {
    super(
      `Queue ${JSON.stringify(queueName)} already has a handler. Register one handler per queue and compose behaviour with middleware.`,
      { field: 'queueName' },
    );
    this.queueName = queueName;
  }
}
