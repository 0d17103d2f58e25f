import type { Queue } from '@sealbus/core';

/**
 * Keeps one in-flight message invisible while its handler runs, by resetting its visibility
 * timeout every `intervalSeconds` (sqs-consumer's heartbeat). Stops at the first failure: the
 * handle is gone (deleted, superseded) and further extensions cannot succeed.
 */
export class Heartbeat {
  #timer: NodeJS.Timeout | undefined;
  /** The extension under way, so that settling never races an older visibility change. */
  #pending: Promise<void> | undefined;

  constructor(
    queue: Queue,
    receiptHandle: string,
    intervalSeconds: number,
    visibilityTimeoutSeconds: number,
    onError: (error: unknown) => void,
  ) {
    if (intervalSeconds <= 0) return;
    this.#timer = setInterval(() => {
      if (this.#pending !== undefined) return;
      this.#pending = queue
        .changeVisibility(receiptHandle, visibilityTimeoutSeconds)
        .catch((error: unknown) => {
          if (this.#timer === undefined) return;
          this.#stopTimer();
          onError(error);
        })
        .finally(() => {
          this.#pending = undefined;
        });
    }, intervalSeconds * 1000);
    this.#timer.unref();
  }

  /** Stops extending; resolves once an extension already sent has landed. */
  stop(): Promise<void> {
    this.#stopTimer();
    return this.#pending ?? Promise.resolve();
  }

  #stopTimer(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
