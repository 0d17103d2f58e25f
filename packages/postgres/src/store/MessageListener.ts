import { QueueWaiters } from '@sealbus/broker-engine';
import pg from 'pg';

/** The channel every send notifies, with the queue name as payload. */
export const MESSAGES_CHANNEL = 'sealbus_messages';

/**
 * The channel the `sb_queues` trigger (migration 6) notifies, with the queue name as payload,
 * when a queue's record changes or the queue is deleted, by any connection.
 */
export const QUEUE_RECORDS_CHANNEL = 'sealbus_queue_records';

/** What the listener tells the holder of queue-record copies. */
export interface QueueRecordInvalidation {
  /** `name`'s record changed or its queue was deleted. */
  forget(name: string): void;
  /** Changes may have gone unannounced: the listening connection came up or went down. */
  forgetAll(): void;
}

/** One NOTIFY per queue name in `$1`. */
export const NOTIFY_QUEUES = `SELECT pg_notify('${MESSAGES_CHANNEL}', name) FROM unnest($1::text[]) AS name`;

/**
 * Long-poll wake-ups across processes and machines: one connection LISTENs on
 * `MESSAGES_CHANNEL` and wakes this process's waiters of the notified queue. The same connection
 * LISTENs on `QUEUE_RECORDS_CHANNEL` and passes record changes to `records`. PostgreSQL delivers
 * a NOTIFY only when its transaction commits, so a woken receiver always finds the message. When
 * the connection is lost (server restart), it reconnects with a growing pause; waiters then still
 * return at their bounded fallback poll, so no wake-up is lost for longer than that.
 */
export class MessageListener {
  readonly #connectionString: string;
  readonly #records: QueueRecordInvalidation | undefined;
  readonly #waiters = new QueueWaiters();
  #client: pg.Client | undefined;
  #connecting: Promise<void> | undefined;
  #closed = false;
  #retryTimer: NodeJS.Timeout | undefined;
  #retryDelayMs = 100;

  constructor(connectionString: string, records?: QueueRecordInvalidation) {
    this.#connectionString = connectionString;
    this.#records = records;
  }

  /** Whether notifications are arriving (the connection is up and listening). */
  get listening(): boolean {
    return this.#client !== undefined;
  }

  /** Starts listening (idempotent); failures are retried in the background. */
  start(): Promise<void> {
    this.#connecting ??= this.#connect();
    return this.#connecting;
  }

  async #connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.#connectionString });
    client.on('error', () => this.#lost(client));
    client.on('end', () => this.#lost(client));
    client.on('notification', (message) => {
      if (message.channel === QUEUE_RECORDS_CHANNEL) {
        if (message.payload !== undefined) this.#records?.forget(message.payload);
        return;
      }
      // Our own NOTIFY: `Notifier` woke this process's waiters before sending it.
      if (message.processId === (client as { processID?: number | null }).processID) return;
      if (message.payload !== undefined) this.wake(message.payload);
    });
    try {
      await client.connect();
      // Only NOTIFY commits on this connection: a notification lost to a crash costs a waiter
      // one fallback poll, so its commit need not wait for the WAL flush (nor hold others up).
      await client.query('SET synchronous_commit = off');
      await client.query(`LISTEN ${MESSAGES_CHANNEL}; LISTEN ${QUEUE_RECORDS_CHANNEL}`);
      if (this.#closed) {
        await client.end();
        return;
      }
      this.#client = client;
      this.#retryDelayMs = 100;
      this.#records?.forgetAll();
      // Anything sent while we were not listening: let every waiter look again.
      this.wakeAll();
    } catch {
      client.end().catch(() => {});
      this.#scheduleRetry();
    }
  }

  #lost(client: pg.Client): void {
    if (this.#client !== client) return;
    this.#client = undefined;
    this.#records?.forgetAll();
    client.end().catch(() => {});
    this.#scheduleRetry();
  }

  #scheduleRetry(): void {
    this.#connecting = undefined;
    if (this.#closed || this.#retryTimer !== undefined) return;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      void this.start();
    }, this.#retryDelayMs);
    this.#retryTimer.unref();
    this.#retryDelayMs = Math.min(this.#retryDelayMs * 2, 2_000);
  }

  /**
   * Sends NOTIFY for `names` on the listening connection (see `Notifier`); while it is down
   * they are dropped, and waiters elsewhere find the messages at their fallback poll.
   */
  async notify(names: string[]): Promise<void> {
    await this.#client?.query(NOTIFY_QUEUES, [names]);
  }

  /** Resolves on a wake-up of `queueName`, after `timeoutMs`, or on abort. Never rejects. */
  wait(queueName: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return this.#waiters.wait(queueName, timeoutMs, signal);
  }

  wake(queueName: string): void {
    this.#waiters.wake(queueName);
  }

  wakeAll(): void {
    this.#waiters.wakeAll();
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    this.#waiters.close();
    const client = this.#client;
    this.#client = undefined;
    await this.#connecting?.catch(() => {});
    await client?.end().catch(() => {});
  }
}
