import type { Queue } from '@sealbus/core';

/**
 * Keeps one in-flight message invisible while its handler runs, by resetting its visibility
 * timeout every `intervalSeconds` (sqs-consumer's heartbeat). Stops at the first failure: the
 * handle is gone (deleted, superseded) and further extensions cannot succeed.
 */
export class Heartbeat {
  #timer: NodeJS.Timeout | undefined;

  constructor(
    queue: Queue,
    receiptHandle: string,
    intervalSeconds: number,
    visibilityTimeoutSeconds: number,
    onError: (error: unknown) => void,
  ) {
    if (intervalSeconds <= 0) return;
    this.#timer = setInterval(() => {
      queue.changeVisibility(receiptHandle, visibilityTimeoutSeconds).catch((error: unknown) => {
        if (this.#timer === undefined) return;
        this.stop();
        onError(error);
      });
    }, intervalSeconds * 1000);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
